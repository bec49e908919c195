"""The transparency score: each required item present or missing, fresh or stale, scored 0–100."""

from datetime import date, timedelta

import pytest

from institutions.disclosures import DISCLOSURES
from institutions.models import InstitutionPage, MediaLink
from transparency.score import (
    FRESH_DAYS,
    checklist_for_page,
    checklist_from_values,
    has_text,
    is_fresh,
    score_for_page,
    score_from_items,
    scored_rows,
)

from .factories import InstitutionPageFactory

TODAY = date.today()
STALE = TODAY - timedelta(days=FRESH_DAYS + 35)
ITEMS = len(DISCLOSURES) + 1  # every disclosure, plus 4.4's media and news links


def disclosures_published_on(updated):
    fields = {}
    for disclosure in DISCLOSURES:
        fields[disclosure.field] = f"<p>{disclosure.field} text</p>"
        fields[disclosure.updated_field] = updated
    return fields


def add_media_link(page, published_on):
    MediaLink.objects.create(
        institution=page, title="Жаңылык", url="https://example.kg/news", published_on=published_on
    )


def nothing_published():
    return {"mission": "", "mission_updated": None}


def test_every_item_present_and_fresh_scores_100(directory):
    page = InstitutionPageFactory(parent=directory, **disclosures_published_on(TODAY))
    add_media_link(page, TODAY - timedelta(days=10))
    items = checklist_for_page(page)
    assert len(items) == ITEMS
    assert all(item.present and item.fresh for item in items)
    assert score_for_page(page) == 100


def test_nothing_published_scores_0(directory):
    page = InstitutionPageFactory(parent=directory, **nothing_published())
    items = checklist_for_page(page)
    assert not any(item.present for item in items)
    assert score_for_page(page) == 0


def test_everything_stale_scores_50(directory):
    page = InstitutionPageFactory(parent=directory, **disclosures_published_on(STALE))
    add_media_link(page, STALE)
    items = checklist_for_page(page)
    assert all(item.stale for item in items)
    assert score_for_page(page) == 50


def test_partial_publication(directory):
    # The factory publishes a fresh mission only: 1 of 12 items -> round(100 / 12) = 8.
    page = InstitutionPageFactory(parent=directory)
    assert score_for_page(page) == 8
    # Add a stale strategic plan and an undated media link (stale): (1 + 0.5 + 0.5) / 12 -> 17.
    page.strategic_plan = "<p>2024–2028</p>"
    page.strategic_plan_updated = STALE
    page.save()
    add_media_link(page, None)
    page = InstitutionPage.objects.get(pk=page.pk)
    by_key = {item.key: item for item in checklist_for_page(page)}
    assert by_key["mission"].fresh
    assert by_key["strategic_plan"].stale and by_key["strategic_plan"].updated == STALE
    assert by_key["media_links"].stale and by_key["media_links"].updated is None
    assert not by_key["graduate_employment"].present
    assert score_for_page(page) == 17


def test_halves_round_up():
    # One fresh and one stale of 12: 100 * 1.5 / 12 = 12.5 -> 13 (not banker's 12).
    values = {
        "mission": "<p>x</p>",
        "mission_updated": TODAY,
        "educational_goals": "y",
        "educational_goals_updated": STALE,
    }
    assert score_from_items(checklist_from_values(values, 0, None, TODAY)) == 13


def test_a_document_alone_counts_as_published_and_empty_markup_does_not():
    values = {
        "strategic_plan_document_id": 7,
        "strategic_plan_updated": TODAY,
        "mission": "<p> &nbsp;</p>",
        "mission_updated": TODAY,
    }
    by_key = {item.key: item for item in checklist_from_values(values, 0, None, TODAY)}
    assert by_key["strategic_plan"].present and by_key["strategic_plan"].fresh
    assert not by_key["mission"].present and by_key["mission"].updated is None
    assert not has_text("<p><br></p>")


def test_fresh_means_within_365_days():
    assert is_fresh(TODAY - timedelta(days=365), TODAY)
    assert not is_fresh(TODAY - timedelta(days=366), TODAY)
    assert not is_fresh(None, TODAY)


def test_present_without_a_date_is_stale():
    values = {"mission": "<p>x</p>", "mission_updated": None}
    mission = checklist_from_values(values, 0, None, TODAY)[0]
    assert mission.present and mission.stale


def test_many_institutions_are_scored_in_one_query(directory, django_assert_num_queries):
    pages = [
        InstitutionPageFactory(parent=directory, **disclosures_published_on(TODAY)),
        InstitutionPageFactory(parent=directory, **disclosures_published_on(STALE)),
        InstitutionPageFactory(parent=directory),
        InstitutionPageFactory(parent=directory, **nothing_published()),
    ]
    add_media_link(pages[0], TODAY)
    add_media_link(pages[0], STALE)
    add_media_link(pages[1], STALE)
    with django_assert_num_queries(1):
        rows = scored_rows(InstitutionPage.objects.filter(pk__in=[p.pk for p in pages]), extra_fields=("title",))
    scores = {row["id"]: row["score"] for row in rows}
    assert scores == {page.pk: score_for_page(page) for page in pages}
    assert [scores[page.pk] for page in pages] == [100, 50, 8, 0]


@pytest.mark.parametrize("count", [0, 3])
def test_media_links_present_when_any_row_exists(directory, count):
    page = InstitutionPageFactory(parent=directory)
    for _ in range(count):
        add_media_link(page, TODAY)
    media = checklist_for_page(page)[-1]
    assert media.key == "media_links" and media.criteria == ("4.4",)
    assert media.present is bool(count)
