"""An editor's publish costs the same few queries however many institutions the site and the district hold:
the content version moves once, on commit, and groups and workflows are left alone unless the title or
the district changed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowPage

from demo.generator import generate_institutions
from roles.groups import sync_all

from .factories import DistrictFactory, InstitutionPageFactory, InstitutionTypeFactory
from .roles_setup import area_of

MOST_QUERIES = 150


def publish_queries(page, django_capture_on_commit_callbacks):
    page.mission = f"<p>{page.mission} Жаңыланды.</p>"
    with CaptureQueriesContext(connection) as queries:
        with django_capture_on_commit_callbacks(execute=True):  # the commit's own work counts too
            page.save_revision().publish()
    return [query["sql"] for query in queries.captured_queries]


def grow_district(directory, count, seed):
    """More institutions in the one district (the review area grows with them), with their roles synced."""
    generate_institutions(directory, count=count, programmes_per_institution=2, seed=seed)
    sync_all()


def test_a_publish_costs_the_same_at_5_and_at_60_institutions(directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # commits, and so makes the content version's row
        district = DistrictFactory()
        InstitutionTypeFactory()
        school = InstitutionPageFactory(parent=directory, district=district)
        school.save_revision().publish()
        grow_district(directory, 4, seed=1)
    small = publish_queries(school, django_capture_on_commit_callbacks)
    grow_district(directory, 55, seed=2)
    assert area_of(school).institutions().count() == 60
    large = publish_queries(school, django_capture_on_commit_callbacks)

    assert len(small) <= MOST_QUERIES
    assert len(large) <= MOST_QUERIES
    assert abs(len(large) - len(small)) <= 2
    for queries in (small, large):
        # One per transaction: the draft revision's and the publication's.
        assert sum('UPDATE "pages_contentversion"' in sql for sql in queries) == 2
        assert not [sql for sql in queries if "wagtailcore_workflowpage" in sql and not sql.startswith("SELECT")]
    assert WorkflowPage.objects.get(page=school).workflow == area_of(school).workflow
