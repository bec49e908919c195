"""Institution edits go live only after their district's reviewers approve; nobody sees another's drafts."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from institutions.models import InstitutionPage

from .roles_setup import area_of
from .test_roles_access import institution_form_data

pytestmark = pytest.mark.django_db


def edit(client, page, **extra):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**institution_form_data(page), **extra})


def fresh(page):
    return InstitutionPage.objects.get(pk=page.pk)


def test_publishing_without_review_saves_a_draft_only(client, two_institutions, people):
    a, _b = two_institutions
    client.force_login(people["editor_a"])
    data = institution_form_data(a, title="Unreviewed name")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[a.pk]), {**data, "action-publish": "1"})
    assert response.status_code == 302
    page = fresh(a)
    assert page.title == "№1 мектеп A"  # the live title
    assert page.get_latest_revision_as_object().title == "Unreviewed name"
    assert page.has_unpublished_changes


def submit(client, page, editor, title="Reviewed name", captured=None):
    client.force_login(editor)
    data = institution_form_data(page, title=title)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-submit": "1"})
    assert response.status_code == 302
    return WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk), status="in_progress")


def test_submission_goes_to_the_district_review_and_mails_its_reviewers(
    client, two_institutions, people, django_capture_on_commit_callbacks
):
    a, _b = two_institutions
    with django_capture_on_commit_callbacks(execute=True):
        state = submit(client, a, people["editor_a"])
    assert state.workflow == area_of(a).workflow
    recipients = {address for message in mail.outbox for address in message.to}
    assert "reviewer-x@example.kg" in recipients
    assert "reviewer-y@example.kg" not in recipients
    assert fresh(a).title == "№1 мектеп A"


def approve(client, reviewer, page, state):
    client.force_login(reviewer)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {})


def test_only_the_districts_reviewers_can_approve(client, two_institutions, people):
    a, _b = two_institutions
    state = submit(client, a, people["editor_a"])

    response = approve(client, people["reviewer_y"], a, state)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    state.refresh_from_db()
    assert state.status == "in_progress"
    assert fresh(a).title == "№1 мектеп A"

    response = approve(client, people["reviewer_x"], a, state)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == "approved"
    assert fresh(a).title == "Reviewed name"
    assert fresh(a).live


def test_reviewers_cannot_open_another_districts_institution(client, two_institutions, people):
    a, b = two_institutions
    client.force_login(people["reviewer_x"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[a.pk])).status_code == 200
    # Reviewers approve through the workflow; they cannot publish directly.
    assert not a.permissions_for_user(people["reviewer_x"]).can_publish()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b.pk])).status_code in (302, 403)


def test_an_editor_never_sees_another_institutions_draft(client, two_institutions, people, directory):
    a, b = two_institutions
    b = fresh(b)
    b.mission = "<p>Secret draft of B</p>"
    b.title = "B draft title"
    b.save_revision(user=people["editor_b"])
    client.force_login(people["editor_a"])
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[directory.pk]),
        reverse("wagtailadmin_explore", args=[a.pk]),
        reverse("wagtailadmin_pages:search") + "?q=Secret",
        reverse("wagtailadmin_pages:search") + "?q=B",
        reverse("wagtailadmin_pages:edit", args=[a.pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_pages:view_draft", args=[b.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[b.pk]),
        reverse("wagtailadmin_pages:history", args=[b.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[directory.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Secret",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert "Secret draft of B" not in response.content.decode(), url


def test_an_editor_cannot_add_pages_outside_their_institution(client, two_institutions, people, directory, home):
    # Ministry content (decisions, ministry documents) lives outside every institution's subtree.
    client.force_login(people["editor_a"])
    for parent in (home, directory):
        response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")
    response = client.get(reverse("wagtailadmin_pages:add", args=["institutions", "institutionpage", directory.pk]))
    assert response.status_code in (302, 403)


def test_reports_show_an_editor_only_their_institution(client, two_institutions, people):
    _a, b = two_institutions
    b.save_revision(user=people["editor_b"])
    b.get_workflow().start(b, people["editor_b"])  # so the workflow reports have B in them
    client.force_login(people["editor_a"])
    for name in ("site_history", "aging_pages", "locked_pages", "page_types_usage", "workflow", "workflow_tasks"):
        response = client.get(reverse(f"wagtailadmin_reports:{name}"), follow=True)
        html = response.content.decode()
        assert "№2 мектеп B" not in html, name
