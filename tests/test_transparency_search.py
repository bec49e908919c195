"""The transparency score as a search facet and a sort, in both engines, and its stored copy kept exact."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django_tasks_db.models import DBTaskResult

from institutions.models import InstitutionPage
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.query import parse_query
from search.vocabulary import vocabulary_for
from transparency.models import InstitutionScore
from transparency.score import score_for_page
from transparency.stored_scores import band_of, changes_on, refresh_due_scores, refresh_scores
from transparency.tasks import refresh_due_transparency_scores

from .conftest import locale_of
from .factories import InstitutionPageFactory
from .task_samples import run_worker

TEXT_DISCLOSURES = [
    "strategic_plan", "current_plan", "educational_goals", "learning_outcomes", "quality_system",
    "qualifications_awarded", "learning_forms", "assessment_procedures", "passing_scores", "graduate_employment",
]  # fmt: skip


def disclose(count, updated):
    """Page fields publishing the mission and `count` more disclosures, all dated `updated`."""
    values = {"mission": "<p>Миссия.</p>", "mission_updated": updated}
    for field in TEXT_DISCLOSURES[:count]:
        values[field] = "<p>Жарыяланды.</p>"
        values[f"{field}_updated"] = updated
    return values


@pytest.fixture
def scored(directory):
    today = date.today()
    pages = {
        "full": InstitutionPageFactory(parent=directory, title="Толук колледжи", **disclose(10, today)),
        "half": InstitutionPageFactory(parent=directory, title="Жарым мектеби", **disclose(6, today)),
        "stale": InstitutionPageFactory(
            parent=directory, title="Эски лицейи", **disclose(10, today - timedelta(days=400))
        ),
        "bare": InstitutionPageFactory(parent=directory, title="Бош мектеби", mission="", mission_updated=None),
    }
    return pages


def ask(engine, qs):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    return engine.search(parse_query(QueryDict(qs), vocabulary.known_values()), locale, vocabulary)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, scored):
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)  # refreshes the stored scores first
        return ElasticsearchEngine()
    refresh_due_scores()
    return DatabaseEngine()


def test_the_stored_scores_equal_the_computed_ones(scored):
    refresh_due_scores()
    stored = dict(InstitutionScore.objects.values_list("institution_id", "score"))
    for page in scored.values():
        page = InstitutionPage.objects.get(pk=page.pk)
        assert stored[page.pk] == score_for_page(page)
    # 11 of 12 fresh → 92; 7 fresh → 58; 11 stale → 46; nothing → 0
    assert [stored[scored[k].pk] for k in ("full", "half", "stale", "bare")] == [92, 58, 46, 0]


def test_score_facet_counts_and_filter(engine, scored):
    result = ask(engine, "")
    counts = {v.value: v.count for v in result.facets["transparency"]}
    assert counts == {"75-100": 1, "50-74": 1, "25-49": 1, "0-24": 1}
    labels = {v.value: v.label for v in result.facets["transparency"]}
    assert labels["75-100"] == "75–100"

    filtered = ask(engine, "transparency=50-74")
    assert [hit.page.pk for hit in filtered.hits] == [scored["half"].pk]
    assert [v.selected for v in filtered.facets["transparency"]] == [True]
    assert [hit.page.pk for hit in ask(engine, "transparency=0-24").hits] == [scored["bare"].pk]


def test_sort_by_score_puts_the_most_transparent_first(engine, scored):
    result = ask(engine, "sort=transparency")
    assert [hit.page.pk for hit in result.hits] == [scored[k].pk for k in ("full", "half", "stale", "bare")]
    # With words too: the score decides the order, not the relevance.
    with_text = ask(engine, "q=мектеби&sort=transparency")
    assert [hit.page.pk for hit in with_text.hits] == [scored["half"].pk, scored["bare"].pk]


def test_unknown_score_band_is_dropped_with_a_note(scored):
    vocabulary = vocabulary_for(locale_of("ky"))
    query = parse_query(QueryDict("transparency=101-200"), vocabulary.known_values())
    assert "transparency" not in query.filters
    assert query.notes


def test_a_score_turns_by_itself_when_an_item_goes_stale(directory):
    today = date.today()
    updated = today - timedelta(days=365)  # fresh today, stale tomorrow
    page = InstitutionPageFactory(parent=directory, **disclose(10, updated))
    refresh_due_scores(today)
    stored = InstitutionScore.objects.get(institution=page)
    assert stored.score == 92 and stored.changes_on == today + timedelta(days=1)

    # The next day the row is due and is recomputed; nothing else is touched.
    other = InstitutionPageFactory(parent=directory, **disclose(3, today))
    refresh_scores(InstitutionPage.objects.filter(pk=other.pk), today)
    changed = refresh_due_scores(today + timedelta(days=1))
    assert changed == [page.pk]
    stored.refresh_from_db()
    assert stored.score == 46 and stored.changes_on is None


def test_publishing_stores_the_new_score(directory):
    page = InstitutionPageFactory(parent=directory, **disclose(0, date.today()))
    page.save_revision().publish()
    assert InstitutionScore.objects.get(institution=page).score == 8
    for field in TEXT_DISCLOSURES:
        setattr(page, field, "<p>Бар.</p>")
        setattr(page, f"{field}_updated", date.today())
    page.save_revision().publish()
    assert InstitutionScore.objects.get(institution=page).score == 92


def test_bands_and_change_day_helpers():
    assert [band_of(s) for s in (0, 24, 25, 49, 50, 74, 75, 100, None)] == [
        "0-24", "0-24", "25-49", "25-49", "50-74", "50-74", "75-100", "75-100", None,
    ]  # fmt: skip
    assert changes_on([]) is None


def test_a_search_writes_no_scores(client, scored, settings):
    """Searching only reads: it neither writes scores nor queues their refresh; the daily task does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get(scored["full"].get_parent().url + "?sort=transparency").status_code == 200
    assert not InstitutionScore.objects.exists()
    assert not DBTaskResult.objects.exists()
    refresh_due_transparency_scores.enqueue()
    run_worker()
    assert InstitutionScore.objects.count() == 4


