"""The Elasticsearch engine: same questions, same SearchResult as the database engine.

Filters are exact (keyword terms, geo_distance) and never affect scores; the text must match every
word, in the page's language analyzers or through the Latin spelling keys (any script, typos allowed,
the last word may be a prefix). Pages are then loaded from the database in hit order, so templates,
snippets and distances are built exactly as for the database engine.
"""

import time
from datetime import date

from wagtail.models import Locale

from accreditation.models import AccreditationDecisionPage
from accreditation.status import AccreditationStatus
from core.visibility import visible
from institutions.models import InstitutionPage
from transparency.stored_scores import SCORE_BANDS

from ..es_client import alias_name, get_client, search_timeout
from ..excerpts import SNIPPET_LENGTH, institution_snippet
from ..geo import haversine_km
from ..places import core_key, places_named
from ..query import RESULT_WINDOW, last_page
from ..results import Hit, SearchResult
from ..transliteration import spelling_key
from .database import DatabaseEngine, facet_values, place_filters

NAME = "elasticsearch"
Outcome = AccreditationDecisionPage.Outcome

# Filter name → document field.
FILTER_FIELDS = {
    "region": "region",
    "district": "district",
    "type": "type",
    "ownership": "ownership",
    "language": "languages",
    "qualification": "qualifications",
    "report": "report_years",
}
# Text fields in each language's analysis; names count most.
TEXT_FIELDS = [
    "title^3", "title.ru^3", "title.en^3",
    "short_name^3", "short_name.ru^3", "short_name.en^3",
    "address", "address.ru", "address.en",
    "mission", "mission.ru", "mission.en",
    "educational_goals", "educational_goals.ru", "educational_goals.en",
]  # fmt: skip
PREFIX_FIELDS = ["title.prefix^2", "short_name.prefix^2", "address.prefix"]
# The texts a snippet may come from, in each language's analysis; the first with a fragment is shown.
HIGHLIGHT_FIELDS = [
    f"{name}{analysis}" for name in ("mission", "educational_goals", "address") for analysis in ("", ".ru", ".en")
]
AGGREGATION_SIZE = 500


class ElasticsearchEngine:
    name = NAME

    def __init__(self, client=None):
        self.client = client  # created on first use, so constructing the engine never touches the network

    def search(self, query, locale, vocabulary) -> SearchResult:
        started = time.perf_counter()
        client = self.client or get_client()
        deadline = started + search_timeout()
        excluded = _private_ids(locale)

        words = query.words
        places = places_named(words) if words else []
        corrected_from = suggestion = ""
        # A page past the result window is never asked for: the engine would refuse it.
        asked = min(query.page, last_page(RESULT_WINDOW, query.page_size))
        response = self._request(client, query, locale, words, asked, deadline, excluded, places)
        if words and not places and _total(response) == 0:
            # Fuzzy matching already forgives small typos; for bigger ones, try the closest known
            # name words, as the database engine does, so both engines suggest alike.
            corrected = DatabaseEngine()._corrected_words(locale, words)
            if corrected != words:
                retry = self._request(client, query, locale, corrected, asked, deadline, excluded)
                if _total(retry):
                    response, corrected_from, words = retry, query.text, corrected
                else:
                    suggestion = " ".join(corrected)

        total = _total(response)
        num_pages = last_page(total, query.page_size)
        page_number = min(asked, num_pages)
        if page_number != asked:
            response = self._request(client, query, locale, words, page_number, deadline, excluded, places)

        hit_by_id = {int(hit["_id"]): hit for hit in response["hits"]["hits"]}
        ids = list(hit_by_id)
        pages = visible(InstitutionPage.objects.filter(id__in=ids)).select_related(
            "region", "district", "institution_type", "logo", "stored_score"
        )
        by_id = {p.id: p for p in pages}
        hits = []
        for pk in ids:
            page = by_id.get(pk)
            if page is None:  # unpublished since it was indexed
                continue
            hits.append(
                Hit(page=page, snippet=_snippet(page, words, hit_by_id[pk]), distance_km=_distance(page, query))
            )

        aggregations = response.get("aggregations", {})
        facets = {}
        for name in FILTER_FIELDS:
            buckets = aggregations.get(name, {}).get("buckets", [])
            counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
            facets[name] = facet_values(name, counts, query, vocabulary)
        statuses = aggregations.get("status", {}).get("buckets", {})
        facets["status"] = facet_values(
            "status", {code: bucket["doc_count"] for code, bucket in statuses.items()}, query, vocabulary
        )
        bands = aggregations.get("transparency", {}).get("buckets", [])
        facets["transparency"] = facet_values(
            "transparency", {bucket["key"]: bucket["doc_count"] for bucket in bands}, query, vocabulary
        )

        return SearchResult(
            hits=hits,
            total=total,
            facets=facets,
            engine=NAME,
            took_ms=(time.perf_counter() - started) * 1000,
            page=page_number,
            num_pages=num_pages,
            suggestion=suggestion,
            corrected_from=corrected_from,
            places=place_filters(places, vocabulary),
        )

    def _request(self, client, query, locale, words, page_number, deadline, excluded_ids, places=()):
        remaining = max(0.05, deadline - time.perf_counter())
        return (
            client.options(request_timeout=remaining)
            .search(
                index=alias_name(),
                **search_body(query, locale, words, page_number, excluded_ids=excluded_ids, places=places),
            )
            .body
        )


