"""A parent on a 360 px phone (issue 20), in Kyrgyz, Russian and English: the first result on the
first screen, the header folded into a menu, a profile that opens with what it is, its status and
languages, and a comparison chosen with buttons. Screenshots go to test-results/phone-*.png."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from .demo_site import _live_server_helper, base_rows, demo_site, offline_tiles  # noqa: F401 - fixtures
from .test_frontend_accessibility import describe

# One worker runs the whole module, so its demo_site is loaded once (make test: --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-phone_first")]

LANGUAGES = ["ky", "ru", "en"]
PHONE = {"width": 360, "height": 640}


def said(language, text, **values):
    with translation.override(language):
        return translation.gettext(text) % values if values else translation.gettext(text)


@pytest.fixture
def phone(page):
    problems = []
    page.set_default_timeout(10_000)
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    offline_tiles(page)
    page.set_viewport_size(PHONE)
    yield page
    assert not problems, problems  # the Content-Security-Policy blocked nothing, no script failed


def directory(demo_site, language):
    return demo_site["directory", language].split("?")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_result_is_on_the_first_screen(live_server, phone, screenshot, demo_site, language):
    page = phone
    page.goto(live_server.url + directory(demo_site, language))
    assert page.locator(".card").first.bounding_box()["y"] < PHONE["height"]
    toggle = page.locator("summary.filters-panel__toggle")
    assert toggle.inner_text() == said(language, "Filters")
    assert not page.locator(".filters").is_visible()  # folded behind the one button
    assert page.locator("input[type=search]:visible").count() == 1  # no second search box
    screenshot(page, f"phone-directory-{language}-360")

    # Two filters in use: the button counts them, and the first result still shows.
    page.goto(live_server.url + demo_site["directory", language])
    assert toggle.inner_text() == said(language, "Filters (%(number)s)", number=2)
    assert page.locator(".card").first.bounding_box()["y"] < PHONE["height"]
    toggle.click()
    assert page.locator(".filters").is_visible()
    chosen = page.locator(".filters a.selected")
    assert chosen.count() == 2 and chosen.first.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_folds_into_a_menu(live_server, phone, demo_site, language):
    page = phone
    page.goto(live_server.url + demo_site["home", language])
    toggle = page.get_by_role("button", name=said(language, "Menu"))
    nav = page.locator(".main-nav")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible() and not page.locator("#header-q").is_visible()
    assert page.locator(".language-links").is_visible()  # the languages stay one tap away
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 110, header_height  # the brand and the button, then the languages

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.is_visible() and page.locator("#header-q").is_visible()
    nav.get_by_role("link", name=said(language, "Institutions")).focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    assert page.evaluate("document.activeElement.className") == "menu-toggle"
    page.keyboard.press("Enter")  # the keyboard opens it again
    assert toggle.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name=said(language, "Institutions")).click()
    page.wait_for_url(f"**{directory(demo_site, language)}")

    # A wide screen shows the links with no button.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert nav.is_visible() and not toggle.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profile_opens_with_what_a_parent_asks_first(live_server, phone, screenshot, demo_site, language):
    page = phone
    page.goto(live_server.url + demo_site["profile", language])
    first_screen = PHONE["height"]
    header = page.locator(".profile__header")
    for part in (
        header.get_by_role("heading", level=1),
        header.locator(".status"),
        header.locator(".profile__key dd").first,
    ):
        box = part.bounding_box()
        assert box["y"] + box["height"] <= first_screen, (part, box)
    assert said(language, "Languages of instruction") in header.inner_text()
    # The programmes, the accreditation decisions and the contacts come before the disclosures,
    # and the transparency checklist has its own section after them.
    order = [
        page.locator(f"#{name}-heading").bounding_box()["y"]
        for name in ("programmes", "decisions", "contacts", "disclosures", "transparency")
    ]
    assert order == sorted(order), order
    assert page.locator("#contacts-heading ~ .map, section[aria-labelledby=contacts-heading] .map").count() == 1
    # The map is below the first screen: Leaflet is not fetched until the visitor scrolls near it, and
    # its empty canvas already holds its place, so drawing it moves nothing below.
    leaflet_fetched = "performance.getEntriesByType('resource').some(e => e.name.includes('/leaflet/leaflet.'))"
    assert not page.evaluate(leaflet_fetched)
    where_below = "document.getElementById('disclosures-heading').getBoundingClientRect().top + scrollY"
    below = page.evaluate(where_below)
    page.locator("[data-map-points]").first.scroll_into_view_if_needed()  # map.js draws it near the screen
    page.wait_for_selector(".map__canvas--ready")
    assert page.evaluate(leaflet_fetched)
    assert page.evaluate(where_below) == below
    screenshot(page, f"phone-profile-{language}-360")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comparison_is_chosen_with_buttons(live_server, phone, screenshot, demo_site, language):
    page = phone
    add = said(language, "Add to comparison")
    page.goto(live_server.url + directory(demo_site, language))
    cards = page.locator(".card")
    first_title = cards.nth(0).locator(".card__title").inner_text()
    second_title = cards.nth(1).locator(".card__title").inner_text()
    cards.nth(0).locator(".card__compare").get_by_role("link", name=add).click()
    bar = page.locator(".compare-bar")
    expect(bar).to_contain_text(first_title)  # waits for the page the click opened
    expect(cards.nth(0)).to_contain_text(said(language, "Chosen for comparison"))
    cards.nth(1).locator(".card__compare").get_by_role("link", name=add).click()
    expect(bar).to_contain_text(second_title)
    bar.get_by_role("link", name=said(language, "Compare them side by side")).click()
    page.wait_for_selector(".compare-table")
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert len(headers) == 2 and first_title in headers[0] and second_title in headers[1]
    assert not page.locator("#compare-ids").is_visible()  # the numbers are folded away, not needed
    screenshot(page, f"phone-compare-{language}-360")
    page.locator(".compare-table thead th").nth(1).get_by_role("link", name=said(language, "Remove")).click()
    expect(page.locator(".compare-table thead th")).to_have_count(1)  # waits for the new page

    # From a profile: one button adds it; the compare page leads back to the directory to choose more.
    page.goto(live_server.url + directory(demo_site, language))
    cards.nth(2).locator(".card__title a").click()
    expect(page.locator(".compare-link")).to_be_visible()  # the profile has opened
    profile_title = page.get_by_role("heading", level=1).inner_text()
    assert page.locator(".compare-link__hint").count() == 0  # no instruction to edit the address
    page.locator(".compare-link").get_by_role("link", name=add).click()
    page.locator(".compare-more").get_by_role("link").click()
    chosen = page.locator(".card", has_text=profile_title)
    expect(chosen).to_contain_text(said(language, "Chosen for comparison"))
    chosen.get_by_role("link", name=said(language, "Remove")).click()
    expect(page.locator(".compare-bar")).to_have_count(0)


@pytest.mark.parametrize("name", ["directory", "profile"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violation_with_the_menu_and_filters_open(live_server, phone, demo_site, name, width):
    page = phone
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + demo_site[name, "ky"])
    if width == 360:
        page.locator(".menu-toggle").click()
        if name == "directory":
            page.locator("summary.filters-panel__toggle").click()
    page.locator("[data-map-points]").first.scroll_into_view_if_needed()  # map.js draws it near the screen
    page.wait_for_selector(".map__canvas--ready")
    violations = Axe().run(page).response["violations"]
    assert not violations, f"{page.url} at {width} px\n{describe(violations)}"
