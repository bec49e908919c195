"""What the search app lends the institutions app, registered from search.apps: institutions (a lower
layer, docs/architecture.md) imports no search module.

- the directory's context (results, facets, links) that InstitutionIndexPage renders;
- an institution's search names (spelling keys of its names and place) and title keys (of its own
  name), stored when it is saved, and the refresh of its translations' names after that save.
"""

_directory_context = None
_search_names = None
_refresh_translations = None
_title_keys = None


def register_directory_context(build):
    """`build(request, locale)` → the directory template's context."""
    global _directory_context
    _directory_context = build


def register_search_names(names, refresh_translations, title_keys):
    """`names(page)` → the text stored in search_names; `refresh_translations(page)` after a save;
    `title_keys(page)` → the text stored in title_keys."""
    global _search_names, _refresh_translations, _title_keys
    _search_names, _refresh_translations, _title_keys = names, refresh_translations, title_keys


def directory_context(request, locale) -> dict:
    return _directory_context(request, locale) if _directory_context else {}


def search_names(page):
    """The page's search names, or its stored ones while no search app is installed."""
    return _search_names(page) if _search_names else page.search_names


def title_keys(page):
    """The page's own name as spelling keys, or its stored ones while no search app is installed."""
    return _title_keys(page) if _title_keys else page.title_keys


def refresh_translations(page):
    if _refresh_translations:
        _refresh_translations(page)
