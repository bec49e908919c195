"""axe-core finds no violation on the public pages, in Kyrgyz, Russian and English.

The pages come from tests/public_pages.py. One data set (the first demo institutions, translated)
serves the whole module: loading it once per test would dominate the run time."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from demo.loader import load_demo_data

from ..public_pages import every_page, page_url
from .conftest import restore_base_rows

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Committed demo data for the live server, kept for the module, then removed."""
    with django_db_blocker.unblock():
        restore_base_rows()
        load_demo_data(limit=3)
        urls = {(name, language): page_url(name, language) for name, language in every_page()}
        yield urls
        call_command("flush", interactive=False, verbosity=0)
        restore_base_rows()


@pytest.fixture
def base_rows():
    """The module's data set replaces the per-test base rows of conftest.py."""


@pytest.fixture
def _live_server_helper(request):
    """pytest-django's helper would empty the database after each test (transactional_db); the
    module's data set is committed once instead, so only the live server's settings are switched."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}" for node in violation["nodes"][:5])
    return "\n".join(lines)


@pytest.mark.parametrize("name, language", every_page())
def test_no_axe_violation(live_server, page, axe, demo_site, name, language):
    response = page.goto(live_server.url + demo_site[name, language])
    assert response.ok
    assert page.locator("html").get_attribute("lang") == language
    results = axe.run(page)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{describe(violations)}"
