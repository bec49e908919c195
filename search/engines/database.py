"""The database engine: Wagtail's database search backend for text, the ORM for filters and facets.

Needs no server. Names are matched in any script through the stored spelling keys (prefix match on
the last word), content through full-text search; a query that finds nothing is retried once with
each unknown word replaced by the closest known one.
"""

import difflib
import time
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from wagtail.search.backends import get_search_backend

from accreditation.status import filter_by_status
from core import content_version, memo
from core.visibility import visible
from institutions.models import InstitutionPage, ProgrammePage
from selfassessment.published import institution_counts_by_year, institution_keys_with_report
from transparency.models import InstitutionScore
from transparency.stored_scores import SCORE_BANDS

from ..excerpts import institution_snippet
from ..facet_counts import facet_counts
from ..geo import bounding_box, haversine_km
from ..places import core_key, places_named
from ..query import RESULT_WINDOW, last_page
from ..results import FacetValue, Hit, SearchResult
from ..transliteration import spelling_key, stem_variants

NAME = "database"
LARGE_MATCH = 1000


class DatabaseEngine:
    name = NAME

    def __init__(self, backend_name="default"):
        self.backend = get_search_backend(backend_name)

    def search(self, query, locale, vocabulary) -> SearchResult:
        started = time.perf_counter()
        # The answer (every matching id in order, facet counts, distances) is cached under the content
        # version and the day, so a change to any institution, decision or classifier is seen at once.
        key = content_version.cache_key("db-search", locale.pk, query.signature())
        answer = cache.get(key)
        if answer is None:
            answer = self._answer(query, locale, vocabulary)
            cache.set(key, answer, settings.PUBLIC_CACHE_SECONDS)

        ordered_ids, distances, total = answer["ids"], answer["distances"], answer["total"]
        num_pages = last_page(total, query.page_size)
        page_number = min(query.page, num_pages)
        # Not past the result window, as Elasticsearch: both engines list the same results.
        window = ordered_ids[(page_number - 1) * query.page_size : min(page_number * query.page_size, RESULT_WINDOW)]
        pages = InstitutionPage.objects.filter(id__in=window).select_related(
            "region", "district", "institution_type", "logo", "stored_score"
        )
        by_id = {p.id: p for p in pages}
        words = answer["words"]
        hits = [
            Hit(page=by_id[i], snippet=institution_snippet(by_id[i], words), distance_km=distances.get(i))
            for i in window
            if i in by_id
        ]
        return SearchResult(
            hits=hits,
            total=total,
            facets={name: facet_values(name, counts, query, vocabulary) for name, counts in answer["facets"].items()},
            engine=NAME,
            took_ms=(time.perf_counter() - started) * 1000,
            page=page_number,
            num_pages=num_pages,
            suggestion=answer["suggestion"],
            corrected_from=query.text if answer["corrected"] else "",
            places=place_filters(answer.get("places", []), vocabulary),
        )

    def _answer(self, query, locale, vocabulary) -> dict:
        """Every matching id in the query's order, the facet counts and the distances: what is cached."""
        # Not in a private section (view restriction): the directory, the API and downloads list the same pages.
        base = visible(InstitutionPage.objects.all(), locale)
        filtered, distances = self._filtered(base, query, vocabulary)

        corrected, suggestion = False, ""
        words = query.words
        places = places_named(words) if words else []
        if places:
            # A place query (search.places): no text ranking, ordered by name like no words at all.
            ids, matched = None, self._place_match(filtered, places, words, vocabulary)
        elif words:
            ids, matched = self._text_match(filtered, words)
            if not ids:
                corrected_words = self._corrected_words(locale, words)
                if corrected_words != words:
                    ids, matched = self._text_match(filtered, corrected_words)
                    if ids:
                        corrected, words = True, corrected_words
                    else:
                        suggestion = " ".join(corrected_words)
        else:
            ids = None
            matched = filtered

        counts, total = self._facet_counts(matched, vocabulary)
        sql_order = self._sql_order(query, ids, distances)
        if sql_order:
            ordered_ids = list(matched.order_by(*sql_order).values_list("id", flat=True))
        else:
            ordered_ids = self._ordered_ids(matched, ids, query, distances)
        return {
            "ids": ordered_ids,
            "total": total,
            "facets": counts,
            "distances": distances,
            "words": words,
            "corrected": corrected,
            "suggestion": suggestion,
            "places": places,
        }

    # Filters ---------------------------------------------------------------------------------

    def _filtered(self, queryset, query, vocabulary):
        """Apply the filters using only fields Wagtail's search can also filter on (ids)."""
        filters = query.filters
        if "region" in filters:
            queryset = queryset.filter(region=vocabulary.ids["region"][filters["region"]])
        if "district" in filters:
            queryset = queryset.filter(district=vocabulary.ids["district"][filters["district"]])
        if "type" in filters:
            queryset = queryset.filter(institution_type=vocabulary.ids["type"][filters["type"]])
        if "ownership" in filters:
            queryset = queryset.filter(ownership=filters["ownership"])
        if "language" in filters:
            with_language = InstitutionPage.languages.through.objects.filter(
                instructionlanguage_id=vocabulary.ids["language"][filters["language"]]
            ).values_list("institutionpage_id", flat=True)
            queryset = queryset.filter(id__in=with_language)  # a subquery: no list of thousands of ids
        if "qualification" in filters:
            awarding = (
                visible(ProgrammePage.objects.all())
                .filter(qualification_id=vocabulary.ids["qualification"][filters["qualification"]])
                .values_list("institution_id", flat=True)
            )
            queryset = queryset.filter(id__in=awarding)
        if "status" in filters:
            # A subquery of ids, like the other filters: Wagtail's text search reads the filters it is given.
            with_status = filter_by_status(InstitutionPage.objects.all(), filters["status"], date.today())
            queryset = queryset.filter(id__in=with_status.values("id"))
        if "transparency" in filters:
            low, high = SCORE_BANDS[filters["transparency"]]
            in_band = InstitutionScore.objects.filter(score__gte=low, score__lte=high).values("institution_id")
            queryset = queryset.filter(id__in=in_band)
        if "report" in filters:
            queryset = queryset.filter(translation_key__in=institution_keys_with_report(int(filters["report"])))
        distances = {}
        if query.near:
            near = query.near
            south, north, west, east = bounding_box(near.lat, near.lon, near.radius_km)
            candidates = queryset.filter(
                latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
            ).values_list("id", "latitude", "longitude")
            for pk, lat, lon in candidates:
                distance = haversine_km(near.lat, near.lon, float(lat), float(lon))
                if distance <= near.radius_km:
                    distances[pk] = distance
            queryset = queryset.filter(id__in=list(distances))
        return queryset, distances

    # Text ------------------------------------------------------------------------------------

    def _text_match(self, queryset, words):
        """Ids of institutions matching every word, best first, and a queryset of the same rows.

        Names and places are matched on the stored spelling keys (any script, prefix of a word).
        Only when no name matches does Wagtail's full-text search look through the disclosures:
        its SQLite backend ranks with one FTS subquery per matching row, seconds on thousands of
        rows, so it is asked for an unranked set (see docs/decisions.md).
        """
        keys = spelling_key(" ".join(words)).split()
        if keys:
            by_name = queryset
            for key in keys:
                matches_key = Q()
                for variant in stem_variants(key):
                    matches_key |= Q(search_names__startswith=variant) | Q(search_names__contains=" " + variant)
                by_name = by_name.filter(matches_key)
            rows = list(by_name.order_by().values_list("id", "title", "search_names"))
            if rows:
                ids = [row[0] for row in sorted(rows, key=_name_ranker(keys))]
                # Facets are counted over the matched rows: by their ids when few (an index lookup),
                # by the name filter when many (no IN list of thousands of ids).
                return ids, by_name if len(ids) > LARGE_MATCH else queryset.filter(id__in=ids)
        by_content = self.backend.search(" ".join(words), queryset, operator="and", order_by_relevance=False)
        ids = _ranked_ids(by_content)
        rows = InstitutionPage.objects.filter(id__in=ids).order_by("title", "id").values_list("id", flat=True)
        return list(rows), queryset.filter(id__in=ids)

    def _place_match(self, queryset, places, words, vocabulary):
        """Institutions in the named regions or districts, or whose own name holds the place's words."""
        region_ids = [vocabulary.ids["region"].get(p.value) for p in places if p.kind == "region"]
        district_ids = [vocabulary.ids["district"].get(p.value) for p in places if p.kind == "district"]
        # Each of the place's words a whole word of the name, matched on the stored keys (computing
        # them here for every institution took about 100 ms a query at 5,000 institutions).
        by_name = Q()
        for key in set(core_key(" ".join(words))):
            by_name &= (
                Q(title_keys=key)
                | Q(title_keys__startswith=key + " ")
                | Q(title_keys__endswith=" " + key)
                | Q(title_keys__contains=" " + key + " ")
            )
        return queryset.filter(
            Q(region_id__in=[i for i in region_ids if i]) | Q(district_id__in=[i for i in district_ids if i]) | by_name
        )

    def _corrected_words(self, locale, words):
        """Replace each word no institution name contains by the closest word that one does."""
        vocabulary = _name_words(locale)
        corrected = []
        for word in words:
            key = spelling_key(word)
            if not key or key in vocabulary:
                corrected.append(word)
                continue
            close = difflib.get_close_matches(key, vocabulary, n=1, cutoff=0.75)
            corrected.append(close[0] if close else word)
        return corrected

    # Order and facets ------------------------------------------------------------------------

    def _sql_order(self, query, ids, distances):
        """The ORDER BY when the database can sort (by name, by score, or no words); None when Python sorts."""
        if query.sort == "distance" and distances:
            return None
        if query.sort == "transparency":
            # Unscored rows (none once scores are refreshed) go last.
            return (F("stored_score__score").desc(nulls_last=True), "title", "id")
        if query.sort == "name" or ids is None:
            return ("title", "id")
        return None

    def _ordered_ids(self, matched, ids, query, distances):
        """Ids in Python's order: by distance, or by the name ranking of the words."""
        if query.sort == "distance" and distances:
            pool = ids if ids is not None else list(matched.values_list("id", flat=True))
            return sorted(pool, key=lambda i: (distances.get(i, float("inf")), i))
        return ids

    def _facet_counts(self, matched, vocabulary):
        """{facet: {value: count}} over the matched rows, and how many rows matched."""
        counts, total = facet_counts(matched)
        counts["report"] = institution_counts_by_year(matched.order_by()) if total else {}
        by_value = {
            name: {vocabulary.by_id[name].get(key): n for key, n in values.items()} for name, values in counts.items()
        }
        return by_value, total


