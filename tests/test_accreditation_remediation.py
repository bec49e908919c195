"""Remediation (Order 1482/1, item 1c): due three months after the decision; the institution's
editors attach their report through an admin view without touching the ministry's decision page.
Users hold the roles the system gives them (tests/roles_setup.py)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from accreditation.models import AccreditationDecisionPage, RemediationReport

from .accreditation_factories import (
    PDF_BYTES,
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import InstitutionPageFactory
from .roles_setup import editor_of, editors_of, ministry_user, reviewer_of
from .users import make_user

TODAY = date.today()
SHORTCOMINGS = "<p>Лаборатория жабдылган эмес.</p>"


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def schools(directory):
    return InstitutionPageFactory(parent=directory, title="Биздин мектеп"), InstitutionPageFactory(
        parent=directory, title="Башка мектеп"
    )


@pytest.fixture
def editor_client(client, schools):
    """An editor of the first school only, in the editors group the system made for it."""
    client.force_login(editor_of(schools[0], "school-editor"))
    return client


def decision_for(register, institution, days_ago, **kwargs):
    return AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        shortcomings=SHORTCOMINGS,
        decision_date=TODAY - timedelta(days=days_ago),
        **kwargs,
    )


def test_status_pending_submitted_overdue(register, schools):
    pending = decision_for(register, schools[0], 30)
    overdue = decision_for(register, schools[0], 120)
    assert pending.remediation_status(TODAY) == "pending"
    assert overdue.remediation_status(TODAY) == "overdue"
    # The due day itself is not overdue yet; the day after is.
    assert overdue.remediation_status(overdue.remediation_due) == "pending"
    assert overdue.remediation_status(overdue.remediation_due + timedelta(days=1)) == "overdue"
    clean = decision_for(register, schools[0], 120)
    clean.shortcomings = ""
    assert clean.remediation_status(TODAY) == "not-required"


def test_editor_submits_a_report_and_it_waits_for_the_reviewer(editor_client, register, schools):
    decision = decision_for(register, schools[0], 120)
    with translation.override("en"):
        listing = editor_client.get(reverse("accreditation_remediation")).content.decode()
    assert f"№ {decision.number}" in listing and "remediation--overdue" in listing
    url = reverse("accreditation_remediation_submit", args=[decision.pk])
    response = editor_client.post(
        url, {"file": SimpleUploadedFile("report.pdf", PDF_BYTES), "note": "Жабдуулар сатылып алынды."}
    )
    assert response.status_code == 302
    report = RemediationReport.objects.get(decision=decision)
    assert report.submitted_by.username == "school-editor"
    assert report.review_state == RemediationReport.Review.SUBMITTED
    # Submitted (even after the due date): no longer overdue, but not public either.
    assert decision.remediation_status(TODAY) == "under-review"
    anonymous = Client()
    html = anonymous.get(decision.url).content.decode()
    assert report.document.url not in html and "Жабдуулар сатылып алынды." not in html
    assert "remediation--under-review" in html and "remediation--submitted" not in html
    # Nor can the file be fetched by its address before it is accepted; the editor still opens it.
    assert anonymous.get(report.document.url).status_code == 404
    assert editor_client.get(report.document.url).status_code == 200


def review(client, report, action, comment=""):
    url = reverse("accreditation_remediation_review", args=[report.pk])
    return client.post(url, {"action": action, "comment": comment})


def submitted_report(client, register, school, days_ago=30):
    decision = decision_for(register, school, days_ago)
    client.force_login(editor_of(school, "school-editor"))
    assert submit(client, decision).status_code == 302
    client.logout()
    return decision, RemediationReport.objects.get(decision=decision)


def test_the_districts_reviewer_accepts_and_the_report_becomes_public(client, register, schools):
    decision, report = submitted_report(client, register, schools[0])
    client.force_login(reviewer_of(schools[0]))
    listing = client.get(reverse("accreditation_remediation")).content.decode()
    assert reverse("accreditation_remediation_review", args=[report.pk]) in listing
    assert review(client, report, "accept").status_code == 302
    report.refresh_from_db()
    assert report.review_state == "accepted" and report.reviewed_by.username == "reviewer"
    anonymous = Client()
    html = anonymous.get(decision.url).content.decode()
    assert report.document.url in html and "remediation--submitted" in html
    assert anonymous.get(report.document.url).status_code == 200
    # The register and the API say the same.
    api = anonymous.get("/api/v1/decisions").json()
    assert [item["remediation"]["value"] for item in api["items"]] == ["submitted"]


def test_a_reviewer_of_another_district_cannot_review(client, register, schools):
    decision, report = submitted_report(client, register, schools[0])
    client.force_login(reviewer_of(schools[1], "other-reviewer"))
    assert (
        reverse("accreditation_remediation_review", args=[report.pk])
        not in client.get(reverse("accreditation_remediation")).content.decode()
    )
    page = client.get(reverse("accreditation_remediation_review", args=[report.pk]))
    response = review(client, report, "accept")
    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard with a message.
    for refused in (page, response):
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    report.refresh_from_db()
    assert report.review_state == "submitted" and report.reviewed_by is None
    assert report.document.url not in Client().get(decision.url).content.decode()


def test_the_institutions_editor_cannot_accept_their_own_report(client, register, schools):
    decision, report = submitted_report(client, register, schools[0])
    client.force_login(RemediationReport.objects.get().submitted_by)
    response = review(client, report, "accept")
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    report.refresh_from_db()
    assert report.review_state == "submitted"


def test_a_returned_report_shows_the_comment_to_the_editor_and_stays_private(client, register, schools):
    decision, report = submitted_report(client, register, schools[0], days_ago=120)
    client.force_login(ministry_user())
    with translation.override("en"):
        refused = review(client, report, "return")
    assert refused.status_code == 200 and "Say what the institution should change" in refused.content.decode()
    assert review(client, report, "return", "Лабораториянын сүрөттөрүн тиркеңиз.").status_code == 302
    report.refresh_from_db()
    assert report.review_state == "returned"
    # A returned report does not stop the clock: the decision is overdue again.
    assert decision.remediation_status(TODAY) == "overdue"
    html = Client().get(decision.url).content.decode()
    assert report.document.url not in html and "Лабораториянын сүрөттөрүн" not in html
    # A second answer to the same report is refused.
    assert review(client, report, "accept").status_code == 302
    report.refresh_from_db()
    assert report.review_state == "returned"
    client.force_login(RemediationReport.objects.get().submitted_by)
    with translation.override("en"):
        listing = client.get(reverse("accreditation_remediation")).content.decode()
        form = client.get(reverse("accreditation_remediation_submit", args=[decision.pk])).content.decode()
    for page in (listing, form):
        assert "Returned for changes" in page and "Лабораториянын сүрөттөрүн тиркеңиз." in page
    assert "Submit again" in listing
    # The editor resubmits; the new report waits for review.
    assert submit(client, decision).status_code == 302
    assert decision.remediation_status(TODAY) == "under-review"


def test_editor_cannot_report_on_another_institution_nor_edit_the_decision(editor_client, register, schools):
    own = decision_for(register, schools[0], 10)
    other = decision_for(register, schools[1], 10)
    url = reverse("accreditation_remediation_submit", args=[other.pk])
    response = editor_client.post(url, {"file": SimpleUploadedFile("report.pdf", PDF_BYTES)})
    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard with a message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not RemediationReport.objects.exists()
    listing = editor_client.get(reverse("accreditation_remediation")).content.decode()
    assert f"№ {own.number}" in listing and f"№ {other.number}" not in listing
    # The decision page itself stays the ministry's.
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert edit.status_code in (302, 403)


def test_a_report_that_is_not_pdf_is_refused(editor_client, register, schools):
    decision = decision_for(register, schools[0], 10)
    url = reverse("accreditation_remediation_submit", args=[decision.pk])
    with translation.override("en"):
        response = editor_client.post(url, {"file": SimpleUploadedFile("report.pdf", b"PK\x03\x04 word")})
    assert response.status_code == 200
    assert "is not a PDF file" in response.content.decode()
    assert not RemediationReport.objects.exists()


def test_overdue_is_highlighted_on_the_decision_page(client, register, schools):
    decision = decision_for(register, schools[0], 100, outcome=AccreditationDecisionPage.Outcome.CONDITIONAL)
    html = client.get(decision.url).content.decode()
    assert 'class="remediation remediation--overdue"' in html
    assert decision.remediation_due.strftime("%Y") in html


def submit(client, decision):
    url = reverse("accreditation_remediation_submit", args=[decision.pk])
    return client.post(url, {"file": SimpleUploadedFile("report.pdf", PDF_BYTES), "note": "Аткарылды."})


def test_the_report_goes_into_the_institutions_own_collection(editor_client, register, schools):
    decision = decision_for(register, schools[0], 30)
    assert submit(editor_client, decision).status_code == 302
    assert RemediationReport.objects.get(decision=decision).document.collection == editors_of(schools[0]).collection


def test_the_districts_reviewer_sees_the_decision_but_cannot_file_a_report(client, register, schools):
    decision = decision_for(register, schools[0], 30)
    reviewer = reviewer_of(schools[0])
    # Reviewers may edit the institution's page (to review it); that does not make them its editors.
    assert schools[0].permissions_for_user(reviewer).can_edit()
    client.force_login(reviewer)
    listing = client.get(reverse("accreditation_remediation")).content.decode()
    assert f"№ {decision.number}" in listing
    assert reverse("accreditation_remediation_submit", args=[decision.pk]) not in listing
    response = submit(client, decision)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not RemediationReport.objects.exists()


def test_the_ministry_sees_every_decision_and_files_nothing(client, register, schools):
    decisions = [decision_for(register, school, 30) for school in schools]
    client.force_login(ministry_user())
    listing = client.get(reverse("accreditation_remediation")).content.decode()
    for decision in decisions:
        assert f"№ {decision.number}" in listing
        assert reverse("accreditation_remediation_submit", args=[decision.pk]) not in listing
    assert submit(client, decisions[0]).status_code == 302
    assert not RemediationReport.objects.exists()


def test_draft_decisions_are_neither_listed_nor_answered(editor_client, register, schools):
    draft = decision_for(register, schools[0], 30, live=False)
    listing = editor_client.get(reverse("accreditation_remediation")).content.decode()
    assert f"№ {draft.number}" not in listing
    response = submit(editor_client, draft)
    # Not found (the language middleware turns an admin 404 into a redirect to a path that is not found either).
    assert response.status_code == 404 or not response.url.startswith(reverse("accreditation_remediation"))
    assert not RemediationReport.objects.exists()


def test_the_menu_item_is_for_the_roles_only(client, schools):
    url = reverse("accreditation_remediation")
    for user in (editor_of(schools[0]), reviewer_of(schools[0]), ministry_user()):
        client.force_login(user)
        assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    stranger = make_user("stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_remediation_reports_link_follows_the_page_language_not_the_documents_stored_title(
    client, register, schools
):
    decision, report = submitted_report(client, register, schools[0])
    report.review_state = RemediationReport.Review.ACCEPTED
    report.save()
    # The title is made once, in the language of the editor who filed it: a Kyrgyz admin here.
    with translation.override("ky"):
        stored_title = gettext("Remediation report: decision No. %(number)s") % {"number": decision.number}
    report.document.title = stored_title
    report.document.save()
    for language in ("ky", "ru", "en"):
        page = decision
        if language != "ky":
            locale = Locale.objects.get(language_code=language)
            schools[0].copy_for_translation(locale, copy_parents=True).save_revision().publish()
            page = decision.copy_for_translation(locale, copy_parents=True)
            page.save_revision().publish()
        with translation.override(language):
            label = gettext("Remediation report: decision No. %(number)s") % {"number": decision.number}
        html = Client().get(page.url).content.decode()
        assert f'<a href="{report.document.url}">{label}</a>' in html, language
        if language != "ky":
            assert stored_title not in html, language
