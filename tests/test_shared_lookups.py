"""The site and the section pages are read once per process and content version (core.shared_site,
pages.models.HomePage.route), not on every page request: a change to either is served at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core import memo


def sql_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def test_a_page_request_finds_its_site_without_a_query_once_the_site_is_known(client, directory):
    memo.forget_shared()
    client.get(directory.url)
    response, sql = sql_of(client, directory.url)
    assert response.status_code == 200
    assert not [query for query in sql if '"wagtailcore_site"' in query], sql
    # The directory is read only for its language versions' links, not to route the request to it.
    routing = [q for q in sql if '"institutions_institutionindexpage"' in q and '"translation_key"' not in q]
    assert not routing, sql


def test_a_site_taken_off_this_host_stops_serving_at_once(client, directory):
    assert client.get(directory.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site, site.hostname = False, "elsewhere.example"
    site.save()  # as the admin's Sites screen saves it
    assert client.get(directory.url).status_code == 404


def test_a_published_change_to_a_section_page_is_served_at_once(client, directory):
    assert "Мектептердин толук тизмеси" not in client.get(directory.url).content.decode()
    directory.intro = "<p>Мектептердин толук тизмеси</p>"
    directory.save_revision().publish()
    assert "Мектептердин толук тизмеси" in client.get(directory.url).content.decode()


def test_a_section_page_taken_down_is_not_served(client, home, directory):
    assert client.get(directory.url).status_code == 200
    url = directory.url
    directory.unpublish()
    assert client.get(url).status_code == 404
