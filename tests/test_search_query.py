"""Whatever a visitor puts in the address bar, the query comes out clean and the page answers."""

import pytest
from django.http import QueryDict

from search.query import MAX_TEXT_LENGTH, parse_query

KNOWN = {"region": {"chuy", "osh-city"}, "type": {"college"}, "ownership": {"state", "private"}}


def parse(qs):
    return parse_query(QueryDict(qs), KNOWN)


def test_plain_query():
    query = parse("q=Бишкек+мектеп&region=chuy&type=college&sort=name&page=3")
    assert query.text == "Бишкек мектеп"
    assert query.words == ["бишкек", "мектеп"]
    assert query.filters == {"region": "chuy", "type": "college"}
    assert (query.sort, query.page, query.notes) == ("name", 3, [])


def test_text_is_capped_with_a_note():
    query = parse("q=" + "а" * 5000)
    assert len(query.text) == MAX_TEXT_LENGTH
    assert len(query.notes) == 1


@pytest.mark.parametrize(
    "raw, words",
    [
        ("name:* OR (", ["name", "or"]),
        ('"unbalanced quote', ["unbalanced", "quote"]),
        ("'; DROP TABLE wagtailcore_page; --", ["drop", "table", "wagtailcore_page"]),
        ("🎓📚 мектеп 🎓", ["мектеп"]),
        ("Bishkek бишкек Ош", ["bishkek", "бишкек", "ош"]),
        ("title:(a AND b)^3 ~2 [1 TO 5] \\", ["title", "a", "and", "b", "3", "2", "1", "to", "5"]),
        ("\x00\x1f", []),
    ],
)
def test_query_syntax_never_reaches_an_engine(raw, words):
    query = parse_query({"q": raw}, KNOWN)
    assert query.words == words


def test_unknown_filter_values_are_dropped_with_a_note():
    query = parse("region=atlantis&type=college&ownership=%3Cscript%3E")
    assert query.filters == {"type": "college"}
    assert len(query.notes) == 2
    assert any("atlantis" in note for note in query.notes)


@pytest.mark.parametrize(
    "qs, page, notes",
    [("page=0", 1, 1), ("page=-4", 1, 1), ("page=abc", 1, 1), ("page=99999999999", 10_000, 0), ("page=2.5", 1, 1)],
)
def test_bad_page_numbers(qs, page, notes):
    query = parse(qs)
    assert query.page == page
    assert len(query.notes) == notes


def test_near_a_point():
    query = parse("lat=42.87&lon=74.59&radius=5")
    assert (query.near.lat, query.near.lon, query.near.radius_km) == (42.87, 74.59, 5.0)
    assert query.sort == "distance"


@pytest.mark.parametrize(
    "qs",
    ["lat=55.75&lon=37.61", "lat=abc&lon=74", "lat=42.8", "lat=nan&lon=inf", "lat=42.8&lon=74.6&radius=-1"],
)
def test_bad_points_are_dropped_or_corrected_with_a_note(qs):
    query = parse(qs)
    assert query.notes
    if query.near:
        assert query.near.radius_km == 10.0


def test_distance_sort_without_a_place_falls_back():
    query = parse("sort=distance")
    assert query.sort == "relevance"
    assert query.notes
    assert parse("sort=random()").sort == "relevance"
