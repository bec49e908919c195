"""/compare/?ids=…: 2–4 institutions side by side, with clear messages for ids it cannot use."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from institutions.disclosures import DISCLOSURES
from transparency.views import parse_ids

from .conftest import language_of
from .factories import InstitutionPageFactory, ProgrammePageFactory
from .test_transparency_score import TODAY, add_media_link, disclosures_published_on


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
    return [re.sub(r"<[^>]+>", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_two_institutions_side_by_side(client, directory):
    full = InstitutionPageFactory(parent=directory, title="Толук мектеп", head_name="Асанова Айгүл",
                                  year_founded=1990, **disclosures_published_on(TODAY))
    add_media_link(full, TODAY)
    full.languages.set([language_of("ky")])
    ProgrammePageFactory(parent=full, title="Тигүүчү")
    ProgrammePageFactory(parent=full, title="Ашпозчу")
    sparse = InstitutionPageFactory(parent=directory, title="Жаңы мектеп", year_founded=None, mission="",
                                    mission_updated=None)
    html = compare(client, f"{full.pk},{sparse.pk}")
    assert columns_shown(html) == 2
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


def test_four_institutions(client, directory):
    pages = [InstitutionPageFactory(parent=directory) for _ in range(4)]
    html = compare(client, ",".join(str(page.pk) for page in pages))
    assert columns_shown(html) == 4
    assert 'class="notice"' not in html
    for page in pages:
        assert page.url in html


def test_five_ids_show_the_first_four_and_say_so(client, directory):
    pages = [InstitutionPageFactory(parent=directory) for _ in range(5)]
    html = compare(client, ",".join(str(page.pk) for page in pages))
    assert columns_shown(html) == 4
    assert 'class="notice"' in html and "4" in html.split('class="notice"')[1].split("</div>")[0]
    assert pages[4].title not in html


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
