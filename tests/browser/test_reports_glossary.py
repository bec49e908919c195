"""A parent reads a published self-assessment report and the glossary, on a 360 px phone and a desktop,
in three languages: nothing overflows sideways, a term opens from the keyboard, and two reports are
compared by choosing from a list and pressing a button. Screenshots go to test-results/."""

import pytest

from .demo_site import _live_server_helper, base_rows, demo_site, offline_tiles  # noqa: F401 - fixtures

# One worker runs the whole module, so its demo_site is loaded once (make test: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-reports_glossary")]

WIDTHS = [360, 1280]
LANGUAGES = ["ky", "ru", "en"]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_page_and_glossary_at_phone_and_desktop_width(live_server, page, screenshot, demo_site, language):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + demo_site[("report", language)])
        assert page.locator(".criterion").count() == 32
        assert no_sideways_scroll(page), (language, width)
        screenshot(page, f"report-{language}-{width}")
        page.goto(live_server.url + demo_site[("glossary", language)])
        assert page.locator(".glossary dt").count() >= 14
        assert no_sideways_scroll(page), (language, width)
        screenshot(page, f"glossary-{language}-{width}")
    assert not problems, problems


def test_a_term_opens_from_the_keyboard_and_reports_compare_by_buttons(live_server, page, screenshot, demo_site):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + demo_site[("report", "ky")])
    term = page.locator("details.glossary-term").first
    assert term.get_attribute("open") is None
    term.locator("summary").focus()
    page.keyboard.press("Enter")
    assert term.get_attribute("open") is not None
    assert term.locator("a").get_attribute("href").startswith("/ky/glossary/#term-")

    # Choose the other report from the list and press the button: no address to edit.
    page.locator(".report-compare button").click()
    page.wait_for_url("**/ky/self-assessment/compare/**")
    assert page.locator(".report-compare-table tbody tr").count() >= 32
    screenshot(page, "report-compare-ky-360")
