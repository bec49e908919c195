"""axe-core finds no violation on the public pages, in Kyrgyz, Russian and English.

The pages come from tests/public_pages.py. One data set (the first demo institutions, translated)
serves the whole module: loading it once per test would dominate the run time."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..public_pages import every_page
from .demo_site import _live_server_helper, base_rows, demo_site, offline_tiles  # noqa: F401 - fixtures

# One worker runs the whole module, so its demo_site is loaded once (make test: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-frontend_accessibility")]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
            for node in violation["nodes"][:5]
        )
    return "\n".join(lines)


@pytest.mark.parametrize("name, language", every_page())
def test_no_axe_violation(live_server, page, axe, demo_site, name, language):
    offline_tiles(page)
    response = page.goto(live_server.url + demo_site[name, language])
    assert response.ok
    if page.locator("[data-map-points]").count():
        page.locator("[data-map-points]").first.scroll_into_view_if_needed()  # map.js draws it near the screen
        page.wait_for_selector(".map__canvas--ready")  # check the drawn map too
    assert page.locator("html").get_attribute("lang") == language
    results = axe.run(page)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("name", ["home", "directory", "profile"])
def test_no_axe_violation_on_a_phone(live_server, page, axe, demo_site, name):
    """The phone layout (tables that scroll sideways, the map) passes too."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + demo_site[name, "ky"])
    if page.locator("[data-map-points]").count():
        page.locator("[data-map-points]").first.scroll_into_view_if_needed()  # map.js draws it near the screen
        page.wait_for_selector(".map__canvas--ready")
    violations = axe.run(page).response["violations"]
    assert not violations, f"{page.url} at 360 px\n{describe(violations)}"
