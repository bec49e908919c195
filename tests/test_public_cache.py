"""Cached profile fragments and search answers never show stale content: every change that a page
shows, and a new day, gives a new cache key (core.content_version)."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import transaction

from accreditation.models import AccreditationDecisionPage
from core import content_version

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import DistrictFactory, InstitutionPageFactory, ProgrammePageFactory, RegionFactory


@pytest.fixture(autouse=True)
def real_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public-cache-tests"}
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Changes made inside commit: the test's own transaction stays open, so their on-commit work is run by hand."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def school(directory):
    return InstitutionPageFactory(parent=directory, title="Кеминдеги №2 мектеп")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_profile_is_served_from_the_cache_until_something_changes(client, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cold:
        first = html(client, school.url)
    with CaptureQueriesContext(connection) as warm:
        second = html(client, school.url)
    assert second == first
    fragment_tables = (
        "accreditation_accreditationdecisionpage",
        "institutions_institutionlicence",
        "institutions_medialink",
        "institutions_staffstatistic",
        "selfassessment_",
    )
    assert any(table in q["sql"] for q in cold.captured_queries for table in fragment_tables)
    assert not [q["sql"] for q in warm.captured_queries if any(table in q["sql"] for table in fragment_tables)]
    assert len(warm) < len(cold) - 5


def test_a_published_decision_shows_on_a_cached_profile(client, home, school, committed):
    before = html(client, school.url)
    assert "42/K" not in before
    with committed():
        decision = AccreditationDecisionPageFactory(
            parent=DecisionIndexPageFactory(parent=home),
            institution=school,
            number="42/K",
            outcome=AccreditationDecisionPage.Outcome.CONDITIONAL,
        )
        decision.save_revision().publish()
    after = html(client, school.url)
    assert after != before
    assert "42/K" in after


def test_a_new_programme_and_an_edit_show_on_a_cached_profile(client, school, committed):
    html(client, school.url)
    with committed():
        ProgrammePageFactory(parent=school, title="Тигүүчү")
    assert "Тигүүчү" in html(client, school.url)
    school.mission = "<p>Жаңы миссия</p>"
    with committed():
        school.save_revision().publish()
    assert "Жаңы миссия" in html(client, school.url)


def test_a_renamed_region_shows_on_a_cached_profile(client, school, committed):
    html(client, school.url)
    region = school.region
    region.name = "Ысык-Көл облусу (жаңы)"
    with committed():
        region.save()
    assert "Ысык-Көл облусу (жаңы)" in html(client, school.url)


def test_a_new_day_gives_new_keys(monkeypatch, school):
    today = content_version.cache_key("x")
    tomorrow = date.today() + timedelta(days=1)

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return tomorrow

    monkeypatch.setattr(content_version, "date", Tomorrow)
    assert content_version.cache_key("x") != today


def test_cached_search_answers_follow_publishing(client, directory, school, committed):
    url = directory.url + "?q=Кемин"
    assert school.title in html(client, url)
    with committed():
        other = InstitutionPageFactory(parent=directory, title="Кеминдеги №5 гимназия")
    assert other.title in html(client, url)
    with committed():
        other.unpublish()
    assert other.title not in html(client, url)


def test_cached_facets_follow_a_new_region(client, directory, school, committed):
    html(client, directory.url)
    with committed():
        naryn = RegionFactory(name="Нарын облусу", slug="naryn")
        InstitutionPageFactory(parent=directory, region=naryn, district=DistrictFactory(region=naryn))
    assert "region=naryn" in html(client, directory.url)


def test_saving_a_public_model_bumps_the_version(school, committed):
    before = content_version.current()
    with committed():
        school.save_revision().publish()
    assert content_version.current() > before


def test_the_version_moves_once_per_transaction_on_commit(school, committed, monkeypatch):
    # The similar lists' refresh that a publish queues is a transaction of its own (with its own bump).
    monkeypatch.setattr("similar.signals.refresh_similar_lists", SimpleNamespace(enqueue=lambda ids: None))
    before = content_version.current()
    with committed():
        with transaction.atomic():
            school.mission = "<p>Жаңы миссия</p>"
            school.save_revision().publish()
            school.region.save()
            assert content_version.current() == before  # not before the commit
    assert content_version.current() == before + 1


def save_and_roll_back(row):
    """A change inside a savepoint that is rolled back."""
    try:
        with transaction.atomic():
            row.save()
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass


def test_a_rolled_back_change_leaves_the_version(school, committed):
    before = content_version.current()
    with committed():
        with transaction.atomic():
            save_and_roll_back(school.region)
    assert content_version.current() == before
    with committed():
        with transaction.atomic():
            save_and_roll_back(school.region)
            school.region.save()  # a later change of the same transaction still counts
    assert content_version.current() == before + 1


def test_cached_directory_fragments_follow_the_comparison_choice(client, directory, school):
    plain = html(client, directory.url)
    assert f"compare={school.pk}" in plain  # its card offers to add it
    chosen = html(client, f"{directory.url}?compare={school.pk}")
    card = chosen.split(f'id="institution-{school.pk}"')[1].split("</li>")[0]
    assert "card__compare" in card and f"compare={school.pk}#" not in card  # chosen, not offered again
    facets = chosen.split('class="filters"')[1].split("</aside>")[0]
    assert f"compare={school.pk}" in facets  # facet links keep the choice


def test_the_home_page_shows_a_new_decision_at_once(client, home, school, committed):
    html(client, "/ky/")
    with committed():
        decision = AccreditationDecisionPageFactory(parent=DecisionIndexPageFactory(parent=home), institution=school)
        decision.save_revision().publish()
    assert decision.url in html(client, "/ky/")
