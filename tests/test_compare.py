"""/compare/?ids=…: 2–4 institutions side by side, with clear messages for ids it cannot use."""

import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, pgettext

from accreditation.models import AccreditationDecisionPage
from accreditation.status import MEANINGS
from institutions.disclosures import DISCLOSURES
from transparency.views import parse_ids

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .conftest import language_of
from .factories import (
    DistrictFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    RegionFactory,
)

Outcome = AccreditationDecisionPage.Outcome
from .test_transparency_score import TODAY, add_media_link, disclosures_published_on  # noqa: E402


def compare(client, ids, language="ky"):
    with translation.override(language):
        url = reverse("compare")
    response = client.get(url, {"ids": ids})
    assert response.status_code == 200
    return response.content.decode()


def not_published():
    with translation.override("ky"):
        return gettext("Not published yet")


def columns_shown(html):
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    return len(re.findall(r'<th scope="col">', head.group(1))) if head else 0


def row_cells(html, label):
    row = re.search(rf'<tr[^>]*><th scope="row">{re.escape(label)}.*?</th>(.*?)</tr>', html, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def badges(html):
    """The accreditation row's badges without the sentence each adds on what the status means."""
    with translation.override("ky"):
        meanings = [str(meaning) for meaning in MEANINGS.values()]
    cells = row_cells(html, ky("Accreditation"))
    assert all(any(cell.endswith(meaning) for meaning in meanings) for cell in cells), cells
    for meaning in meanings:
        cells = [cell.removesuffix(meaning).strip() for cell in cells]
    return cells


def ky(text, **values):
    with translation.override("ky"):
        return gettext(text) % values if values else gettext(text)


def test_two_institutions_side_by_side(client, directory, home):
    full = InstitutionPageFactory(
        parent=directory,
        title="Толук мектеп",
        head_name="Асанова Айгүл",
        year_founded=1990,
        **disclosures_published_on(TODAY),
    )
    add_media_link(full, TODAY)
    full.languages.set([language_of("ky")])
    ProgrammePageFactory(parent=full, title="Тигүүчү")
    ProgrammePageFactory(parent=full, title="Ашпозчу")
    sparse = InstitutionPageFactory(
        parent=directory, title="Жаңы мектеп", year_founded=None, mission="", mission_updated=None
    )
    AccreditationDecisionPageFactory(
        parent=DecisionIndexPageFactory(parent=home),
        institution=full,
        decision_date=date(2025, 2, 1),
        valid_until=date(2030, 2, 1),
    )
    html = compare(client, f"{full.pk},{sparse.pk}")
    assert columns_shown(html) == 2
    assert badges(html) == [
        "Аккредитацияланган 2030-жылдын 1-февралы чейин",
        "Азырынча аккредитацияланган эмес",
    ]
    assert "Толук мектеп" in html and "Жаңы мектеп" in html
    with translation.override("ky"):
        year, head, languages, programmes, score = (
            row_cells(html, gettext(label))
            for label in ("Year founded", "Head", "Languages of instruction", "Programmes", "Transparency score")
        )
    assert year == ["1990", not_published()]
    assert head == ["Асанова Айгүл", not_published()]
    assert languages[1] == not_published() and languages[0]
    assert programmes[0].startswith("2") and "Тигүүчү" in programmes[0] and "Ашпозчу" in programmes[0]
    assert programmes[1] == not_published()
    assert [cell.split()[0] for cell in score] == ["100", "0"]
    # Every disclosure has its own row; the sparse column says "Not published yet", never blank.
    with translation.override("ky"):
        for disclosure in DISCLOSURES:
            cells = row_cells(html, str(disclosure.label))
            assert cells[1] == not_published() and cells[0] and cells[0] != not_published()
    assert 'class="notice"' not in html


def test_four_institutions(client, directory, home):
    register = DecisionIndexPageFactory(parent=home)
    college, lyceum = InstitutionTypeFactory(name="Колледж"), InstitutionTypeFactory(name="Лицей")
    osh_city = RegionFactory(name="Ош шаары")  # a city without districts
    naryn = DistrictFactory(name="Нарын району", region=RegionFactory(name="Нарын облусу"))
    pages = [
        InstitutionPageFactory(
            parent=directory,
            title="Биринчи колледж",
            institution_type=college,
            ownership="private",
            district=None,
            region=osh_city,
            year_founded=1931,
            head_name="Осмонов Бакыт",
        ),
        InstitutionPageFactory(
            parent=directory, title="Экинчи лицей", institution_type=lyceum, district=naryn, year_founded=2001
        ),
        InstitutionPageFactory(
            parent=directory,
            title="Үчүнчү лицей",
            institution_type=lyceum,
            district=None,
            region=naryn.region,
            year_founded=None,
        ),
        InstitutionPageFactory(parent=directory, title="Төртүнчү колледж", institution_type=college, district=naryn),
    ]
    today = date.today()
    decided = today - timedelta(days=400)
    for page, outcome, valid_until in [
        (pages[0], Outcome.ACCREDITED, date(2031, 5, 31)),
        (pages[1], Outcome.CONDITIONAL, date(2029, 9, 1)),
        (pages[2], Outcome.ACCREDITED, date(2024, 1, 1)),  # expired
    ]:
        AccreditationDecisionPageFactory(
            parent=register,
            institution=page,
            outcome=outcome,
            decision_date=min(decided, valid_until - timedelta(days=30)),
            valid_until=valid_until,
        )
    ids = ",".join(str(page.pk) for page in pages)
    compare(client, str(pages[0].pk))  # the first view after publishing rereads the shared lookups (core.memo)
    with CaptureQueriesContext(connection) as four:
        html = compare(client, ids)
    assert columns_shown(html) == 4
    assert 'class="notice"' not in html
    for page in pages:
        assert page.url in html
    assert re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', html) == [page.title for page in pages]
    assert row_cells(html, ky("Type")) == ["Колледж", "Лицей", "Лицей", "Колледж"]
    with translation.override("ky"):
        private = pgettext("ownership", "Private")
    assert row_cells(html, ky("Ownership")) == [private, ky("State"), ky("State"), ky("State")]
    assert row_cells(html, ky("Region")) == ["Ош шаары", "Нарын облусу", "Нарын облусу", "Нарын облусу"]
    # Osh city has no districts: nothing is missing there. A region with districts: not published.
    assert row_cells(html, ky("District")) == [
        "— " + ky("no district"),
        "Нарын району",
        not_published(),
        "Нарын району",
    ]
    assert row_cells(html, ky("Year founded")) == ["1931", "2001", not_published(), "1965"]
    assert row_cells(html, ky("Head")) == ["Осмонов Бакыт"] + [not_published()] * 3
    assert badges(html) == [
        "Аккредитацияланган 2031-жылдын 31-майы чейин",
        "Шарттар менен аккредитацияланган 2029-жылдын 1-сентябры чейин",
        "Аккредитациянын мөөнөтү бүткөн: 2024-жылдын 1-январы",
        "Азырынча аккредитацияланган эмес",
    ]
    # Accreditation, programmes and scores are read for all columns at once: two institutions cost
    # as many queries as four.
    with CaptureQueriesContext(connection) as two:
        compare(client, ",".join(str(page.pk) for page in pages[:2]))
    assert len(two) == len(four)


def test_five_ids_show_the_first_four_and_say_so(client, directory):
    pages = [InstitutionPageFactory(parent=directory) for _ in range(5)]
    html = compare(client, ",".join(str(page.pk) for page in pages))
    assert columns_shown(html) == 4
    notice = html.split('class="notice"')[1].split("</div>")[0]
    expected = ky("At most %(max)s institutions can be compared at a time; the first %(max)s are shown.", max=4)
    assert escape(expected) in notice
    assert pages[4].title not in html
    assert [page.title for page in pages[:4]] == re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', html)


def test_one_id_asks_for_another(client, directory):
    page = InstitutionPageFactory(parent=directory)
    html = compare(client, str(page.pk))
    assert 'class="notice"' in html
    assert columns_shown(html) == 1  # what can be shown is shown
    assert page.title in html


@pytest.mark.parametrize("ids", ["abc", "", "1.5", "-3"])
def test_non_numeric_ids_give_a_message(client, directory, ids):
    html = compare(client, ids)
    assert 'class="notice"' in html
    assert columns_shown(html) == 0


def test_unknown_and_unpublished_ids_are_named(client, directory):
    a, b = InstitutionPageFactory(parent=directory), InstitutionPageFactory(parent=directory)
    draft = InstitutionPageFactory(parent=directory, live=False)
    html = compare(client, f"{a.pk},abc,{b.pk},999999,{draft.pk}")
    notice = html.split('class="notice"')[1].split("</div>")[0]
    assert "999999" in notice and str(draft.pk) in notice and "abc" in notice
    assert columns_shown(html) == 2


def test_the_url_is_shareable_and_each_column_can_be_removed(client, directory):
    a, b, c = (InstitutionPageFactory(parent=directory) for _ in range(3))
    html = compare(client, f"{a.pk}, {b.pk},{c.pk},{a.pk}")
    assert columns_shown(html) == 3
    assert f'value="{a.pk},{b.pk},{c.pk}"' in html
    assert f"?ids={b.pk},{c.pk}" in html


def test_parse_ids():
    assert parse_ids("3, 1,3,x,,٣") == ([3, 1], ["x", "٣"])


# Choosing institutions from the directory and from profiles: the choice travels in `compare`.


def links(html):
    return [unescape(href) for href in re.findall(r'<a[^>]* href="([^"]+)"', html)]


def card(html, page):
    return re.search(rf'<li class="card" id="institution-{page.pk}">(.*?)</li>', html, re.S).group(1)


def add_link(fragment):
    found = re.search(r'<p class="card__compare"><a href="([^"]+)">', fragment)
    return unescape(found.group(1)) if found else None


def follow(client, base, href):
    url = urljoin(base, href).split("#")[0]
    response = client.get(url)
    assert response.status_code == 200
    return url, response.content.decode()


def test_choosing_two_to_four_institutions_in_the_directory(client, directory):
    a, b, c, d, e = (InstitutionPageFactory(parent=directory, title=f"{n}-мектеп") for n in "ABCDE")
    url, html = follow(client, directory.url, directory.url)
    assert 'class="compare-bar"' not in html
    for page in (a, b, c, d, e):
        assert add_link(card(html, page)) == f"?compare={page.pk}#institution-{page.pk}"
    url, html = follow(client, url, add_link(card(html, a)))
    bar = html.split('class="compare-bar"')[1].split("</div>")[0]
    assert a.title in bar and "/compare/" not in bar  # one is not enough to compare
    assert add_link(card(html, a)) is None and ky("Chosen for comparison") in card(html, a)
    # Every link of the directory keeps the choice: facets, a profile, the search form.
    assert f"{a.url}?compare={a.pk}" in links(html)
    facet_links = [link for link in links(html) if "region=" in link]
    assert facet_links and all(f"compare={a.pk}" in link for link in facet_links)
    assert f'<input type="hidden" name="compare" value="{a.pk}">' in html
    for page in (b, c):
        url, html = follow(client, url, add_link(card(html, page)))
    bar = html.split('class="compare-bar"')[1].split("</div>")[0]
    assert f"/ky/compare/?ids={a.pk},{b.pk},{c.pk}" in links(bar)
    url, html = follow(client, url, add_link(card(html, d)))
    # Four are chosen: the directory says so and offers no more.
    bar = html.split('class="compare-bar"')[1].split("</div>")[0]
    assert ky("%(max)s institutions are chosen: the most that can be compared at a time.", max=4) in unescape(bar)
    assert add_link(card(html, e)) is None and ky("Add to comparison") not in card(html, e)
    compare_url = f"/ky/compare/?ids={a.pk},{b.pk},{c.pk},{d.pk}"
    assert compare_url in links(bar)
    _url, html = follow(client, url, compare_url)
    assert columns_shown(html) == 4 and 'class="notice"' not in html


def test_adding_from_a_profile_keeps_the_choice(client, directory):
    a, b, c, d, e = (InstitutionPageFactory(parent=directory) for _ in range(5))
    html = client.get(f"{c.url}?compare={a.pk},{b.pk}").content.decode()
    compare_link = html.split('<p class="compare-link">')[1].split("</p>")[0]
    assert f"/ky/compare/?ids={a.pk},{b.pk},{c.pk}" in links(compare_link)
    assert f"{directory.url}?compare={a.pk}%2C{b.pk}%2C{c.pk}" in links(compare_link)
    # Already chosen: said so, with the way to compare.
    html = client.get(f"{a.url}?compare={a.pk},{b.pk}").content.decode()
    compare_link = html.split('<p class="compare-link">')[1].split("</p>")[0]
    assert ky("Chosen for comparison") in compare_link and ky("Add to comparison") not in compare_link
    assert f"/ky/compare/?ids={a.pk},{b.pk}" in links(compare_link)
    # Four chosen already: no fifth.
    html = client.get(f"{e.url}?compare={a.pk},{b.pk},{c.pk},{d.pk}").content.decode()
    compare_link = html.split('<p class="compare-link">')[1].split("</p>")[0]
    assert ky("Add to comparison") not in compare_link
    assert links(compare_link) == [f"/ky/compare/?ids={a.pk},{b.pk},{c.pk},{d.pk}"]
    # Nothing chosen yet: the link starts a comparison with this institution.
    html = client.get(e.url).content.decode()
    assert links(html.split('<p class="compare-link">')[1].split("</p>")[0]) == [f"/ky/compare/?ids={e.pk}"]


def test_the_compare_page_leads_back_to_the_directory_with_the_choice(client, directory):
    pages = [InstitutionPageFactory(parent=directory) for _ in range(4)]
    html = compare(client, f"{pages[0].pk},{pages[1].pk}")
    assert f"{directory.url}?compare={pages[0].pk}%2C{pages[1].pk}" in links(html)
    html = compare(client, ",".join(str(page.pk) for page in pages))
    assert not any(link.startswith(directory.url + "?compare=") for link in links(html))


@pytest.mark.parametrize("value", ["abc", "999999", "1.5,,x", "٣"])
def test_a_bad_choice_in_the_directory_is_dropped(client, directory, value):
    page = InstitutionPageFactory(parent=directory)
    response = client.get(directory.url, {"compare": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="compare-bar"' not in html
    assert add_link(card(html, page)) == f"?compare={page.pk}#institution-{page.pk}"
