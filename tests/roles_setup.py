"""Shared setup of the roles tests: two institutions in two districts, their editors and reviewers."""

import pytest
from django.contrib.auth import get_user_model

from roles.groups import ensure_ministry_approvers_group, ensure_ministry_group
from roles.models import InstitutionEditors, ReviewArea

from .factories import DistrictFactory, InstitutionPageFactory, ProgrammePageFactory
from .users import english_admin

PASSWORD = "a-long-test-password"


def make_user(username, *groups, **fields):
    """A user in the given groups, with an e-mail address and an English admin."""
    user = get_user_model().objects.create_user(username, f"{username}@example.kg", PASSWORD, **fields)
    user.groups.add(*groups)
    return english_admin(user)


def editors_of(institution):
    return InstitutionEditors.objects.get(institution_key=institution.translation_key)


def area_of(institution):
    return ReviewArea.objects.get(key=f"district:{institution.district.translation_key}")


# Users with the roles the system gives (the groups are made when the institution page is created).
def editor_of(institution, username="editor"):
    return make_user(username, editors_of(institution).group)


def reviewer_of(institution, username="reviewer"):
    return make_user(username, area_of(institution).group)


def ministry_user(username="minister"):
    return make_user(username, ensure_ministry_group())


def approver_user(username="approver"):
    return make_user(username, ensure_ministry_group(), ensure_ministry_approvers_group())


@pytest.fixture
def two_institutions(directory):
    """Institution A in district X and institution B in district Y, each with a programme."""
    return make_two_institutions(directory)


@pytest.fixture
def people(two_institutions):
    return make_people(two_institutions)


def make_two_institutions(directory):
    district_x = DistrictFactory(name="Ленин району")
    district_y = DistrictFactory(name="Сузак району")
    a = InstitutionPageFactory(parent=directory, title="№1 мектеп A", district=district_x)
    b = InstitutionPageFactory(parent=directory, title="№2 мектеп B", district=district_y)
    a.save_revision().publish()
    b.save_revision().publish()
    ProgrammePageFactory(parent=a, title="A программасы").save_revision().publish()
    ProgrammePageFactory(parent=b, title="B программасы").save_revision().publish()
    return a, b


def make_people(two_institutions):
    a, b = two_institutions
    return {
        "editor_a": make_user("editor-a", editors_of(a).group),
        "editor_b": make_user("editor-b", editors_of(b).group),
        "reviewer_x": make_user("reviewer-x", area_of(a).group),
        "reviewer_y": make_user("reviewer-y", area_of(b).group),
    }
