"""The directory filters by region, district and type and lists exactly the matching institutions."""

import pytest

from .factories import DistrictFactory, InstitutionPageFactory, InstitutionTypeFactory, RegionFactory


@pytest.fixture
def listing(directory):
    chuy, osh = RegionFactory(slug="chuy"), RegionFactory(slug="osh")
    sokuluk = DistrictFactory(region=chuy, slug="sokuluk")
    alamudun = DistrictFactory(region=chuy, slug="alamudun")
    kara_suu = DistrictFactory(region=osh, slug="kara-suu")
    school, college = InstitutionTypeFactory(slug="school"), InstitutionTypeFactory(slug="college")
    make = lambda title, district, kind: InstitutionPageFactory(  # noqa: E731
        parent=directory, title=title, district=district, institution_type=kind
    )
    return {
        "a": make("Сокулук мектеби", sokuluk, school),
        "b": make("Сокулук колледжи", sokuluk, college),
        "c": make("Аламүдүн мектеби", alamudun, school),
        "d": make("Кара-Суу колледжи", kara_suu, college),
        "directory": directory,
    }


def titles(client, directory, query=""):
    response = client.get(directory.url + query)
    assert response.status_code == 200
    return {hit.page.title for hit in response.context["result"].hits}, response


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"a", "b", "c", "d"}),
        ("?region=chuy", {"a", "b", "c"}),
        ("?region=osh", {"d"}),
        ("?district=sokuluk", {"a", "b"}),
        ("?type=college", {"b", "d"}),
        ("?region=chuy&type=school", {"a", "c"}),
        ("?district=sokuluk&type=college", {"b"}),
        ("?region=osh&type=school", set()),
    ],
)
def test_filters_return_exactly_the_matching_institutions(client, listing, query, expected):
    found, _response = titles(client, listing["directory"], query)
    assert found == {listing[key].title for key in expected}


def test_unknown_filter_value_is_dropped_with_a_note(client, listing):
    found, response = titles(client, listing["directory"], "?region=atlantis&type=college")
    assert found == {listing["b"].title, listing["d"].title}
    assert "atlantis" in response.content.decode()


def test_contradictory_filters_find_nothing_and_say_so(client, listing):
    found, response = titles(client, listing["directory"], "?region=osh&district=sokuluk")
    assert found == set()
    assert response.context["result"].total == 0
    assert 'class="empty"' in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client, directory):
    for n in range(25):
        InstitutionPageFactory(parent=directory, title=f"Мектеп {n:02d}")
    response = client.get(directory.url + "?page=999")
    assert response.status_code == 200
    assert response.context["result"].page == 2
    assert len(response.context["result"].hits) == 5
    assert "Натыйжалардын мындай барагы жок; 2-барак көрсөтүлдү." in response.content.decode()  # says so
    response = client.get(directory.url + "?page=2")
    assert "мындай барагы жок" not in response.content.decode()
    response = client.get(directory.url + "?page=abc")
    assert response.context["result"].page == 1
