"""One committed data set per test module for read-only browser tests (import the fixtures).

pytest-django's live_server normally makes every test transactional and empties the database after
each one, so each test would have to load its data again. Modules that only read pages import
`demo_site`, `base_rows` and `_live_server_helper` from here instead: the first demo institutions
(translated into Russian and English) are committed once and removed when the module ends."""

import pytest
from django.core.management import call_command

from demo.loader import load_demo_data

from ..public_pages import every_page, page_url
from .conftest import offline_tiles, restore_base_rows  # noqa: F401 - offline_tiles for the test modules

DEMO_INSTITUTIONS = 3


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Addresses of the public pages, keyed by (page name, language)."""
    with django_db_blocker.unblock():
        restore_base_rows()
        load_demo_data(limit=DEMO_INSTITUTIONS)
        yield {(name, language): page_url(name, language) for name, language in every_page()}
        call_command("flush", interactive=False, verbosity=0)
        restore_base_rows()


@pytest.fixture
def base_rows():
    """The module's data set replaces the per-test base rows of conftest.py."""


@pytest.fixture
def _live_server_helper(request):
    """Replaces pytest-django's helper, which would empty the database after each test; only the
    live server's settings are switched on for the test."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()
