"""The system's groups read in the admin's language wherever Wagtail shows them (the groups list,
the user form, a workflow task's form), while the code keeps finding them by their stored codes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from roles.groups import MINISTRY_APPROVERS_GROUP_NAME, MINISTRY_GROUP_NAME
from roles.membership import oversees

from .roles_setup import area_of, editors_of, ministry_user, two_institutions  # noqa: F401 - fixture

NAMES = {
    "ky": ["Министрлик", "Министрликтин бекитүүчүлөрү", "Редакторлор: №1 мектеп A", "Карап чыгуучулар: Ленин району"],
    "ru": ["Министерство", "Утверждающие в министерстве", "Редакторы: №1 мектеп A", "Проверяющие: Ленин району"],
    "en": ["Ministry", "Ministry approvers", "Editors: №1 мектеп A", "Reviewers: Ленин району"],
}
STORED = ["Ministry approvers", "Editors: №1", "Reviewers: Ленин"]


def superuser_in(language):
    user = get_user_model().objects.create_superuser(f"admin-{language}", f"{language}@example.kg", "x")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.fixture
def groups(two_institutions):  # noqa: F811 - the fixture imported above
    a, _b = two_institutions
    ministry_user()
    approvers = Group.objects.get_or_create(name=MINISTRY_APPROVERS_GROUP_NAME)[0]
    area = area_of(a)
    return {
        "editors": editors_of(a).group,
        "reviewers": area.group,
        "review task": area.workflow.tasks.get(),
        "approvers": approvers,
    }


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_group_names_follow_the_admin_language(client, groups, language):
    client.force_login(superuser_in(language))
    pages = {
        "groups": reverse("wagtailusers_groups:index"),
        "user form": reverse("wagtailusers_users:add"),
        "users filter": reverse("wagtailusers_users:index"),
    }
    # The district's review task lists its reviewers group.
    pages["task form"] = reverse("wagtailadmin_workflows:edit_task", args=[groups["review task"].pk])
    for where, url in pages.items():
        html = client.get(url).content.decode()
        wanted = NAMES[language] if where != "task form" else [NAMES[language][3]]
        assert [name for name in wanted if name not in html] == [], where
        if language != "en":
            assert [name for name in STORED if name in html] == [], where


def test_the_code_still_finds_groups_by_their_stored_codes(groups):
    with translation.override("ky"):
        assert str(Group.objects.get(name=MINISTRY_GROUP_NAME)) == "Министрлик"
        assert str(groups["editors"]) == "Редакторлор: №1 мектеп A"
        other = Group.objects.create(name="Мугалимдер")
        assert str(other) == "Мугалимдер"  # a group made by hand keeps its name
        # Matched on the stored code, whatever the language reads.
        assert oversees(ministry_user("minister-2"))
