"""In Chromium: the profile's status check (badge, embed code, notice link) and alert sign-up, and
the directory's follow form, at phone and desktop widths; screenshots go to test-results/."""

import pytest
from django.core import mail

from .conftest import RESULTS
from .demo_site import _live_server_helper, base_rows, demo_site, offline_tiles  # noqa: F401 - fixtures

# One worker runs the whole module, so its demo_site is loaded once (make test: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-alerts_status_screens")]


@pytest.fixture
def visitor(page):
    """A page that records what the Content-Security-Policy blocked and any script error."""
    problems = []
    page.set_default_timeout(10_000)
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.tiles = offline_tiles(page)
    yield page
    assert not problems, problems


@pytest.mark.parametrize("width", [360, 1280])
def test_profile_status_check_and_sign_up(live_server, visitor, demo_site, width):
    page = visitor
    RESULTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + demo_site["profile", "ky"])
    panel = page.locator(".status-check")
    panel.scroll_into_view_if_needed()
    badge = panel.locator("img.status-check__badge")
    assert page.evaluate("(img) => img.complete && img.naturalWidth", badge.element_handle()) == 320
    assert "badge.svg" in panel.locator("textarea").input_value()
    panel.screenshot(path=str(RESULTS / f"status-check-{width}.png"))
    form = page.locator(".alerts-signup")
    form.screenshot(path=str(RESULTS / f"alerts-signup-profile-{width}.png"))
    mail.outbox.clear()
    form.get_by_label("Электрондук почтаңыздын дареги").fill(f"parent{width}@example.kg")
    form.get_by_label("Күнүнө бир жолу, жыйынтык кат").check()
    form.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Почтаңызды текшериңиз"
    page.screenshot(path=str(RESULTS / f"alerts-signup-sent-{width}.png"), full_page=True)
    assert [message.to for message in mail.outbox] == [[f"parent{width}@example.kg"]]


@pytest.mark.parametrize("width", [360, 1280])
def test_directory_follow_form(live_server, visitor, demo_site, width):
    page = visitor
    RESULTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + demo_site["directory", "ky"].split("?")[0] + "?region=bishkek")
    form = page.locator(".alerts-signup")
    form.scroll_into_view_if_needed()
    assert form.locator("select option:checked").inner_text().startswith("Бишкек")
    form.screenshot(path=str(RESULTS / f"alerts-signup-directory-{width}.png"))
