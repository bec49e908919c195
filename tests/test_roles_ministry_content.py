"""Decisions and ministry documents belong to the ministry: institution editors and reviewers cannot touch them."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from accreditation.models import AccreditationDecisionPage, MinistryDocumentPage
from roles.groups import ensure_ministry_group, sync_all

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
)
from .roles_setup import make_user


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
    add = reverse("wagtailadmin_pages:add", args=["accreditation", "accreditationdecisionpage", ministry_pages["register"].pk])
    assert client.get(add).status_code == 200


def test_sync_roles_attaches_the_ministry_workflow_to_existing_index_pages(ministry_pages):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(page=ministry_pages["register"]).delete()
    sync_all()
    assert WorkflowPage.objects.filter(page=ministry_pages["register"]).exists()
