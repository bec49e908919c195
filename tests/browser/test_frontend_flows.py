"""What a visitor does, in Chromium: search, filter, read, compare; switch language; pick a
suggestion; use the keyboard only. Screenshots at phone, tablet and desktop widths go to test-results/."""

import re

import pytest

from institutions.models import InstitutionPage

from .demo_site import _live_server_helper, base_rows, demo_site, offline_tiles  # noqa: F401 - fixtures

# One worker runs the whole module, so its demo_site is loaded once (make test: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-frontend_flows")]

WIDTHS = [360, 768, 1280]


@pytest.fixture
def visitor(page):
    """A page that records what the Content-Security-Policy blocked and any script error."""
    problems = []
    page.set_default_timeout(10_000)
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.tiles = offline_tiles(page)
    page.problems = problems
    yield page
    assert not problems, problems


def kyrgyz(title_start):
    return InstitutionPage.objects.get(locale__language_code="ky", title__startswith=title_start)


def test_search_filter_profile_compare(live_server, visitor, screenshot, demo_site):
    page = visitor
    page.goto(live_server.url + "/")
    assert page.url.endswith("/ky/")
    page.fill("#home-q", "Bishkek")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/ky/institutions/?q=Bishkek")
    assert page.locator(".card").count() == 3

    # The map shows the institutions of the result page; the list stays the same.
    page.locator("#directory-map").scroll_into_view_if_needed()  # map.js draws it near the screen
    page.wait_for_selector("#directory-map.map__canvas--ready")
    assert page.locator("#directory-map .leaflet-marker-icon").count() == 3
    assert page.tiles, "the map asked for OpenStreetMap tiles"
    assert "OpenStreetMap" in page.locator("#directory-map .leaflet-control-attribution").inner_text()

    group = page.locator("details.facet", has=page.locator("a", has_text="Жеке менчик"))  # ownership
    group.locator("summary").click()  # a closed filter group opens
    group.locator("a", has_text="Жеке менчик").click()
    page.wait_for_url(re.compile(r"ownership=private"))
    assert page.locator(".card").count() == 1
    page.get_by_role("link", name="«Билим Плюс» жеке орто мектеби").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "«Билим Плюс» жеке орто мектеби"
    page.locator("#profile-map").scroll_into_view_if_needed()  # map.js draws it near the screen
    page.wait_for_selector("#profile-map.map__canvas--ready")
    assert page.locator("#profile-map .leaflet-marker-icon").count() == 1

    # The comparison is chosen with buttons: this one, then another from the directory.
    page.locator(".compare-link").get_by_role("link", name="Салыштырууга кошуу").click()
    page.wait_for_url("**/compare/?ids=*")
    page.locator(".compare-more").get_by_role("link").click()  # back to the directory, choice kept
    other = kyrgyz("Бишкек шаарындагы №28")
    page.locator(f"#institution-{other.pk} .card__compare").get_by_role("link", name="Салыштырууга кошуу").click()
    page.locator(".compare-bar").get_by_role("link", name="Аларды катар салыштыруу").click()
    page.wait_for_selector(".compare-table")
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert len(headers) == 2
    assert any("Билим Плюс" in text for text in headers) and any("№28" in text for text in headers)
    screenshot(page, "flow-compare")


def test_language_switch_keeps_the_page(live_server, visitor, demo_site):
    page = visitor
    page.goto(live_server.url + demo_site["profile", "ky"])
    kyrgyz_title = page.get_by_role("heading", level=1).inner_text()
    page.locator(".language-links").get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/**")
    assert page.locator("html").get_attribute("lang") == "ru"
    russian_title = page.get_by_role("heading", level=1).inner_text()
    assert russian_title != kyrgyz_title
    page.locator(".language-links").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Institutions").first.is_visible()


def test_autocomplete_suggestion_opens_the_profile(live_server, visitor, screenshot, demo_site):
    page = visitor
    page.goto(live_server.url + "/ky/")
    page.locator("#header-q").press_sequentially("Bilim", delay=30)  # Latin spelling of «Билим»
    option = page.get_by_role("option").first
    option.wait_for()
    assert "Билим Плюс" in option.inner_text()
    screenshot(page, "flow-autocomplete")
    option.click()
    page.wait_for_url("**/ky/institutions/bilim-plyus-jeke-orto-mektebi/")
    assert "Билим Плюс" in page.get_by_role("heading", level=1).inner_text()


def focused(page):
    return page.evaluate(
        "document.activeElement.id || document.activeElement.className || document.activeElement.tagName"
    )


def test_keyboard_only(live_server, visitor, demo_site):
    page = visitor
    page.goto(live_server.url + "/ky/")
    page.keyboard.press("Tab")
    assert focused(page) == "skip-link"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main") and focused(page) == "main"

    page.goto(live_server.url + "/ky/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused(page) == "header-q":
            break
    assert focused(page) == "header-q"
    page.keyboard.type("Talas")  # nothing in the first three institutions
    page.keyboard.press("Enter")
    page.wait_for_url("**/ky/institutions/?q=Talas")
    assert page.locator(".card").count() == 0
    assert page.get_by_text("Издөөңүзгө дал келген билим берүү уюму табылган жок.").is_visible()


@pytest.mark.parametrize("name", ["home", "directory", "profile"])
def test_screenshots_at_three_widths(live_server, visitor, screenshot, demo_site, name):
    page = visitor
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + demo_site[name, "ky"])
        if page.locator("[data-map-points]").count():
            page.locator("[data-map-points]").first.scroll_into_view_if_needed()  # map.js draws it near the screen
            page.wait_for_selector(".map__canvas--ready")
        screenshot(page, f"{name}-{width}")
        # Nothing pushes the page sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)


def test_on_a_phone_the_first_results_are_near_the_top(live_server, visitor, screenshot, demo_site):
    """On a narrow screen the filters fold behind one button; inside, the groups not in use start
    closed and the chosen one stays open."""
    page = visitor
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + demo_site["directory", "ky"].split("?")[0] + "?region=bishkek")
    screenshot(page, "directory-phone-filters-closed")
    first_card = page.locator(".card").first.bounding_box()
    # Past the header, the search box, the one "Filters (1)" button and the sort form; it was
    # 1,460 px down below eight filter groups and a second search box.
    assert first_card["y"] < 740, first_card
    page.get_by_text("Чыпкалар (1)").click()
    open_groups = page.locator("details.facet[open] summary").all_inner_texts()
    assert open_groups == ["Облус"], open_groups  # the region filter in use
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator("details.facet[open]").count() >= 3  # a wide screen keeps them open


def test_printed_profile_is_the_content_with_link_addresses(live_server, visitor, screenshot, demo_site):
    page = visitor
    page.goto(live_server.url + demo_site["profile", "ky"])
    page.emulate_media(media="print")
    for hidden in (".main-nav", ".header-search", ".language-links", ".map", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.get_by_role("heading", level=1).is_visible()
    link = page.locator(".transparency__summary a").first
    shown_after = link.evaluate("link => getComputedStyle(link, '::after').content")
    assert link.get_attribute("href") in shown_after
    disclosures = page.locator("section[aria-labelledby='disclosures-heading']")
    assert disclosures.evaluate("section => getComputedStyle(section).breakBefore") == "page"
    screenshot(page, "profile-print")
