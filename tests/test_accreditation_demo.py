"""The demo data covers every accreditation case, in three languages, and loads idempotently."""

from datetime import date, timedelta

import pytest

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
    RemediationReport,
)
from accreditation.status import AccreditationStatus, statuses_for
from demo.loader import load_demo_data
from institutions.models import InstitutionPage

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def counts():
    return {
        "decisions": AccreditationDecisionPage.objects.count(),
        "reports": RemediationReport.objects.count(),
        "documents": MinistryDocumentPage.objects.count(),
        "registers": DecisionIndexPage.objects.count(),
    }


def test_demo_decisions(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_data(limit=9)
    first = counts()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_data(limit=9)
    assert counts() == first

    today = date.today()
    decisions = list(AccreditationDecisionPage.objects.filter(locale__language_code="ky"))
    assert 6 <= len(decisions) < 9  # most institutions, not all
    assert {d.outcome for d in decisions} == set(AccreditationDecisionPage.Outcome.values)
    remediation = {d.remediation_status(today) for d in decisions}
    assert {"pending", "submitted", "overdue"} <= remediation
    assert any(today <= d.valid_until <= today + timedelta(days=90) for d in decisions if d.valid_until)
    institutions = InstitutionPage.objects.filter(locale__language_code="ky")
    codes = {status.code for status in statuses_for(institutions).values()}
    assert {AccreditationStatus.EXPIRED, AccreditationStatus.REFUSED, AccreditationStatus.NONE} <= codes
    assert any(d.evidence_revision_id for d in decisions)

    for language in ("ky", "ru", "en"):
        assert DecisionIndexPage.objects.filter(locale__language_code=language, live=True).exists()
        assert MinistryDocumentIndexPage.objects.filter(locale__language_code=language, live=True).exists()
        order = MinistryDocumentPage.objects.get(locale__language_code=language, number="1482/1")
        translated = AccreditationDecisionPage.objects.filter(locale__language_code=language, live=True).first()
        # A translated decision points at the institution's page in its own language.
        assert translated.institution.locale.language_code == language
        html = client.get(order.url).content.decode()
        assert client.get(translated.url).status_code == 200
        expected = {"ky": "3 айдын ичинде", "ru": "в течение 3 месяцев", "en": "within 3 months"}[language]
        assert expected in html
        home = client.get(f"/{language}/").content.decode()
        assert order.url in home
