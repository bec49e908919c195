"""Cached profile fragments and search answers never show stale content: every change that a page
shows, and a new day, gives a new cache key (pages.content_version)."""

from datetime import date, timedelta

import pytest

from accreditation.models import AccreditationDecisionPage
from pages import content_version

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import DistrictFactory, InstitutionPageFactory, ProgrammePageFactory, RegionFactory


@pytest.fixture(autouse=True)
def real_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public-cache-tests"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
    fragment_tables = ("accreditation_accreditationdecisionpage", "institutions_institutionlicence", "institutions_medialink",
                       "institutions_staffstatistic", "selfassessment_")
    assert any(table in q["sql"] for q in cold.captured_queries for table in fragment_tables)
    assert not [q["sql"] for q in warm.captured_queries if any(table in q["sql"] for table in fragment_tables)]
    assert len(warm) < len(cold) - 5


def test_a_published_decision_shows_on_a_cached_profile(client, home, school):
    before = html(client, school.url)
    assert "42/K" not in before
    decision = AccreditationDecisionPageFactory(
        parent=DecisionIndexPageFactory(parent=home), institution=school, number="42/K",
        outcome=AccreditationDecisionPage.Outcome.CONDITIONAL,
    )
    decision.save_revision().publish()
    after = html(client, school.url)
    assert after != before
    assert "42/K" in after


def test_a_new_programme_and_an_edit_show_on_a_cached_profile(client, school):
    html(client, school.url)
    ProgrammePageFactory(parent=school, title="Тигүүчү")
    assert "Тигүүчү" in html(client, school.url)
    school.mission = "<p>Жаңы миссия</p>"
    school.save_revision().publish()
    assert "Жаңы миссия" in html(client, school.url)


def test_a_renamed_region_shows_on_a_cached_profile(client, school):
    html(client, school.url)
    region = school.region
    region.name = "Ысык-Көл облусу (жаңы)"
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


def test_cached_search_answers_follow_publishing(client, directory, school):
    url = directory.url + "?q=Кемин"
    assert school.title in html(client, url)
    other = InstitutionPageFactory(parent=directory, title="Кеминдеги №5 гимназия")
    assert other.title in html(client, url)
    other.unpublish()
    assert other.title not in html(client, url)


def test_cached_facets_follow_a_new_region(client, directory, school):
    html(client, directory.url)
    naryn = RegionFactory(name="Нарын облусу", slug="naryn")
    InstitutionPageFactory(parent=directory, region=naryn, district=DistrictFactory(region=naryn))
    assert "region=naryn" in html(client, directory.url)


def test_saving_a_public_model_bumps_the_version(school):
    before = content_version.current()
    school.save_revision().publish()
    assert content_version.current() > before


def test_cached_directory_fragments_follow_the_comparison_choice(client, directory, school):
    plain = html(client, directory.url)
    assert f"compare={school.pk}" in plain  # its card offers to add it
    chosen = html(client, f"{directory.url}?compare={school.pk}")
    card = chosen.split(f'id="institution-{school.pk}"')[1].split("</li>")[0]
    assert "card__compare" in card and f"compare={school.pk}#" not in card  # chosen, not offered again
    facets = chosen.split('class="filters"')[1].split("</aside>")[0]
    assert f"compare={school.pk}" in facets  # facet links keep the choice


def test_the_home_page_shows_a_new_decision_at_once(client, home, school):
    html(client, "/ky/")
    decision = AccreditationDecisionPageFactory(parent=DecisionIndexPageFactory(parent=home), institution=school)
    decision.save_revision().publish()
    assert decision.url in html(client, "/ky/")
