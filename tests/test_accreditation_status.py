"""The derived accreditation status, one institution at a time and for many in one query."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Locale

from accreditation.dates import add_months, remediation_due
from accreditation.status import (
    AccreditationStatus,
    Status,
    annotate_accreditation,
    filter_by_status,
    latest_outcomes,
    status_for,
    statuses_for,
)
from institutions.models import InstitutionPage

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import InstitutionPageFactory

TODAY = date(2026, 6, 15)
Outcome = AccreditationDecisionPageFactory._meta.model.Outcome
Kind = AccreditationDecisionPageFactory._meta.model.Kind


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


def decide(register, institution, **kwargs):
    return AccreditationDecisionPageFactory(parent=register, institution=institution, **kwargs)


def bulk_status(institution, today):
    return annotate_accreditation(InstitutionPage.objects.filter(pk=institution.pk), today).get()


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert remediation_due(date(2026, 1, 15)) == date(2026, 4, 15)
    assert remediation_due(date(2026, 10, 31)) == date(2027, 1, 31)


def test_no_decision_means_none(directory, register):
    institution = InstitutionPageFactory(parent=directory)
    assert status_for(institution, TODAY).code == AccreditationStatus.NONE
    assert bulk_status(institution, TODAY).accreditation_status == AccreditationStatus.NONE


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 6, 15), AccreditationStatus.ACCREDITED),  # the expiry day is still accredited
        (date(2026, 6, 16), AccreditationStatus.EXPIRED),  # the day after is expired
    ],
)
def test_expiry_boundary(directory, register, today, expected):
    institution = InstitutionPageFactory(parent=directory)
    decide(register, institution, decision_date=date(2021, 6, 15), valid_until=date(2026, 6, 15))
    status = status_for(institution, today)
    assert status.code == expected
    assert status.until == date(2026, 6, 15)
    row = bulk_status(institution, today)
    assert row.accreditation_status == expected
    assert row.accreditation_until == date(2026, 6, 15)


def test_conditional_and_its_expiry(directory, register):
    institution = InstitutionPageFactory(parent=directory)
    decide(
        register,
        institution,
        outcome=Outcome.CONDITIONAL,
        decision_date=date(2025, 1, 10),
        valid_until=date(2027, 1, 10),
    )
    assert status_for(institution, TODAY).code == AccreditationStatus.CONDITIONAL
    assert status_for(institution, date(2027, 1, 11)).code == AccreditationStatus.EXPIRED
    assert bulk_status(institution, TODAY).accreditation_status == AccreditationStatus.CONDITIONAL


def test_latest_institutional_decision_wins(directory, register):
    institution = InstitutionPageFactory(parent=directory)
    decide(register, institution, decision_date=date(2020, 1, 1), valid_until=date(2030, 1, 1))
    decide(
        register,
        institution,
        outcome=Outcome.REFUSED,
        decision_date=date(2024, 1, 1),
        valid_from=None,
        valid_until=None,
    )
    # A later programme decision does not change the institution's status.
    decide(register, institution, kind=Kind.PROGRAMME, decision_date=date(2025, 1, 1), valid_until=date(2030, 1, 1))
    status = status_for(institution, TODAY)
    assert status.code == AccreditationStatus.REFUSED
    assert status.until is None
    assert bulk_status(institution, TODAY).accreditation_status == AccreditationStatus.REFUSED


def test_unpublished_decisions_do_not_count(directory, register):
    institution = InstitutionPageFactory(parent=directory)
    decision = decide(register, institution, decision_date=date(2025, 1, 1), valid_until=date(2030, 1, 1))
    decision.unpublish()
    assert status_for(institution, TODAY).code == AccreditationStatus.NONE


def test_many_institutions_in_one_query(directory, register):
    accredited, refused, expired, none = (InstitutionPageFactory(parent=directory) for _ in range(4))
    decide(register, accredited, decision_date=date(2025, 1, 1), valid_until=date(2030, 1, 1))
    decide(
        register, refused, outcome=Outcome.REFUSED, decision_date=date(2025, 1, 1), valid_from=None, valid_until=None
    )
    decide(register, expired, decision_date=date(2019, 1, 1), valid_until=date(2024, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        statuses = statuses_for([accredited, refused, expired, none], TODAY)
    assert len(queries) == 1
    assert {pk: s.code for pk, s in statuses.items()} == {
        accredited.pk: AccreditationStatus.ACCREDITED,
        refused.pk: AccreditationStatus.REFUSED,
        expired.pk: AccreditationStatus.EXPIRED,
        none.pk: AccreditationStatus.NONE,
    }
    assert statuses[accredited.pk].until == date(2030, 1, 1)


LABELS = {
    "en": {
        "accredited": "Accredited",
        "conditional": "Accredited with conditions",
        "refused": "Accreditation refused",
        "expired": "Accreditation expired",
        "none": "Not accredited yet",
    },
    "ru": {
        "accredited": "Аккредитована",
        "conditional": "Аккредитована с условиями",
        "refused": "В аккредитации отказано",
        "expired": "Срок аккредитации истёк",
        "none": "Ещё не аккредитована",
    },
    "ky": {
        "accredited": "Аккредитацияланган",
        "conditional": "Шарттар менен аккредитацияланган",
        "refused": "Аккредитациядан баш тартылган",
        "expired": "Аккредитациянын мөөнөтү бүткөн",
        "none": "Азырынча аккредитацияланган эмес",
    },
}


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_every_status_has_a_translated_label(language):
    with translation.override(language):
        labels = {code: str(AccreditationStatus(code).label) for code in AccreditationStatus.values}
    assert labels == LABELS[language]
    assert len(set(labels.values())) == len(labels)


def badge_text(status, language):
    """The badge's label; the plain-words sentence that follows it is checked here too."""
    with translation.override(language):
        html = render_to_string("accreditation/status_badge.html", {"status": status})
        meaning = str(status.meaning)
    label, sentence = html.split("</p>", 1)
    assert f'<p class="status-meaning">{meaning}</p>' in sentence
    return " ".join(strip_tags(label).split()), html