def _private_ids(locale):
    """Live institutions in a private section (a view restriction on them or above them): the index does
    not follow view restrictions, so they are left out at query time, like the database engine does."""
    return list(InstitutionPage.objects.live().not_public().filter(locale=locale).values_list("id", flat=True))


def search_body(query, locale, words, page_number, today=None, excluded_ids=(), places=()) -> dict:
    """The request body; words are letters and digits only, so no query syntax can get in."""
    today = today or date.today()
    filters = [{"term": {"locale": locale.language_code if isinstance(locale, Locale) else str(locale)}}]
    for name, value in query.filters.items():
        if name == "transparency":
            low, high = SCORE_BANDS[value]
            filters.append({"range": {"transparency_score": {"gte": low, "lte": high}}})
        elif name == "status":
            filters.append(status_query(value, today))
        else:
            filters.append({"term": {FILTER_FIELDS[name]: value}})
    if query.near:
        filters.append(
            {
                "geo_distance": {
                    "distance": f"{query.near.radius_km}km",
                    "location": {"lat": query.near.lat, "lon": query.near.lon},
                }
            }
        )
    bool_query = {"filter": filters}
    if excluded_ids:
        bool_query["must_not"] = [{"terms": {"id": list(excluded_ids)}}]
    if places:
        # A place query (search.places): in the region or district, or the words in the name itself.
        bool_query["must"] = [place_query(places, words)]
    elif words:
        bool_query["must"] = [text_query(words)]
        keys = spelling_key(" ".join(words))
        if keys:
            # Scoring only: the name itself matching beats a match on the place or address.
            bool_query["should"] = [
                {"match": {"title_keys": {"query": keys, "operator": "and", "boost": 6}}},
                {"match": {"title_keys.prefix": {"query": keys, "operator": "and", "boost": 3}}},
            ]

    body = {
        "query": {"bool": bool_query},
        "from_": (page_number - 1) * query.page_size,
        # The last page inside the window may be short (a page size that does not divide it).
        "size": min(query.page_size, RESULT_WINDOW - (page_number - 1) * query.page_size),
        "track_total_hits": True,
        "source": False,
        "aggs": {
            **{name: {"terms": {"field": field, "size": AGGREGATION_SIZE}} for name, field in FILTER_FIELDS.items()},
            "status": {
                "filters": {"filters": {code: status_query(code, today) for code in AccreditationStatus.values}}
            },
            "transparency": {
                "range": {
                    "field": "transparency_score",
                    # "to" is exclusive in a range aggregation.
                    "ranges": [{"key": band, "from": low, "to": high + 1} for band, (low, high) in SCORE_BANDS.items()],
                }
            },
        },
        "sort": _sort(query, [] if places else words),
    }
    if words and not places:
        # Elasticsearch marks what its analysers matched (a Russian or English word form, a fuzzy
        # match), which the shared snippet builder cannot see. Escaped by Elasticsearch (encoder html).
        body["highlight"] = {
            "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
            "fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1, "no_match_size": 0,
            "fields": {field: {} for field in HIGHLIGHT_FIELDS},
        }  # fmt: skip
    return body


