"""What the public pages send for the map and the emblem: data for the map script only where a map
is drawn, and the emblem as WebP with a PNG fallback in two resolutions."""

import json
import re

import pytest
import wagtail_factories

from .factories import InstitutionPageFactory


def map_points(html, map_id):
    block = re.search(rf'<script id="{map_id}-points" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1)) if block else None


@pytest.fixture
def places(directory):
    make = lambda title, **kw: InstitutionPageFactory(parent=directory, title=title, **kw)  # noqa: E731
    return {
        "osh": make("Ош мектеби", latitude="40.513000", longitude="72.800000"),
        "naryn": make("Нарын мектеби", latitude="41.430000", longitude="75.990000"),
        "nowhere": make("Дареги жок мектеп", latitude=None, longitude=None),
        # A hostile title must stay data inside the JSON block.
        "hostile": make("</script><script>alert(1)</script> мектеби", latitude="42.870000", longitude="74.590000"),
    }


def test_directory_map_shows_the_result_page(client, directory, places):
    html = client.get(directory.url).content.decode()
    points = map_points(html, "directory-map")
    assert {p["title"] for p in points} == {places[k].title for k in ("osh", "naryn", "hostile")}
    osh = next(p for p in points if p["title"] == "Ош мектеби")
    assert (osh["lat"], osh["lon"], osh["url"]) == (40.513, 72.8, places["osh"].url)
    assert "<script>alert(1)" not in html
    # Leaflet itself is fetched by map.js when the map nears the screen.
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in html
    assert 'src="/static/js/map.js" defer' in html

    filtered = client.get(directory.url + "?q=Osh").content.decode()
    assert [p["title"] for p in map_points(filtered, "directory-map")] == ["Ош мектеби"]


def test_no_map_and_no_leaflet_where_nothing_has_coordinates(client, home, directory, places):
    for url in ("/ky/", places["nowhere"].url, directory.url + "?q=Дареги"):
        html = client.get(url).content.decode()
        assert "leaflet" not in html, url
        assert "map.js" not in html, url


def test_profile_map_has_one_marker_and_a_link_for_people_without_scripts(client, places):
    html = client.get(places["naryn"].url).content.decode()
    assert map_points(html, "profile-map") == [
        {"title": "Нарын мектеби", "url": places["naryn"].url, "lat": 41.43, "lon": 75.99}
    ]
    assert "https://www.openstreetmap.org/?mlat=41.43000&amp;mlon=75.99000" in html


def test_emblem_is_served_as_webp_with_a_png_fallback(client, directory):
    logo = wagtail_factories.ImageFactory(title="Герб", file__width=400, file__height=300)
    school = InstitutionPageFactory(parent=directory, logo=logo)
    html = client.get(school.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    source = re.search(r'<source [^>]*type="image/webp"[^>]*>', picture)
    assert source, picture
    assert re.search(r'srcset="[^"]+\.webp 96w, [^"]+\.webp 192w"', source.group(0)), source.group(0)
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'width="96"' in img and 'height="96"' in img
    assert re.search(r'src="[^"]+\.png"', img), img
    assert 'sizes="(max-width: 47.99rem) 56px, 96px"' in picture
