"""The roles tests' two institutions, made once for a module instead of once per test.

A module whose every database test uses `two_institutions` (directly or through `people`) imports these
fixtures; they replace conftest's `home` and `directory` and roles_setup's `two_institutions` there.
The pages are made once, inside the module's transaction (tests/shared_rows.py), and each test gets
them fresh from the database, in its own savepoint: what a test writes is undone after it, and what
it changes in memory stays with it. Users (`people`) are still made per test.
"""

import pytest
from wagtail.models import Page

from .conftest import make_home
from .factories import InstitutionIndexPageFactory
from .roles_setup import make_two_institutions
from .shared_rows import rolled_back_at_the_end


@pytest.fixture(scope="module")
def two_institutions_rows(django_db_setup, django_db_blocker):
    """Ids of the home page, the directory and institutions A and B."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            home = make_home()
            directory = InstitutionIndexPageFactory(parent=home)
            a, b = make_two_institutions(directory)
        yield {"home": home.pk, "directory": directory.pk, "a": a.pk, "b": b.pk}


def fresh(pk):
    return Page.objects.get(pk=pk).specific


@pytest.fixture
def home(two_institutions_rows, db):
    return fresh(two_institutions_rows["home"])


@pytest.fixture
def directory(two_institutions_rows, db):
    return fresh(two_institutions_rows["directory"])


@pytest.fixture
def two_institutions(two_institutions_rows, db):
    """Institution A in district X and institution B in district Y, each with a programme."""
    return fresh(two_institutions_rows["a"]), fresh(two_institutions_rows["b"])
