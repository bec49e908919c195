"""Windows of the directory search: the API's limit/offset pages and whole selections for downloads.

Both go through search.service, so the API, the downloads and the HTML directory list the same
institutions in the same order for the same parameters.
"""

from search.service import search_institutions

# Elasticsearch's default result window; a download larger than this is cut (said in the file name).
MAX_DOWNLOAD_ROWS = 10_000


def search_window(params, locale, offset, limit):
    """(query, result, hits) for rows offset .. offset+limit-1 of the search's order.

    The engines page by page numbers; an offset that is not a multiple of the limit needs the
    rows of two neighbouring pages.
    """
    first = offset // limit + 1
    query, result, _vocabulary = search_institutions(params, locale, page_size=limit, page=first)
    # The engines clamp a page past the end to the last page; past the end there is nothing.
    hits = list(result.hits) if result.page == first else []
    skip = offset % limit
    if skip and hits and result.total > first * limit:
        _query, following, _vocabulary = search_institutions(params, locale, page_size=limit, page=first + 1)
        hits += following.hits
    return query, result, hits[skip : skip + limit]


def whole_selection(params, locale):
    """(query, result) with every matching institution (up to MAX_DOWNLOAD_ROWS) as hits."""
    query, result, _vocabulary = search_institutions(params, locale, page_size=MAX_DOWNLOAD_ROWS, page=1)
    return query, result