@pytest.mark.parametrize(
    "language, expected, wrong",
    [
        ("en", "Accreditation expired on 1 January 2024", "until"),
        ("ru", "Срок аккредитации истёк 1 января 2024 г.", "до"),
        ("ky", "Аккредитациянын мөөнөтү бүткөн: 2024-жылдын 1-январы", "чейин"),
    ],
)
def test_an_expired_badge_says_when_it_expired(language, expected, wrong):
    text, html = badge_text(Status(AccreditationStatus.EXPIRED, date(2024, 1, 1)), language)
    assert text == expected
    assert wrong not in text.split()
    assert 'datetime="2024-01-01"' in html


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Accredited until 1 January 2030"),
        ("ru", "Аккредитована до 1 января 2030 г."),
        ("ky", "Аккредитацияланган 2030-жылдын 1-январы чейин"),
    ],
)
def test_an_accredited_badge_says_until_when(language, expected):
    assert badge_text(Status(AccreditationStatus.ACCREDITED, date(2030, 1, 1)), language)[0] == expected


def test_latest_outcomes_and_filter(directory, register):
    accredited, refused, _none = (InstitutionPageFactory(parent=directory) for _ in range(3))
    decide(
        register, accredited, outcome=Outcome.REFUSED, decision_date=date(2024, 1, 1), valid_from=None, valid_until=None
    )
    decide(register, accredited, decision_date=date(2025, 1, 1), valid_until=date(2030, 1, 1))
    decide(
        register, refused, outcome=Outcome.REFUSED, decision_date=date(2025, 1, 1), valid_from=None, valid_until=None
    )
    with CaptureQueriesContext(connection) as queries:
        latest = latest_outcomes()
    assert len(queries) == 2  # the decisions, and Wagtail's list of view restrictions (public only)
    assert latest == {
        accredited.translation_key: (Outcome.ACCREDITED, date(2030, 1, 1)),
        refused.translation_key: (Outcome.REFUSED, None),
    }
    institutions = InstitutionPage.objects.live()
    assert list(filter_by_status(institutions, "refused", TODAY)) == [refused]
    assert list(filter_by_status(institutions, "bogus", TODAY)) == []


