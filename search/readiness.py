"""The search engine's part of /readyz (core.health): is Elasticsearch answering and its index there?

Without ELASTICSEARCH_URL the database engine answers and is always ready. When Elasticsearch is
down, searches fall back to the database, so the site stays ready ("degraded" unless required).
"""

from .es_client import alias_name, get_client, is_configured


def search_engine_check():
    if not is_configured():
        return {"ok": True, "engine": "database"}
    client = get_client()
    ok = bool(client.ping()) and bool(client.indices.exists_alias(name=alias_name()))
    return {"ok": ok, "engine": "elasticsearch" if ok else "database fallback"}
