"""The system makes and keeps the groups: per institution (all its languages), per district, the ministry."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models.signals import post_save
from django.urls import reverse
from factory.django import mute_signals
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from roles.groups import MINISTRY_GROUP_NAME
from roles.models import InstitutionEditors, ReviewArea
from roles.workflows import MINISTRY_WORKFLOW_NAME, ensure_ministry_workflow

from .factories import DistrictFactory, InstitutionPageFactory, RegionFactory
from .roles_setup import area_of, editors_of, make_user

pytestmark = pytest.mark.django_db


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def roles_state():
    """Everything sync_roles makes, as comparable values."""
    return {
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "page_permissions": sorted(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list("group_id", "collection_id", "permission_id")
        ),
        "model_permissions": sorted(Group.permissions.through.objects.values_list("group_id", "permission_id")),
        "collections": sorted(Collection.objects.values_list("pk", "name", "path")),
        "workflows": sorted(Workflow.objects.values_list("pk", "name")),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "tasks": sorted(Task.objects.values_list("pk", "name")),
        "editors": sorted(InstitutionEditors.objects.values_list("institution_key", "group_id", "collection_id")),
        "areas": sorted(ReviewArea.objects.values_list("key", "group_id", "workflow_id")),
    }


def test_a_new_institution_gets_its_editors_group_and_collection(two_institutions):
    a, _b = two_institutions
    role = editors_of(a)
    assert role.group.name == "Editors: №1 мектеп A"
    assert page_codenames(role.group, a) == {"add_page", "change_page", "lock_page"}
    assert role.group.permissions.filter(codename="access_admin").exists()
    assert role.collection.name == "№1 мектеп A"
    assert role.collection.get_parent() == Collection.get_first_root_node()
    assert set(
        GroupCollectionPermission.objects.filter(group=role.group).values_list("collection_id", "permission__codename")
    ) == {
        (role.collection.pk, codename)
        for codename in ("add_document", "change_document", "choose_document", "add_image", "change_image",
                         "choose_image")
    }
    # The district's reviewers open the page; the district's workflow reviews it.
    area = area_of(a)
    assert page_codenames(area.group, a) == {"change_page"}
    assert WorkflowPage.objects.get(page=a).workflow == area.workflow
    assert list(area.workflow.tasks.specific()[0].groups.all()) == [area.group]


def test_translations_share_the_editors_group(two_institutions, people, client):
    a, b = two_institutions
    russian = Locale.objects.get(language_code="ru")
    a_ru = a.copy_for_translation(russian, copy_parents=True)
    b_ru = b.copy_for_translation(russian, copy_parents=True)
    assert InstitutionEditors.objects.filter(institution_key=a.translation_key).count() == 1
    assert page_codenames(editors_of(a).group, a_ru) == {"add_page", "change_page", "lock_page"}
    assert page_codenames(area_of(a).group, a_ru) == {"change_page"}
    client.force_login(people["editor_a"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[a_ru.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b_ru.pk])).status_code in (302, 403)


def test_renaming_renames_the_group_and_moving_district_moves_the_review(two_institutions):
    a, b = two_institutions
    group_count = Group.objects.count()
    old_area = area_of(a)
    a.title = "№1 мектеп A (жаңы аты)"
    a.district = b.district
    a.region = b.region
    a.save_revision().publish()
    assert Group.objects.count() == group_count
    assert editors_of(a).group.name == "Editors: №1 мектеп A (жаңы аты)"
    assert editors_of(a).collection.name == "№1 мектеп A (жаңы аты)"
    assert page_codenames(old_area.group, a) == set()
    assert page_codenames(area_of(b).group, a) == {"change_page"}
    assert WorkflowPage.objects.get(page=a).workflow == area_of(b).workflow


def test_a_city_without_districts_is_reviewed_by_its_region(directory):
    osh = RegionFactory(name="Ош шаары")
    page = InstitutionPageFactory(parent=directory, district=None, region=osh)
    area = ReviewArea.objects.get(key=f"region:{osh.translation_key}")
    assert area.group.name == "Reviewers: Ош шаары"
    assert WorkflowPage.objects.get(page=page).workflow == area.workflow


def test_two_institutions_with_one_name_get_two_groups(directory):
    district = DistrictFactory()
    first = InstitutionPageFactory(parent=directory, title="№1 орто мектеби", district=district)
    second = InstitutionPageFactory(parent=directory, title="№1 орто мектеби")
    assert editors_of(first).group != editors_of(second).group
    assert editors_of(second).group.name == "Editors: №1 орто мектеби (2)"


def test_sync_roles_makes_groups_for_existing_data_and_twice_changes_nothing(directory, capsys):
    with mute_signals(post_save):
        pages = [InstitutionPageFactory(parent=directory) for _ in range(3)]
    assert not InstitutionEditors.objects.exists()
    call_command("sync_roles", verbosity=0)
    assert "3 institutions" in capsys.readouterr().out
    for page in pages:
        assert page_codenames(editors_of(page).group, page) == {"add_page", "change_page", "lock_page"}
        assert WorkflowPage.objects.get(page=page).workflow == area_of(page).workflow
    ministry = Group.objects.get(name=MINISTRY_GROUP_NAME)
    root = Page.get_first_root_node()
    assert "publish_page" in page_codenames(ministry, root)
    first = roles_state()
    call_command("sync_roles", verbosity=0)
    assert roles_state() == first


def test_ministry_approves_ministry_pages(directory):
    workflow = ensure_ministry_workflow(directory)
    assert workflow.name == MINISTRY_WORKFLOW_NAME
    assert WorkflowPage.objects.get(page=directory).workflow == workflow
    assert list(workflow.tasks.specific()[0].groups.all()) == [Group.objects.get(name=MINISTRY_GROUP_NAME)]
    # Calling it again (e.g. for the ministry documents index) reuses the same workflow.
    assert ensure_ministry_workflow(directory) == workflow
    assert Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).count() == 1


def test_ministry_edits_and_publishes_any_institution(two_institutions, client):
    from roles.groups import ensure_ministry_group

    _a, b = two_institutions
    minister = make_user("minister", ensure_ministry_group())
    client.force_login(minister)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b.pk])).status_code == 200
    assert b.permissions_for_user(minister).can_publish()
    assert client.get(reverse("wagtailsnippets_taxonomy_region:list")).status_code == 200