@pytest.fixture
def lagging_translation(directory, register):
    """A Kyrgyz decision corrected to "accredited" whose Russian copy still says "refused"."""
    russian = Locale.objects.get(language_code="ru")
    institution = InstitutionPageFactory(parent=directory, title="Котормо колледжи")
    institution_ru = institution.copy_for_translation(russian, copy_parents=True)
    institution_ru.title = "Колледж перевода"
    institution_ru.save_revision().publish()
    decision = decide(register, institution, decision_date=date(2025, 3, 1), valid_until=date(2035, 3, 1))
    decision_ru = decision.copy_for_translation(russian, copy_parents=True)
    decision_ru.outcome, decision_ru.valid_from, decision_ru.valid_until = Outcome.REFUSED, None, None
    decision_ru.save_revision().publish()
    decision_ru.refresh_from_db()
    assert decision_ru.pk > decision.pk and decision_ru.live and decision_ru.institution_id == institution_ru.pk
    return institution, InstitutionPage.objects.get(pk=institution_ru.pk), decision, decision_ru


def test_only_the_source_language_decision_counts(lagging_translation):
    institution, institution_ru, decision, decision_ru = lagging_translation
    for page in (institution, institution_ru):
        assert status_for(page, TODAY).code == AccreditationStatus.ACCREDITED
        assert status_for(page, TODAY).until == date(2035, 3, 1)
        assert bulk_status(page, TODAY).accreditation_status == AccreditationStatus.ACCREDITED
    assert {s.code for s in statuses_for([institution, institution_ru], TODAY).values()} == {"accredited"}
    assert latest_outcomes() == {institution.translation_key: (Outcome.ACCREDITED, date(2035, 3, 1))}
    everyone = InstitutionPage.objects.all()
    assert set(filter_by_status(everyone, "accredited", TODAY)) == {institution, institution_ru}
    assert not filter_by_status(everyone, "refused", TODAY).exists()


def test_the_translated_profile_shows_the_source_decision(client, lagging_translation):
    _institution, institution_ru, _decision, decision_ru = lagging_translation
    html = client.get(institution_ru.url).content.decode()
    assert 'class="status status--accredited"' in html and 'datetime="2035-03-01"' in html
    timeline = html.split('id="decisions-heading"')[1].split("</section>")[0]
    with translation.override("ru"):
        accredited, refused = str(Outcome.ACCREDITED.label), str(Outcome.REFUSED.label)
    assert f"<strong>{accredited}</strong>" in timeline and f"<strong>{refused}</strong>" not in timeline
    assert decision_ru.url in timeline  # the link goes to the Russian copy of the decision


def stored_agrees(*institutions):
    """The stored copy (many-institution queries) gives what the decisions give (one institution)."""
    bulk = statuses_for(institutions, TODAY)
    return {page.pk: bulk[page.pk].code for page in institutions} == {
        page.pk: status_for(page, TODAY).code for page in institutions
    }


def test_the_stored_copy_follows_every_change(directory, register):
    first, second = InstitutionPageFactory(parent=directory), InstitutionPageFactory(parent=directory)
    older = decide(
        register, first, outcome=Outcome.REFUSED, decision_date=date(2024, 1, 1), valid_from=None, valid_until=None
    )
    newer = decide(register, first, decision_date=date(2025, 1, 1), valid_until=date(2030, 1, 1))
    assert bulk_status(first, TODAY).accreditation_status == "accredited" and stored_agrees(first, second)

    newer.unpublish()  # the older refusal decides again
    assert bulk_status(first, TODAY).accreditation_status == "refused" and stored_agrees(first, second)

    newer.save_revision().publish()
    newer.institution = second  # the ministry corrects which institution the decision is about
    newer.save_revision().publish()
    assert bulk_status(first, TODAY).accreditation_status == "refused"
    assert bulk_status(second, TODAY).accreditation_status == "accredited" and stored_agrees(first, second)

    newer.delete()
    older.delete()
    assert bulk_status(first, TODAY).accreditation_status == "none"
    assert bulk_status(second, TODAY).accreditation_status == "none" and stored_agrees(first, second)

    russian = Locale.objects.get(language_code="ru")
    decide(register, first, decision_date=date(2025, 5, 1), valid_until=date(2026, 6, 14))  # expired by TODAY
    first_ru = first.copy_for_translation(russian, copy_parents=True)
    first_ru.save_revision(log_action=False).publish()
    first_ru = InstitutionPage.objects.get(pk=first_ru.pk)
    assert bulk_status(first_ru, TODAY).accreditation_status == "expired" and stored_agrees(first, first_ru)
