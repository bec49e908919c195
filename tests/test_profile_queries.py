"""A profile asks the database the same few times however much it shows and however many institutions the
site holds. Tests use no cache, so every request is cold: the first visitor's after the page changed. The
lookups every page shares (restricted paths, glossary, site root paths, index URLs) are kept per content
version (core.memo): the second request of a page shows the count most cold requests pay."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import memo
from demo.generator import generate_institutions
from glossary.models import GlossaryTerm
from institutions.models import InstitutionLicence, MediaLink, ProgrammeEnrolment, StaffStatistic

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import InstitutionPageFactory, ProgrammePageFactory

MOST_QUERIES = 20


def cold_queries(client, page):
    """Queries of the request right after a change, then of the next one (shared lookups kept)."""
    memo.forget_shared()  # as a change does (tests leave the content version's number where it was)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200
        counts.append(len(captured))
    return counts


def test_a_profile_costs_the_same_few_queries_small_and_large(client, home, directory):
    small = InstitutionPageFactory(parent=directory, title="Кичине мектеп")
    ProgrammePageFactory(parent=small)
    client.get(small.url)  # what a process reads once in its life (content types, URL patterns)
    small_counts = cold_queries(client, small)

    large = InstitutionPageFactory(parent=directory, title="Чоң колледж")
    register = DecisionIndexPageFactory(parent=home)
    for n in range(12):
        programme = ProgrammePageFactory(parent=large)
        for year in (2022, 2023, 2024):
            ProgrammeEnrolment.objects.create(programme=programme, year=year, learners=20 + n)
    for n in range(20):
        InstitutionLicence.objects.create(
            institution=large, number=f"L-{n}", issued_on=date(2020, 1, 1), issuer="Министрлик"
        )
    for year in range(2015, 2025):
        StaffStatistic.objects.create(institution=large, year=year, teaching_staff=40, support_staff=10)
    for n in range(5):
        MediaLink.objects.create(
            institution=large, title=f"Макала {n}", url=f"https://example.kg/{n}", published_on=date(2024, 1, 1 + n)
        )
        AccreditationDecisionPageFactory(
            parent=register, institution=large, number=f"{n}/K", decision_date=date(2016 + n, 6, 1)
        )
    for slug in ("qualification", "licence", "criterion-1-6", "transparency-score"):
        GlossaryTerm.objects.create(term=slug, slug=slug, explanation="Түшүндүрмө.", locale=large.locale)
    generate_institutions(directory, count=30, programmes_per_institution=2, seed=3)
    large_counts = cold_queries(client, large)
    again_small = cold_queries(client, small)

    assert small_counts[1] == large_counts[1] == again_small[1], (small_counts, large_counts, again_small)
    assert large_counts[1] < MOST_QUERIES
    # Right after a change the shared lookups are read again, a few more queries at either size.
    assert max(small_counts[0], large_counts[0]) <= MOST_QUERIES + 6, (small_counts, large_counts)
    html = client.get(large.url).content.decode()
    assert "Макала 4" in html and "L-19" in html  # what the lookups serve is still shown


def test_postgresql_keeps_the_plans_of_a_profile_it_serves_again(client, directory):
    """On PostgreSQL a profile's queries are prepared once per connection, then only executed: the
    second visitor's request is not parsed and planned again (config.settings.base.prepared_statements)."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; SQLite keeps no plan across queries")
    first = InstitutionPageFactory(parent=directory, title="Биринчи мектеп")
    second = InstitutionPageFactory(parent=directory, title="Экинчи мектеп")
    ProgrammePageFactory(parent=first)
    ProgrammePageFactory(parent=second)
    for _ in range(3):
        for page in (first, second):
            assert client.get(page.url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("institutions_programmepage" in statement for statement in prepared), prepared
    # The page each visitor asked for is the one shown: a prepared plan takes new parameters.
    assert "Экинчи мектеп" in client.get(second.url).content.decode()
