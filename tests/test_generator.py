"""The bulk generator builds a valid Wagtail tree that serves and searches like hand-made pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from demo.generator import generate_institutions
from institutions.models import InstitutionPage, ProgrammePage

from .factories import DistrictFactory, InstitutionPageFactory, InstitutionTypeFactory, QualificationFactory


def test_generated_institutions_form_a_valid_tree(client, directory):
    DistrictFactory.create_batch(3)
    InstitutionTypeFactory.create_batch(2)
    QualificationFactory()
    made = generate_institutions(directory, count=1, programmes_per_institution=2, seed=7)
    assert made == 1  # into an empty directory
    InstitutionPageFactory(parent=directory)  # generation appends after existing children
    made = generate_institutions(directory, count=29, programmes_per_institution=2, seed=8)

    assert made == 29
    assert InstitutionPage.objects.child_of(directory).count() == 31
    assert ProgrammePage.objects.count() == 60
    assert Page.find_problems() == ([], [], [], [], [])
    directory.refresh_from_db()
    assert directory.numchild == 31
    generated = InstitutionPage.objects.filter(slug__startswith="generated-").order_by("path").last()
    response = client.get(generated.url)
    assert response.status_code == 200
    assert generated.title in response.content.decode()
    programme = ProgrammePage.objects.child_of(generated).first()
    assert client.get(programme.url).status_code == 200
    # In Wagtail's search index (bulk inserts send no signals), so its content is searchable.
    assert IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(InstitutionPage), object_id=str(generated.pk)
    ).exists()
    assert generated in InstitutionPage.objects.live().search("Район")
    # Its own name's keys are stored as a save() stores them, so a place query can match its name.
    stored_keys = generated.title_keys
    generated.save()
    assert stored_keys and generated.title_keys == stored_keys
    # Their stored transparency scores are computed on the spot, equal to the live computation.
    from transparency.models import InstitutionScore
    from transparency.score import score_for_page

    assert InstitutionScore.objects.get(institution=generated).score == score_for_page(generated)
    assert InstitutionScore.objects.filter(institution__slug__startswith="generated-").count() == 30


def test_bulk_generation_leaves_planner_statistics_for_fast_text_search(directory):
    """SQLite without statistics runs one full-text lookup per indexed page for a content search."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the plan checked here is SQLite's; PostgreSQL analyzes by itself")
    DistrictFactory.create_batch(2)
    InstitutionTypeFactory()
    call_command("generate_institutions", "--count", "30", verbosity=0)
    results = InstitutionPage.objects.live().search("lyceum", operator="and", order_by_relevance=False)
    sql, params = results.get_queryset().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    scans = [step for step in plan if "VIRTUAL TABLE" in step or "indexentry" in step.lower()]
    assert scans and "VIRTUAL TABLE" in scans[0], plan  # the FTS index drives the search


def test_planner_statistics_cover_the_tables_analyze_leaves_out(directory):
    """ANALYZE writes nothing for an empty table and SQLite then plans it as a large one: on 5,000
    institutions the view-restriction query of every search scanned all 28,000 pages (3–8 ms).
    After a bulk load every table has an estimate, the empty ones a small one."""
    from django.db import connection

    from demo.planner import EMPTY_TABLE_ROWS, update_planner_statistics

    if connection.vendor != "sqlite":
        pytest.skip("sqlite_stat1 is SQLite's; PostgreSQL analyzes by itself")
    DistrictFactory.create_batch(2)
    InstitutionTypeFactory()
    generate_institutions(directory, count=5, programmes_per_institution=1, seed=5)
    update_planner_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1 WHERE idx IS NULL")
        estimates = dict(cursor.fetchall())
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        covered = {name for (name,) in cursor.fetchall()}
    assert estimates["wagtailcore_pageviewrestriction"] == EMPTY_TABLE_ROWS  # empty: no restriction yet
    assert {"wagtailcore_page", "institutions_institutionpage"} <= covered - set(estimates)  # analyzed ones keep theirs
    # Every table but SQLite's own and the full-text index (a virtual table: its module plans it).
    tables = {name for name in connection.introspection.table_names() if not name.startswith("sqlite_")}
    assert tables - {"wagtailsearch_indexentry_fts"} <= covered, tables - covered


def test_generated_decisions_are_valid_pages_that_give_statuses(client, home, directory):
    from accreditation.models import AccreditationDecisionPage
    from accreditation.status import statuses_for
    from demo.generator import generate_decisions

    from .accreditation_factories import DecisionIndexPageFactory

    DistrictFactory.create_batch(2)
    InstitutionTypeFactory()
    generate_institutions(directory, count=20, programmes_per_institution=1, seed=3)
    register = DecisionIndexPageFactory(parent=home)
    made = generate_decisions(register, share=0.5, seed=4)

    decisions = AccreditationDecisionPage.objects.live().child_of(register)
    assert 0 < made == decisions.count() < 20
    assert Page.find_problems() == ([], [], [], [], [])
    assert generate_decisions(register, share=0.5, seed=5) <= 20 - made  # only institutions without one
    decision = decisions.first()
    assert client.get(decision.url).status_code == 200
    statuses = statuses_for(InstitutionPage.objects.filter(accreditation_decisions__isnull=False))
    assert {status.code for status in statuses.values()} - {"none"} and "none" not in {
        status.code for status in statuses.values()
    }