def _snippet(page, words, hit) -> str:
    """The shared snippet when it marks a query word (both engines then show the same), else the
    fragment Elasticsearch highlighted."""
    snippet = institution_snippet(page, words)
    if "<mark>" in snippet:
        return snippet
    highlighted = hit.get("highlight") or {}
    for field in HIGHLIGHT_FIELDS:
        fragments = highlighted.get(field)
        if fragments:
            return fragments[0]
    return snippet


def status_query(code, today) -> dict:
    """The accreditation status from the indexed latest decision, as of today (same rules as accreditation.status)."""
    expired = {"range": {"accreditation_until": {"lt": today.isoformat()}}}
    if code == AccreditationStatus.NONE:
        return {"bool": {"must_not": [{"exists": {"field": "accreditation_outcome"}}]}}
    if code == AccreditationStatus.REFUSED:
        return {"term": {"accreditation_outcome": Outcome.REFUSED.value}}
    valid = [{"terms": {"accreditation_outcome": [Outcome.ACCREDITED.value, Outcome.CONDITIONAL.value]}}]
    if code == AccreditationStatus.EXPIRED:
        return {"bool": {"filter": [*valid, expired]}}
    outcome = Outcome.CONDITIONAL if code == AccreditationStatus.CONDITIONAL else Outcome.ACCREDITED
    return {"bool": {"filter": [{"term": {"accreditation_outcome": outcome.value}}], "must_not": [expired]}}


def place_query(places, words) -> dict:
    """In one of the places, or the place's words whole words of the name (title_keys, as the database engine)."""
    should = [{"match": {"title_keys": {"query": " ".join(core_key(" ".join(words))), "operator": "and"}}}]
    for kind in ("region", "district"):
        slugs = [place.value for place in places if place.kind == kind]
        if slugs:
            should.append({"terms": {kind: slugs}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(words) -> dict:
    """Every word must match: in the text in any of its languages, or as a name in any spelling."""
    text = " ".join(words)
    keys = spelling_key(text)
    should = [
        {"multi_match": {"query": text, "fields": TEXT_FIELDS, "fuzziness": "AUTO", "operator": "and"}},
        {"multi_match": {"query": text, "fields": PREFIX_FIELDS, "operator": "and"}},
    ]
    if keys:
        # Names are stored as Latin spelling keys; the query is reduced to the same key here.
        should += [
            {"match": {"search_names": {"query": keys, "fuzziness": "AUTO", "operator": "and", "boost": 4}}},
            {"match": {"search_names.prefix": {"query": keys, "operator": "and", "boost": 2}}},
        ]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _sort(query, words):
    by_name = [{"title_sort": "asc"}, {"id": "asc"}]
    if query.sort == "distance" and query.near:
        return [
            {
                "_geo_distance": {
                    "location": {"lat": query.near.lat, "lon": query.near.lon},
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            },
            {"id": "asc"},
        ]
    if query.sort == "transparency":
        return [{"transparency_score": {"order": "desc", "missing": "_last"}}, *by_name]
    if query.sort == "name" or not words:
        return by_name
    return [{"_score": "desc"}, *by_name]


def _distance(page, query):
    if not query.near or page.latitude is None or page.longitude is None:
        return None
    return haversine_km(query.near.lat, query.near.lon, float(page.latitude), float(page.longitude))


def _total(response):
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)
