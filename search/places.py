"""A query that names a region or district (in any language or spelling) is a place query.

Both engines then answer the same: the institutions in that region or district, plus those whose
own name holds the query's words; ordered by name. "Ош", "Osh", "Ош облусу" and "г. Ош" all name
Osh region and Osh city. The matching places are also offered as one-click filters.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from core import content_version
from taxonomy.models import District, Region

from .transliteration import spelling_key

# Words that say what kind of place a name is, not which place: left out when names are compared.
GENERIC_WORDS = (
    "облусу облустук облысы область области обл region oblast шаары шаар шаарындагы город г city "
    "району район районы district rayon raion аймагы"
)
_GENERIC_KEYS = frozenset(spelling_key(GENERIC_WORDS).split())


@dataclass(frozen=True)
class Place:
    kind: str  # the filter: "region" or "district"
    value: str  # its slug, the filter's value


def core_key(text) -> tuple:
    """The spelling keys of a place name without the generic words, e.g. "Ош облусу" → ("osh",)."""
    return tuple(key for key in spelling_key(text).split() if key not in _GENERIC_KEYS)


def _place_index() -> dict:
    """{core key: [(Place, full key)]} over every region and district name in every language; cached."""
    key = content_version.cache_key("place-index")
    index = cache.get(key)
    if index is None:
        index = {}
        for kind, model in (("region", Region), ("district", District)):
            for name, slug in model.objects.values_list("name", "slug"):
                core = core_key(name)
                if core:
                    entry = (Place(kind, slug), spelling_key(name))
                    places = index.setdefault(core, [])
                    if entry not in places:
                        places.append(entry)
        cache.set(key, index, settings.PUBLIC_CACHE_SECONDS)
    return index


def places_named(words) -> list[Place]:
    """The regions and districts the whole query names (none when it says anything else too).

    "Ош" names both Osh region and Osh city; "Ош шаары", the city's full name, names the city alone."""
    text = " ".join(words)
    core = core_key(text)
    if not core:
        return []
    candidates = _place_index().get(core, [])
    exact = [place for place, full in candidates if full == spelling_key(text)]
    return list(dict.fromkeys(exact or [place for place, _full in candidates]))
