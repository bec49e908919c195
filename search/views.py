"""Autocomplete for the directory's search box: up to 8 institution names with their URLs, as JSON."""

import logging

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from core.visibility import visible
from institutions.models import InstitutionPage

from .engines.database import DatabaseEngine
from .es_client import alias_name, get_client, is_configured
from .query import SearchQuery, clean_text
from .transliteration import spelling_key

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 8


@require_GET
def suggest(request):
    text, _truncated = clean_text(request.GET.get("q", ""))
    locale = Locale.get_active()
    engine = "database"
    ids = []
    if text:
        if is_configured():
            try:
                ids = _completion_ids(text, locale)
                engine = "elasticsearch"
            except Exception as error:  # noqa: BLE001 - the database answers instead
                logger.warning("Autocomplete from Elasticsearch failed, using the database: %s", error)
        if engine == "database":
            ids = _database_ids(text, locale)
    pages = {p.pk: p for p in visible(InstitutionPage.objects.filter(pk__in=ids), locale)}
    suggestions = [{"title": pages[pk].title, "url": pages[pk].get_url(request)} for pk in ids if pk in pages][
        :MAX_SUGGESTIONS
    ]
    return JsonResponse({"suggestions": suggestions, "engine": engine})


def _completion_ids(text, locale):
    """Completion suggester on the name as typed and on its Latin spelling key, best first."""
    prefixes = dict.fromkeys(p for p in (text.lower(), spelling_key(text)) if p)
    completion = {
        "field": "suggest",
        "size": MAX_SUGGESTIONS,
        "skip_duplicates": True,
        "contexts": {"locale": [locale.language_code]},
    }
    body = {f"s{n}": {"prefix": prefix, "completion": completion} for n, prefix in enumerate(prefixes)}
    response = get_client().search(index=alias_name(), suggest=body, source=False).body
    options = [
        option for entries in response.get("suggest", {}).values() for entry in entries for option in entry["options"]
    ]
    options.sort(key=lambda option: -option.get("_score", 0))
    return list(dict.fromkeys(int(option["_id"]) for option in options))[:MAX_SUGGESTIONS]


def _database_ids(text, locale):
    """The database engine's name matching (any script, last word a prefix), best first."""
    pages = visible(InstitutionPage.objects.all(), locale)
    ids, _matched = DatabaseEngine()._text_match(pages, SearchQuery(text=text).words)
    return ids[:MAX_SUGGESTIONS]
