"""Home → directory → filter → profile → programme, as a person in Chromium sees them."""

from datetime import date

import pytest
from playwright.sync_api import expect

from institutions.models import InstitutionLicence, ProgrammeEnrolment, StaffStatistic

from ..factories import (
    DistrictFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    RegionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def institutions(directory):
    chuy = RegionFactory(name="Чүй облусу", slug="chuy")
    talas = RegionFactory(name="Талас облусу", slug="talas")
    sokuluk = DistrictFactory(region=chuy, name="Сокулук району", slug="sokuluk")
    manas = DistrictFactory(region=talas, name="Манас району", slug="manas")
    school = InstitutionTypeFactory(name="Жалпы билим берүүчү мектеп", slug="general-school")
    college = InstitutionTypeFactory(name="Колледж", slug="college")
    lyceum = InstitutionPageFactory(
        parent=directory,
        title="Сокулук айылындагы №1 орто мектеби",
        district=sokuluk,
        institution_type=school,
        address="Ленин көчөсү, 12, Сокулук айылы",
        phones="+996 3134 5-12-34",
    )
    # Tables wide enough to push a phone screen sideways if they were not contained.
    lyceum.licences = [
        InstitutionLicence(
            number="LS120004490",
            issued_on=date(2014, 3, 10),
            programmes="Башталгыч, негизги жана орто жалпы билим берүү программалары",
            issuer="Кыргыз Республикасынын Билим берүү жана илим министрлиги",
        )
    ]
    lyceum.staff_statistics = [
        StaffStatistic(year=year, teaching_staff=40, support_staff=8) for year in range(2022, 2027)
    ]
    lyceum.save()
    programme = ProgrammePageFactory(parent=lyceum, title="Орто жалпы билим берүү")
    programme.enrolments = [ProgrammeEnrolment(year=year, learners=150) for year in range(2022, 2027)]
    programme.save()
    InstitutionPageFactory(
        parent=directory, title="Талас политехникалык колледжи", district=manas, institution_type=college
    )
    return {"school": lyceum}


def test_a_visitor_finds_a_school_and_reads_its_profile(live_server, page, screenshot, home, institutions):
    page.goto(live_server.url + "/")
    assert page.url.endswith("/ky/")
    assert page.locator("html").get_attribute("lang") == "ky"
    screenshot(page, "foundation-home")

    page.get_by_role("link", name="Бардык билим берүү уюмдарын көрүү").click()
    expect(page.locator(".card")).to_have_count(2)  # waits for the directory
    assert "/ky/institutions/" in page.url

    page.locator(".facet a", has_text="Чүй облусу").click()
    expect(page.locator(".card")).to_have_count(1)  # waits for the filtered page
    assert "region=chuy" in page.url
    screenshot(page, "foundation-directory")

    page.get_by_role("link", name="Сокулук айылындагы №1 орто мектеби", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Сокулук айылындагы №1 орто мектеби"
    assert page.get_by_text("Азырынча жарыяланган жок").count() >= 5
    screenshot(page, "foundation-profile")

    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "foundation-profile-360")
    # Nothing sticks out sideways on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Орто жалпы билим берүү", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Орто жалпы билим берүү"


def test_header_box_suggests_names_as_you_type(live_server, page, screenshot, home, institutions):
    page.goto(live_server.url + "/ky/")
    box = page.locator("#header-q")
    box.fill("Sokuluk")  # Latin spelling of a Cyrillic name
    option = page.get_by_role("option").first
    option.wait_for()
    assert "Сокулук айылындагы №1 орто мектеби" in option.inner_text()
    screenshot(page, "search-autocomplete")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/ky/institutions/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Сокулук айылындагы №1 орто мектеби"


def test_header_search_works_without_javascript(live_server, browser, home, institutions):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/ky/")
    page.fill("#header-q", "Talas")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/ky/institutions/?q=Talas")
    assert page.locator(".card").count() == 1
    context.close()
