"""Headless Chromium (Debian's package) driven by Playwright; never a downloaded browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parent.parent.parent / "test-results"
HOW_TO_INSTALL = "Chromium not found at /usr/bin/chromium; install it with `apt-get install chromium` (CI does)."


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail(HOW_TO_INSTALL)
        pytest.skip(HOW_TO_INSTALL)
    # Playwright's sync API runs an event loop in this thread; the test database is still used
    # synchronously from it.
    unsafe_before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    if unsafe_before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ky-KG")
    page = context.new_page()
    offline_tiles(page)  # never fetch real OpenStreetMap tiles from a test
    yield page
    context.close()


@pytest.fixture
def screenshot():
    RESULTS.mkdir(exist_ok=True)

    def take(page, name):
        path = RESULTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def base_rows(transactional_db):
    """Browser tests need committed data (the live server reads it from another thread), so they
    run in transactional tests, which empty the database afterwards, migrations' rows included."""
    restore_base_rows()


def restore_base_rows():
    """Put back what the data migrations create and a flush removes: locales, languages of
    instruction, the root page, the site, the root collection, wagtail-localize's permission."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page, Site

    from selfassessment.criteria_data import load_criteria
    from selfassessment.models import Criterion, Standard
    from taxonomy.models import InstructionLanguage

    # A flush also emptied the content types, which post_migrate made again under new ids: forget the old ones.
    ContentType.objects.clear_cache()
    kyrgyz = Locale.objects.get_or_create(language_code="ky")[0]
    for code in ("ru", "en"):
        Locale.objects.get_or_create(language_code=code)
    for code in InstructionLanguage.Code.values:
        InstructionLanguage.objects.get_or_create(code=code)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=kyrgyz))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    # wagtail_localize's migration 0006 hangs this permission off a content type of no model.
    translation = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")[0]
    Permission.objects.get_or_create(
        content_type=translation, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    # The self-assessment template's 32 criteria and 5 standards (selfassessment's data migration).
    load_criteria(Standard, Criterion)


def _blank_tile():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (256, 256), (232, 238, 244)).save(buffer, "PNG")
    return buffer.getvalue()


BLANK_TILE = _blank_tile()


def offline_tiles(page):
    """Answer OpenStreetMap tile requests with a blank tile: tests never load the real tiles.
    Returns the list of tile URLs the page asked for."""
    requested = []

    def answer(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.route("https://tile.openstreetmap.org/**", answer)
    return requested
