"""Atom feeds, parsed back with feedparser: all decisions, one institution's, one region's, and the
ministry's documents, with titles in the language of the URL."""

import re
from datetime import date

import feedparser
import pytest
from django.utils import translation
from django.utils.translation import gettext

from accreditation.feeds import DecisionFeed
from accreditation.models import AccreditationDecisionPage

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
    MinistryDocumentPageFactory,
)
from .factories import DistrictFactory, InstitutionPageFactory, RegionFactory


@pytest.fixture
def decisions(directory, home):
    register = DecisionIndexPageFactory(parent=home)
    talas = DistrictFactory(region=RegionFactory(slug="talas", name="Талас облусу"), slug="talas-district")
    in_talas = InstitutionPageFactory(parent=directory, title="Талас колледжи", district=talas)
    elsewhere = InstitutionPageFactory(parent=directory, title="Ош мектеби")
    return {
        "talas": AccreditationDecisionPageFactory(
            parent=register, institution=in_talas, number="10/T", decision_date=date(2025, 4, 1)
        ),
        "osh": AccreditationDecisionPageFactory(
            parent=register,
            institution=elsewhere,
            number="11/O",
            decision_date=date(2025, 5, 1),
            outcome=AccreditationDecisionPage.Outcome.REFUSED,
            valid_from=None,
            valid_until=None,
        ),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_all_decisions_newest_first(client, decisions):
    feed = parse(client, "/ky/feeds/decisions/")
    assert "11/O" in feed.entries[0].title and "10/T" in feed.entries[1].title
    assert len(feed.entries) == 2
    assert feed.entries[0].link.endswith(decisions["osh"].url)
    assert "Ош мектеби" in feed.entries[0].title


def test_titles_follow_the_language(client, decisions):
    english = parse(client, "/en/feeds/decisions/")
    russian = parse(client, "/ru/feeds/decisions/")
    assert english.feed.title == "Accreditation decisions"
    assert (english.feed.language, russian.feed.language) == ("en", "ru")
    with translation.override("ru"):
        expected = gettext("Accreditation decisions")
    assert russian.feed.title == expected == "Решения об аккредитации"


def test_one_institutions_feed(client, decisions):
    institution = decisions["talas"].institution
    feed = parse(client, f"/en/feeds/decisions/institution/{institution.pk}/")
    assert feed.feed.title == f"Accreditation decisions: {institution.title}"
    # The Kyrgyz decisions are listed in the Kyrgyz feed; the English tree has none here.
    feed = parse(client, f"/ky/feeds/decisions/institution/{institution.pk}/")
    assert [e.link.rsplit("/", 2)[-2] for e in feed.entries] == [decisions["talas"].slug]


def test_one_regions_feed(client, decisions):
    feed = parse(client, "/ky/feeds/decisions/region/talas/")
    assert len(feed.entries) == 1
    assert "10/T" in feed.entries[0].title


def test_unknown_institution_or_region_is_not_found(client, decisions):
    assert client.get("/ky/feeds/decisions/institution/999999/").status_code == 404
    assert client.get("/ky/feeds/decisions/region/atlantis/").status_code == 404


def test_ministry_documents_feed(client, home):
    index = MinistryDocumentIndexPageFactory(parent=home)
    order = MinistryDocumentPageFactory(parent=index, number="1482/1", title="Аккредитациялоо маселелери жөнүндө")
    feed = parse(client, "/ky/feeds/documents/")
    assert len(feed.entries) == 1
    assert "1482/1" in feed.entries[0].title
    assert feed.entries[0].link.endswith(order.url)


def test_register_page_announces_its_feed(client, decisions):
    register = decisions["talas"].get_parent()
    html = client.get(register.url).content.decode()
    assert re.search(r'<link rel="alternate"\s+type="application/atom\+xml"[^>]*href="/ky/feeds/decisions/"', html)


def alternate_and_self(feed):
    links = {link.rel: link.href for link in feed.feed.links}
    return links["alternate"], links["self"]


def test_each_feed_links_to_the_page_it_follows(client, decisions, home):
    register = decisions["talas"].get_parent()
    institution = decisions["talas"].institution
    documents = MinistryDocumentIndexPageFactory(parent=home)
    for url, page_url in [
        ("/ky/feeds/decisions/", register.url),
        (f"/ky/feeds/decisions/institution/{institution.pk}/", institution.url),
        ("/ky/feeds/decisions/region/talas/", register.url + "?region=talas"),
        ("/ky/feeds/documents/", documents.url),
    ]:
        alternate, self_link = alternate_and_self(parse(client, url))
        assert alternate == "http://testserver" + page_url
        assert self_link == "http://testserver" + url


def test_a_feed_without_its_index_page_links_to_the_home_page(client, home):
    alternate, _self_link = alternate_and_self(parse(client, "/ky/feeds/documents/"))
    assert alternate == "http://testserver" + home.url


def test_entry_dates_are_written_as_the_language_writes_them(client, decisions):
    entry = next(e for e in parse(client, "/ky/feeds/decisions/").entries if "10/T" in e.title)
    valid_until = decisions["talas"].valid_until
    assert valid_until == date(2030, 3, 31)
    assert "2030-жылдын 31-марты чейин жарактуу" in entry.summary
    assert "31.03.2030" not in entry.summary


def test_one_feed_object_serves_overlapping_requests(rf, decisions, monkeypatch):
    """Django keeps one Feed instance for every request; a request served while another one is in
    progress (another thread) must not change the other's links."""
    feed = DecisionFeed()
    first, second = rf.get("/ky/feeds/decisions/"), rf.get("/ky/feeds/decisions/")
    first.visitor, second.visitor = "first", "second"
    page_get_url = AccreditationDecisionPage.get_url
    monkeypatch.setattr(
        AccreditationDecisionPage,
        "get_url",
        lambda page, request=None, current_site=None: f"/{request.visitor}{page_get_url(page, request)}",
    )
    original_items, overlapped = DecisionFeed.items, {}

    def items_then_another_request(self, obj):
        result = original_items(self, obj)
        if not overlapped:
            overlapped["started"] = True
            overlapped["response"] = self(second)
        return result

    monkeypatch.setattr(DecisionFeed, "items", items_then_another_request)
    with translation.override("ky"):
        response = feed(first)
    links = [entry.link for entry in feedparser.parse(response.content).entries]
    assert len(links) == 2 and all(link.startswith("http://testserver/first/") for link in links)
    assert all(
        e.link.startswith("http://testserver/second/") for e in feedparser.parse(overlapped["response"].content).entries
    )
