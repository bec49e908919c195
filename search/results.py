"""What every search engine returns, whichever answered."""

from dataclasses import dataclass, field


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    name: str = ""  # the filter, where a list mixes filters (the places a query names)


@dataclass
class Hit:
    page: object  # the InstitutionPage, loaded from the database in result order
    snippet: str = ""  # safe HTML with <mark> around matched words
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list
    total: int
    facets: dict  # filter name → list[FacetValue], most frequent first
    engine: str  # "database" or "elasticsearch"
    took_ms: float
    page: int = 1
    num_pages: int = 1
    suggestion: str = ""  # a corrected query, when the given one found nothing
    corrected_from: str = ""  # the query as typed, when results are shown for a corrected one
    fallback_reason: str = ""  # why the preferred engine did not answer
    notes: list = field(default_factory=list)
    places: list = field(default_factory=list)  # FacetValues of the regions/districts the query names

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages
