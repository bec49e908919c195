"""Each decision records the institution's revision that was live on the decision date, and
/decisions/<slug>/evidence/ shows it read-only."""

import re
from datetime import date, datetime, time

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import InstitutionPageFactory


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


def publish_on(page, day, mission):
    page.mission = f"<p>{mission}</p>"
    revision = page.save_revision()
    revision.publish()
    stamp = timezone.make_aware(datetime.combine(day, time(10)))
    PageLogEntry.objects.filter(revision=revision, action="wagtail.publish").update(timestamp=stamp)
    return revision


@pytest.fixture
def history(directory):
    institution = InstitutionPageFactory(parent=directory)
    first = publish_on(institution, date(2025, 1, 10), "Биринчи миссия.")
    second = publish_on(institution, date(2025, 3, 1), "Экинчи миссия.")
    return institution, first, second


@pytest.mark.parametrize(
    "decided, expected",
    [
        (date(2024, 12, 31), None),  # nothing was published yet
        (date(2025, 1, 10), "first"),  # published that very day
        (date(2025, 2, 28), "first"),
        (date(2025, 3, 1), "second"),
    ],
)
def test_revision_live_on_the_decision_date_is_recorded(register, history, decided, expected):
    institution, first, second = history
    decision = AccreditationDecisionPageFactory(parent=register, institution=institution, decision_date=decided)
    assert decision.evidence_revision == {"first": first, "second": second, None: None}[expected]


def test_a_decision_made_today_records_the_live_revision(register, history):
    institution, _first, second = history
    decision = AccreditationDecisionPageFactory(parent=register, institution=institution, decision_date=date.today())
    assert decision.evidence_revision == second


def test_changing_the_date_records_the_other_revision(register, history):
    institution, first, second = history
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, decision_date=date(2025, 2, 1)
    )
    assert decision.evidence_revision == first
    decision.decision_date = date(2025, 4, 1)
    decision.save()
    assert decision.evidence_revision == second


def test_evidence_page_shows_what_was_published_then(client, register, history):
    institution, _first, _second = history
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, decision_date=date(2025, 2, 1)
    )
    page = client.get(decision.url).content.decode()
    assert f'href="{decision.url}evidence/"' in page
    response = client.get(decision.url + "evidence/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Биринчи миссия." in html
    assert "Экинчи миссия." not in html
    assert 'datetime="2025-01-10"' in html  # the banner: as published on 10 January 2025
    assert "profile--snapshot" in html


def test_evidence_page_says_when_nothing_was_recorded(client, register, history):
    institution, _first, _second = history
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, decision_date=date(2024, 6, 1)
    )
    response = client.get(decision.url + "evidence/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "profile--snapshot" not in html
    assert 'role="status"' in html
    assert "Биринчи миссия." not in html


def test_the_language_links_of_the_evidence_page_lead_to_the_evidence_in_that_language(client, register, history):
    from wagtail.models import Locale

    institution, _first, _second = history
    decision = AccreditationDecisionPageFactory(
        parent=register, institution=institution, decision_date=date(2025, 2, 1)
    )
    russian = Locale.objects.get(language_code="ru")
    institution.copy_for_translation(russian, copy_parents=True).save_revision().publish()
    decision_ru = decision.copy_for_translation(russian, copy_parents=True)
    decision_ru.save_revision().publish()
    decision_ru.refresh_from_db()

    html = client.get(decision.url + "evidence/").content.decode()
    assert f'href="{decision_ru.url}evidence/"' in html  # the language switcher
    assert re.search(rf'hreflang="ru" href="https?://[^"/]+{decision_ru.url}evidence/"', html)
    on_the_decision = client.get(decision.url).content.decode()
    assert f'href="{decision_ru.url}"' in on_the_decision  # the decision itself links to the decision