def place_filters(places, vocabulary):
    """The named places this language has, as filters a visitor can pick with one click."""
    return [
        FacetValue(value=place.value, label=vocabulary.labels[place.kind][place.value], count=0, name=place.kind)
        for place in places
        if place.value in vocabulary.labels.get(place.kind, {})
    ]


def facet_values(name, counts, query, vocabulary):
    """Facet values with their counts, most frequent first, ties in the vocabulary's order."""
    labels = vocabulary.labels[name]
    order = {value: position for position, value in enumerate(labels)}
    values = [
        FacetValue(value=value, label=labels[value], count=count, selected=query.filters.get(name) == value)
        for value, count in counts.items()
        if value in labels and count
    ]
    values.sort(key=lambda v: (-v.count, order[v.value]))
    return values


def _ranked_ids(results):
    """Ids in relevance order without loading every page (the database backends give a queryset)."""
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("id", flat=True))
    return [page.id for page in results]


def _name_ranker(keys):
    """Sort key: whole-word matches first, then matches early in the name, shorter names, title.

    Substring tests on the space-padded keys rather than splitting each name into words: this runs
    once per matching row, and a common word ("мектеп") matches every institution.
    """
    variants = [tuple(f" {form} " for form in stem_variants(key)) for key in keys]
    word_starts = tuple(f" {form}" for key in keys for form in stem_variants(key))

    def rank(row):
        _id, title, names = row
        padded = f" {names} "
        whole = sum(1 for variant in variants if any(form in padded for form in variant))
        first = min((at for at in map(padded.find, word_starts) if at >= 0), default=-1)
        earliest = padded.count(" ", 1, first + 1) if first >= 0 else 99  # words before the first match
        return (-whole, earliest, names.count(" ") + 1 if names else 0, title, _id)

    return rank


def _name_words(locale):
    """Every word of every live institution's spelling keys: the spelling vocabulary. Kept in the
    process for the content version too: every misspelled query reads all of it."""
    return memo.remember_shared(("name-words", locale.pk), lambda: _read_name_words(locale))


def _read_name_words(locale):
    cache_key = content_version.cache_key("name-words", locale.pk)
    words = cache.get(cache_key)
    if words is None:
        words = set()
        for names in visible(InstitutionPage.objects.all(), locale).values_list("search_names", flat=True):
            words.update(names.split())
        words = sorted(words)
        cache.set(cache_key, words, settings.PUBLIC_CACHE_SECONDS)
    return words
