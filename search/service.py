"""One entry point for searching institutions: picks the engine, falls back to the database."""

import logging

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .engines.database import DatabaseEngine
from .query import RESULT_WINDOW, parse_query
from .vocabulary import vocabulary_for

logger = logging.getLogger(__name__)

FALLBACK_NOTE = gettext_lazy("The main search service is unavailable; these results come from the database.")


def preferred_engine():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from .engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    return DatabaseEngine()


def search_institutions(params, locale, page_size=None, page=None):
    """Parse GET parameters and answer them; never raises for anything a visitor can type.

    page_size and page override the directory's paging (the API's windows and full downloads).
    Searching only reads: the transparency scores it filters and sorts by are refreshed on publishing
    and daily by `manage.py refresh_transparency_scores` (transparency.stored_scores), never here.
    """
    vocabulary = vocabulary_for(locale)
    query = parse_query(params, vocabulary.known_values())
    if page_size is not None:
        query.page_size = page_size
    if page is not None:
        query.page = page
    engine = preferred_engine()
    try:
        result = engine.search(query, locale, vocabulary)
    except Exception as error:  # noqa: BLE001 - any failure of a remote engine falls back
        if isinstance(engine, DatabaseEngine):
            raise
        # Connection refused, timeout (ELASTICSEARCH_TIMEOUT), HTTP error or a missing index alike.
        logger.warning(
            "Search engine %s failed (%s), answering from the database: %s", engine.name, type(error).__name__, error
        )
        result = DatabaseEngine().search(query, locale, vocabulary)
        result.fallback_reason = str(FALLBACK_NOTE)
    if result.total > RESULT_WINDOW and result.page == result.num_pages:
        # The last page that can be shown, asked for or reached by clamping a deeper page number.
        result.notes.append(
            _("Results beyond the first %(window)s are not shown; narrow your search (showing page %(number)s).")
            % {"window": number_format(RESULT_WINDOW, force_grouping=True), "number": result.page}
        )
    elif query.page > result.page:  # past the last page: the engine answered with the last one
        result.notes.append(_("There is no such page of results; showing page %(number)s.") % {"number": result.page})
    result.notes = query.notes + result.notes
    return query, result, vocabulary
