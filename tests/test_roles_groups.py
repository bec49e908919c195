"""The system makes and keeps the groups: per institution (all its languages), per district, the ministry."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from factory.django import mute_signals
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    ModelLogEntry,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from roles.groups import MINISTRY_APPROVERS_GROUP_NAME, MINISTRY_GROUP_NAME
from roles.models import InstitutionEditors, ReviewArea
from roles.signals import sync_institutions
from roles.workflows import MINISTRY_WORKFLOW_NAME, ensure_ministry_workflow

from .factories import DistrictFactory, InstitutionPageFactory, RegionFactory
from .roles_setup import approver_user, area_of, editors_of, make_user, ministry_user

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
        for codename in (
            "add_document",
            "change_document",
            "choose_document",
            "add_image",
            "change_image",
            "choose_image",
        )
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
    assert page_codenames(ministry, root) == {"add_page", "bulk_delete_page", "change_page", "lock_page", "unlock_page"}
    first = roles_state()
    entries = ModelLogEntry.objects.count()
    call_command("sync_roles", verbosity=0)
    assert roles_state() == first
    assert ModelLogEntry.objects.count() == entries  # nothing changed, nothing logged


def group_log(group):
    return list(ModelLogEntry.objects.filter(content_type__model="group", object_id=str(group.pk)).order_by("pk"))


@pytest.mark.parametrize("sync", ["command", "bulk load"])
def test_a_bulk_sync_adds_collections_without_renumbering_the_others(directory, sync):
    # Wagtail keeps collections sorted by name; adding one before its siblings rewrites every later
    # sibling's path. Thousands of institutions created in another order made a first sync take an hour.
    titles = [f"Мектеп {letter}" for letter in "ЯЮЭЫЧЦХФУТ"]  # created last name first
    with mute_signals(post_save):
        pages = [InstitutionPageFactory(parent=directory, title=title) for title in titles]
    with CaptureQueriesContext(connection) as queries:
        if sync == "command":
            call_command("sync_roles", verbosity=0)
        else:
            sync_institutions([page.pk for page in pages])
    renumbered = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "wagtailcore_collection" SET "path"')]
    assert renumbered == []
    names = [c.name for c in Collection.get_first_root_node().get_children()]
    assert names == sorted(titles)


def test_the_sync_logs_what_it_creates_and_changes(directory, client):
    with mute_signals(post_save):
        page = InstitutionPageFactory(parent=directory, title="Жаңы мектеп")
    call_command("sync_roles", verbosity=0)
    group = editors_of(page).group
    [created] = group_log(group)
    assert created.action == "roles.create_group"
    assert "change_page (Жаңы мектеп)" in created.data["added"]

    # An earlier version gave the ministry "publish" on the root; the sync takes it back, and says so.
    ministry = Group.objects.get(name=MINISTRY_GROUP_NAME)
    GroupPagePermission.objects.create(
        group=ministry, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="publish_page")
    )
    GroupPagePermission.objects.filter(group=group, permission__codename="lock_page").delete()
    call_command("sync_roles", verbosity=0)
    changed = group_log(ministry)[-1]
    assert changed.action == "roles.change_group" and changed.data["removed"] == ["publish_page (Root)"]
    assert group_log(group)[-1].data["added"] == ["lock_page (Жаңы мектеп)"]

    # The ministry reads it in Site history.
    client.force_login(make_user("auditor", ministry))
    with translation.override("en"):
        html = client.get(reverse("wagtailadmin_reports:site_history"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The system created the group “Editors: Жаңы мектеп”" in html
    assert "The system changed the group: removed: publish_page (Root)" in html


def test_ministry_approves_ministry_pages(directory):
    workflow = ensure_ministry_workflow(directory)
    assert workflow.name == MINISTRY_WORKFLOW_NAME
    assert WorkflowPage.objects.get(page=directory).workflow == workflow
    assert list(workflow.tasks.specific()[0].groups.all()) == [Group.objects.get(name=MINISTRY_APPROVERS_GROUP_NAME)]
    # Calling it again (e.g. for the ministry documents index) reuses the same workflow.
    assert ensure_ministry_workflow(directory) == workflow
    assert Workflow.objects.filter(name=MINISTRY_WORKFLOW_NAME).count() == 1


def test_sync_roles_gives_workflows_made_with_english_names_their_kyrgyz_names_once(two_institutions, home):
    a, _b = two_institutions
    ministry = ensure_ministry_workflow(home)
    review = area_of(a).workflow
    Workflow.objects.filter(pk=ministry.pk).update(name="Ministry approval")
    Workflow.objects.filter(pk=review.pk).update(name="District review: Ленин району")
    review.tasks.update(name="District review: Ленин району: Reviewers: Ленин району")
    before = Workflow.objects.count()
    for _run in range(2):
        call_command("sync_roles", verbosity=0)
        assert Workflow.objects.count() == before
        assert Workflow.objects.get(pk=ministry.pk).name == MINISTRY_WORKFLOW_NAME == "Министрликтин бекитүүсү"
        name = Workflow.objects.get(pk=review.pk).name
        assert name.startswith("Райондук кароо: Ленин району")
        assert [task.name for task in review.tasks.all()] == [name]
    assert a.get_workflow().pk == review.pk and home.get_workflow().pk == ministry.pk


def test_ministry_edits_any_institution_but_publishes_nothing_past_a_review(two_institutions, home, client):
    from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory

    _a, b = two_institutions
    register = DecisionIndexPageFactory(parent=home)
    decision = AccreditationDecisionPageFactory(parent=register, institution=b)
    minister, approver = ministry_user(), approver_user()
    client.force_login(minister)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_taxonomy_region:list")).status_code == 200
    # Wagtail lets whoever holds "publish" publish past a workflow: the ministry holds it nowhere, and its
    # approvers only where they approve (decisions, ministry documents), never on an institution.
    for page in (b, decision, home):
        assert page.permissions_for_user(minister).can_edit()
        assert not page.permissions_for_user(minister).can_publish()
    assert decision.permissions_for_user(approver).can_publish()
    assert not b.permissions_for_user(approver).can_publish()
    assert not home.permissions_for_user(approver).can_publish()
    # The site's own pages pass Ministry approval; an institution its district's review.
    assert home.get_workflow().name == MINISTRY_WORKFLOW_NAME
    assert decision.get_workflow().name == MINISTRY_WORKFLOW_NAME
    assert b.get_workflow() == area_of(b).workflow
