"""Decisions and ministry documents belong to the ministry: institution editors and reviewers cannot touch them."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from accreditation.models import AccreditationDecisionPage, MinistryDocumentPage
from roles.groups import ensure_ministry_group, sync_all

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
)
from .roles_setup import approver_user, make_user, ministry_user
from .test_accreditation_validation import form_data


@pytest.fixture
def ministry_pages(home, two_institutions):
    a, _b = two_institutions
    register = DecisionIndexPageFactory(parent=home)
    documents = MinistryDocumentIndexPageFactory(parent=home)
    decision = AccreditationDecisionPageFactory(parent=register, institution=a)
    order = MinistryDocumentPageFactory(parent=documents)
    for page in (register, documents, decision, order):
        page.save_revision().publish()
    return {"register": register, "documents": documents, "decision": decision, "order": order}


def test_ministry_content_goes_through_ministry_approval(ministry_pages):
    for name in ("register", "documents"):
        workflow = ministry_pages[name].get_workflow()
        assert workflow is not None and workflow.name
        assert ministry_pages["decision"].get_workflow() == ministry_pages["register"].get_workflow()


@pytest.mark.parametrize("who", ["editor_a", "reviewer_x"])
def test_editors_and_reviewers_cannot_create_or_edit_ministry_content(client, people, ministry_pages, who):
    client.force_login(people[who])
    before = (AccreditationDecisionPage.objects.count(), MinistryDocumentPage.objects.count())
    for index, model in (("register", "accreditationdecisionpage"), ("documents", "ministrydocumentpage")):
        parent = ministry_pages[index]
        assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk])).status_code in (302, 403)
        add = reverse("wagtailadmin_pages:add", args=["accreditation", model, parent.pk])
        assert client.get(add).status_code in (302, 403)
        assert client.post(add, {"title": "Жалган", "slug": "fake"}).status_code in (302, 403)
    for name in ("decision", "order"):
        page = ministry_pages[name]
        for url_name in ("edit", "delete", "unpublish", "move", "copy"):
            response = client.get(reverse(f"wagtailadmin_pages:{url_name}", args=[page.pk]))
            assert response.status_code in (302, 403), (name, url_name)
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse(f"wagtailadmin_pages:{url_name}", args=[page.pk]))
    assert (AccreditationDecisionPage.objects.count(), MinistryDocumentPage.objects.count()) == before
    assert Page.objects.get(pk=ministry_pages["decision"].pk).live


def test_the_ministry_can_add_decisions(client, ministry_pages):
    minister = make_user("minister", ensure_ministry_group())
    client.force_login(minister)
    add = reverse(
        "wagtailadmin_pages:add", args=["accreditation", "accreditationdecisionpage", ministry_pages["register"].pk]
    )
    assert client.get(add).status_code == 200


def test_sync_roles_attaches_the_ministry_workflow_to_existing_index_pages(ministry_pages):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(page=ministry_pages["register"]).delete()
    sync_all()
    assert WorkflowPage.objects.filter(page=ministry_pages["register"]).exists()


def create_decision(client, register, institution, **extra):
    url = reverse("wagtailadmin_pages:add", args=["accreditation", "accreditationdecisionpage", register.pk])
    response = client.post(url, {**form_data(institution, slug="ministry-decision"), **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return AccreditationDecisionPage.objects.get(slug="ministry-decision")


def test_the_ministry_cannot_publish_a_decision_itself(client, ministry_pages, two_institutions):
    client.force_login(ministry_user())
    decision = create_decision(client, ministry_pages["register"], two_institutions[0], **{"action-publish": "1"})
    # "Publish" from someone without publishing rights saves a draft; nothing reaches the public register.
    assert not decision.live
    assert client.get(ministry_pages["register"].url).content.decode().count("77/A") == 0


def test_a_decision_goes_live_after_a_ministry_approver_approves_it(
    client, ministry_pages, two_institutions, django_capture_on_commit_callbacks
):
    minister, approver = ministry_user(), approver_user()
    bystander = make_user("bystander", ensure_ministry_group())  # in the Ministry, not an approver
    client.force_login(minister)
    with django_capture_on_commit_callbacks(execute=True):
        decision = create_decision(client, ministry_pages["register"], two_institutions[0], **{"action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(decision.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Министрликтин бекитүүсү"
    assert not Page.objects.get(pk=decision.pk).live
    submitted_to = {address for message in mail.outbox for address in message.to}
    assert approver.email in submitted_to
    assert bystander.email not in submitted_to and minister.email not in submitted_to

    # A Ministry member who is not an approver may edit the decision but not approve it.
    client.force_login(bystander)
    url = reverse("wagtailadmin_pages:workflow_action", args=[decision.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=decision.pk).live

    mail.outbox.clear()
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Page.objects.get(pk=decision.pk).live
    assert "77/A" in client.get(ministry_pages["register"].url).content.decode()
    # The submitter hears that it was approved.
    assert [message.to for message in mail.outbox] == [[minister.email]]
    assert "approved" in mail.outbox[0].subject.lower()