def test_the_daily_command_refreshes_the_scores(scored):
    call_command("refresh_transparency_scores", stdout=StringIO())
    assert InstitutionScore.objects.count() == 4


def test_directory_page_offers_the_score_facet_and_sort(client, scored):
    refresh_due_scores()  # what publishing and the daily timer do; searching only reads
    response = client.get(scored["full"].get_parent().url + "?sort=transparency")
    html = response.content.decode()
    assert response.status_code == 200
    assert "transparency=75-100" in html
    assert 'value="transparency" selected' in html
    assert html.index("Толук колледжи") < html.index("Жарым мектеби") < html.index("Бош мектеби")
    # Each card says its score "of 100" (the word order depends on the language).
    lines = re.findall(r'class="card__score">([^<]*)</p>', html)
    assert [[n for n in re.findall(r"\d+", line) if n != "100"] for line in lines] == [["92"], ["58"], ["46"], ["0"]]


def test_elasticsearch_takes_scores_that_turned_by_date(directory, elasticsearch):
    today = date.today()
    page = InstitutionPageFactory(parent=directory, **disclose(10, today - timedelta(days=365)))
    call_command("rebuild_search_index", verbosity=0)
    assert [h.page.pk for h in ask(ElasticsearchEngine(), "transparency=75-100").hits] == [page.pk]

    refresh_due_scores(today + timedelta(days=1))  # the next day: every item has turned stale
    assert InstitutionScore.objects.get(institution=page).indexed
    assert ask(ElasticsearchEngine(), "transparency=75-100").hits == []
    assert [h.page.pk for h in ask(ElasticsearchEngine(), "transparency=25-49").hits] == [page.pk]


def test_scores_the_index_missed_are_retried(directory, settings):
    page = InstitutionPageFactory(parent=directory, **disclose(2, date.today()))
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens: the update fails quietly
    refresh_due_scores()
    assert not InstitutionScore.objects.get(institution=page).indexed  # kept for a later try


def test_score_filter_with_words_only_the_content_matches(engine, scored):
    """Words found in no name go to the full-text search, which must accept the score filter too."""
    result = ask(engine, "q=Жарыяланды&transparency=50-74")
    assert [hit.page.pk for hit in result.hits] == [scored["half"].pk]
