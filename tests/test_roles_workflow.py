"""Institution edits go live only after their district's reviewers approve; nobody sees another's drafts."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from institutions.models import InstitutionPage

from .factories import ProgrammePageFactory
from .form_data import institution_form_data
from .roles_setup import area_of, ministry_user
from .shared_institutions import directory, home, two_institutions, two_institutions_rows  # noqa: F401 - fixtures

# One worker runs the whole module, so its institutions are made once (make test: --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("roles-workflow")]


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


def workflow_action(client, user, page, state, action, data=None):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, data or {})


def assert_refused_and_pending(response, page, state):
    assert response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))
    state.refresh_from_db()
    assert state.status == "in_progress" and state.current_task_state.status == "in_progress"
    assert fresh(page).title == "№1 мектеп A"


def test_another_districts_reviewer_cannot_reject(client, two_institutions, people):
    a, _b = two_institutions
    state = submit(client, a, people["editor_a"])
    response = workflow_action(client, people["reviewer_y"], a, state, "reject", {"comment": "Жок"})
    assert_refused_and_pending(response, a, state)
    # The district's own reviewer can.
    response = workflow_action(client, people["reviewer_x"], a, state, "reject", {"comment": "Оңдогула"})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == "needs_changes"


def test_editing_rights_do_not_let_anyone_outside_the_review_group_approve(client, two_institutions, people):
    a, _b = two_institutions
    state = submit(client, a, people["editor_a"])
    # The ministry may edit every page, and the editor their own; neither is in district X's review
    # group, so the refusal comes from the workflow task, not from page permissions.
    task = state.current_task_state.task.specific
    for user in (ministry_user(), people["editor_a"]):
        assert a.permissions_for_user(user).can_edit()
        assert not user.groups.filter(pk__in=task.groups.all()).exists()
        for action, data in (("approve", {}), ("reject", {"comment": "Жок"})):
            assert_refused_and_pending(workflow_action(client, user, a, state, action, data), a, state)


def test_reviewers_cannot_open_another_districts_institution(client, two_institutions, people):
    a, b = two_institutions
    client.force_login(people["reviewer_x"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[a.pk])).status_code == 200
    # Reviewers approve through the workflow; they cannot publish directly.
    assert not a.permissions_for_user(people["reviewer_x"]).can_publish()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[b.pk])).status_code in (302, 403)


def page_text(response):
    """The response as text; choosers answer JSON with the HTML inside (and non-ASCII escaped)."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def test_an_editor_never_sees_another_institutions_drafts(client, two_institutions, people, directory):
    a, b = two_institutions
    b = fresh(b)
    b.mission = "<p>Secret draft of B</p>"
    b.title = "B draft title"
    b.save_revision(user=people["editor_b"])
    ProgrammePageFactory(
        parent=b, title="B unpublished programme", slug="b-unpublished", live=False, owner=people["editor_b"]
    ).save_revision(user=people["editor_b"])
    b.get_workflow().start(b, people["editor_b"])  # so the workflow reports have B in them
    client.force_login(people["editor_a"])
    secrets = ("Secret draft of B", "B draft title", "B unpublished programme")
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[a.pk]),
        reverse("wagtailadmin_explore_results", args=[a.pk]),
        reverse("wagtailadmin_explore", args=[a.pk]) + "?q=B&search_all=1",
        reverse("wagtailadmin_explore", args=[a.pk]) + "?q=programme&search_all=1",
        reverse("wagtailadmin_pages:search") + "?q=Secret",
        reverse("wagtailadmin_pages:search") + "?q=B",
        reverse("wagtailadmin_pages:search") + "?q=draft",
        reverse("wagtailadmin_pages:search_results") + "?q=programme",
        reverse("wagtailadmin_pages:edit", args=[a.pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[directory.pk]),
        reverse("wagtailadmin_choose_page_child", args=[b.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=B",
        reverse("wagtailadmin_choose_page_search") + "?q=programme",
        reverse("selfassessment:index"),
        reverse("accreditation_remediation"),
    ]
    problems = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            problems.append((url, response.status_code))
            continue
        html = page_text(response)
        problems.extend((url, secret) for secret in secrets if secret in html)
    assert problems == [], "\n".join(map(str, problems))
    # Choosers still offer B's published page, under its published title, for links.
    assert "№2 мектеп B" in page_text(client.get(reverse("wagtailadmin_choose_page_child", args=[directory.pk])))
    assert "№2 мектеп B" in page_text(client.get(reverse("wagtailadmin_choose_page_search") + "?q=B"))
    # B's own pages are refused outright (tests/test_roles_access.py covers every URL on them).
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=[b.pk]),
        reverse("wagtailadmin_pages:history", args=[b.pk]),
        reverse("wagtailadmin_explore", args=[b.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_an_editor_with_translations_cannot_explore_another_institution(client, two_institutions, people):
    from wagtail.models import Locale

    a, b = two_institutions
    # Rights in two language trees make the tree's root the editor's "explorable root" in Wagtail.
    a.copy_for_translation(Locale.objects.get(language_code="ru"), copy_parents=True)
    b = fresh(b)
    b.title = "B draft title"
    b.save_revision(user=people["editor_b"])
    client.force_login(people["editor_a"])
    for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
        response = client.get(reverse(name, args=[b.pk]))
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), name
    assert client.get(reverse("wagtailadmin_explore", args=[a.pk])).status_code == 200


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


def test_a_translation_made_in_the_translation_editor_is_submitted_for_the_districts_review(
    client, two_institutions, people
):
    a, _b = two_institutions
    russian = Locale.objects.get(language_code="ru")
    a_ru = a.copy_for_translation(russian, copy_parents=True)
    a_ru.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(a)
    translation = Translation.objects.create(source=source, target_locale=russian)
    client.force_login(people["editor_a"])

    # The translation editor opens for the editor, who may not publish: it offers the review instead.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[a_ru.pk])).content.decode()
    assert "js-translation-editor" in html
    submit_url = reverse("roles_submit_translation", args=[translation.pk])
    assert f'action="{submit_url}"' in html

    response = client.post(submit_url)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(a_ru.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow == area_of(a).workflow
    assert fresh(a_ru).has_unpublished_changes

    # The district's reviewer sees it to approve; another district's does not.
    client.force_login(people["reviewer_x"])
    assert a_ru.title in client.get(reverse("wagtailadmin_home")).content.decode()
    # Once in review, no second submission.
    client.force_login(people["editor_a"])
    assert (
        f'action="{submit_url}"' not in client.get(reverse("wagtailadmin_pages:edit", args=[a_ru.pk])).content.decode()
    )
