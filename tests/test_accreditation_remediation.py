"""Remediation (Order 1482/1, item 1c): due three months after the decision; the institution's
editors attach their report through an admin view without touching the ministry's decision page."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission

from accreditation.models import AccreditationDecisionPage, RemediationReport

from .accreditation_factories import (
    PDF_BYTES,
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import InstitutionPageFactory
from .users import english_admin

TODAY = date.today()
SHORTCOMINGS = "<p>Лаборатория жабдылган эмес.</p>"


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def schools(directory):
    return InstitutionPageFactory(parent=directory, title="Биздин мектеп"), InstitutionPageFactory(parent=directory, title="Башка мектеп")


@pytest.fixture
def editor_client(client, django_user_model, schools):
    """An editor of the first school only (the roles issue will make such groups)."""
    group = Group.objects.create(name="Биздин мектептин редакторлору")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=schools[0], permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore")
        )
    user = english_admin(django_user_model.objects.create_user("school-editor", "e@example.kg", "pw"))
    user.groups.add(group)
    client.force_login(user)
    return client


def decision_for(register, institution, days_ago, **kwargs):
    return AccreditationDecisionPageFactory(
        parent=register, institution=institution, shortcomings=SHORTCOMINGS,
        decision_date=TODAY - timedelta(days=days_ago), **kwargs,
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


def test_editor_submits_a_report_and_the_decision_shows_it(editor_client, client, register, schools):
    decision = decision_for(register, schools[0], 120)
    with translation.override("en"):
        listing = editor_client.get(reverse("accreditation_remediation")).content.decode()
    assert f"№ {decision.number}" in listing and "remediation--overdue" in listing
    url = reverse("accreditation_remediation_submit", args=[decision.pk])
    response = editor_client.post(url, {"file": SimpleUploadedFile("report.pdf", PDF_BYTES), "note": "Жабдуулар сатылып алынды."})
    assert response.status_code == 302
    report = RemediationReport.objects.get(decision=decision)
    assert report.submitted_by.username == "school-editor"
    assert decision.remediation_status(TODAY) == "submitted"
    html = client.get(decision.url).content.decode()
    assert report.document.url in html
    assert "remediation--submitted" in html


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
