"""The search query, read from GET parameters.

Nothing a visitor types can break the page: text is cleaned and capped, unknown filter values are
dropped with a note the page shows, and impossible combinations fall back to something sensible.
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from taxonomy.geo import LATITUDE_RANGE, LONGITUDE_RANGE

MAX_TEXT_LENGTH = 200
MAX_PAGE = 10_000
# Elasticsearch's index.max_result_window (its default): no engine lists a result past it, so both
# answer alike and a deep page never becomes an engine error; the page says so and asks to narrow.
RESULT_WINDOW = 10_000
DEFAULT_RADIUS_KM = 10.0
RADIUS_RANGE_KM = (0.5, 500.0)
SORTS = ("relevance", "name", "distance", "transparency")
# GET parameter → what it filters. Values are slugs or codes, checked against the known ones.
# "report" is a year: the institution published its self-assessment report for that year.
FILTERS = ("region", "district", "type", "ownership", "language", "qualification", "status", "transparency", "report")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)
    near: Near | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    notes: list = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """The words of the text: letters and digits only, so no query syntax reaches an engine."""
        return _WORD.findall(self.text.lower())

    def signature(self) -> str:
        """What the answer depends on, paging aside (a cache key part)."""
        near = f"{self.near.lat:.5f},{self.near.lon:.5f},{self.near.radius_km:g}" if self.near else ""
        filters = "&".join(f"{name}={value}" for name, value in sorted(self.filters.items()))
        return f"{' '.join(self.words)}|{filters}|{near}|{self.sort}"

    def without(self, name):
        """The GET parameters of this query without one filter (for the "remove filter" chips)."""
        params = self.as_params()
        params.pop(name, None)
        if name == "near":
            for key in ("lat", "lon", "radius"):
                params.pop(key, None)
        params.pop("page", None)
        return params

    def as_params(self) -> dict:
        params = {}
        if self.text:
            params["q"] = self.text
        params.update(self.filters)
        if self.near:
            params.update(lat=f"{self.near.lat:.5f}", lon=f"{self.near.lon:.5f}", radius=f"{self.near.radius_km:g}")
        if self.sort != "relevance":
            params["sort"] = self.sort
        if self.page > 1:
            params["page"] = str(self.page)
        return params


def last_page(total: int, page_size: int) -> int:
    """The last page that can be shown: of the results within RESULT_WINDOW (at least 1)."""
    return max(1, -(-min(total, RESULT_WINDOW) // page_size))


def clean_text(raw: str) -> tuple[str, bool]:
    text = _CONTROL.sub(" ", raw or "")
    text = " ".join(text.split())
    truncated = len(text) > MAX_TEXT_LENGTH
    return text[:MAX_TEXT_LENGTH], truncated


def _float(raw):
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def parse_query(params, known_values: dict) -> SearchQuery:
    """Read a SearchQuery from a QueryDict; known_values maps each filter to its valid values."""
    query = SearchQuery()
    query.text, truncated = clean_text(params.get("q", ""))
    if truncated:
        query.notes.append(
            _("Your search was shortened to its first %(limit)d characters.") % {"limit": MAX_TEXT_LENGTH}
        )

    for name in FILTERS:
        raw = (params.get(name) or "").strip()[:80]
        if not raw:
            continue
        if raw in known_values.get(name, ()):
            query.filters[name] = raw
        else:
            query.notes.append(_("The filter value “%(value)s” is not known; it was ignored.") % {"value": raw})

    query.near = _parse_near(params, query.notes)

    sort = params.get("sort") or ("distance" if query.near and not query.text else "relevance")
    if sort not in SORTS:
        query.notes.append(_("Unknown sort order; sorted by relevance."))
        sort = "relevance"
    if sort == "distance" and query.near is None:
        query.notes.append(_("Sorting by distance needs a place; sorted by relevance."))
        sort = "relevance"
    query.sort = sort

    raw_page = params.get("page")
    if raw_page:
        try:
            number = int(raw_page)
        except (TypeError, ValueError):
            query.notes.append(_("The page number was not a number; showing the first page."))
        else:
            query.page = min(max(1, number), MAX_PAGE)
            if number < 1:
                query.notes.append(_("There is no such page of results; showing page %(number)s.") % {"number": 1})
    return query


def _parse_near(params, notes):
    lat_raw, lon_raw = params.get("lat"), params.get("lon")
    if not lat_raw and not lon_raw:
        return None
    lat, lon = _float(lat_raw), _float(lon_raw)
    if lat is None or lon is None:
        notes.append(_("The place to search near was not a pair of coordinates; it was ignored."))
        return None
    if not (float(LATITUDE_RANGE[0]) <= lat <= float(LATITUDE_RANGE[1])) or not (
        float(LONGITUDE_RANGE[0]) <= lon <= float(LONGITUDE_RANGE[1])
    ):
        notes.append(_("The place to search near is outside Kyrgyzstan; it was ignored."))
        return None
    radius = _float(params.get("radius")) if params.get("radius") else DEFAULT_RADIUS_KM
    if radius is None or not (RADIUS_RANGE_KM[0] <= radius <= RADIUS_RANGE_KM[1]):
        notes.append(
            _("The radius must be between %(low)g and %(high)g km; %(default)g km was used.")
            % {"low": RADIUS_RANGE_KM[0], "high": RADIUS_RANGE_KM[1], "default": DEFAULT_RADIUS_KM}
        )
        radius = DEFAULT_RADIUS_KM
    return Near(lat, lon, radius)
