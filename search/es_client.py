"""The Elasticsearch client and index names, read from settings each time they are needed.

Settings are read at call time (not at import) so a changed ELASTICSEARCH_URL, e.g. in tests, takes
effect at once; clients are cached per configuration so connections are reused between requests.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from elasticsearch import Elasticsearch


def is_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def alias_name() -> str:
    """The name searches and updates use: an alias pointing at one timestamped concrete index."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-institutions"


def search_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 1.0))


def get_client() -> Elasticsearch:
    return _client(
        settings.ELASTICSEARCH_URL,
        getattr(settings, "ELASTICSEARCH_NODE_CLASS", None) or None,
        search_timeout(),
    )


@lru_cache(maxsize=8)
def _client(url, node_class_path, timeout):
    options = {
        "request_timeout": timeout,
        # One attempt only: a retry would double the wait before the database answers instead.
        "max_retries": 0,
        "retry_on_timeout": False,
    }
    if node_class_path:
        options["node_class"] = import_string(node_class_path)
    return Elasticsearch(url, **options)
