"""Writing institutions to Elasticsearch: one page at a time (publishing) or all at once (rebuild).

Searches and updates address the alias; a rebuild fills a new timestamped index, then moves the alias
to it in one atomic request and deletes the old index, so searches never see an empty or half index.
"""

import logging
from datetime import UTC, datetime

from elasticsearch import NotFoundError, helpers

from accreditation.status import latest_outcomes
from selfassessment.published import report_years_by_key
from transparency.stored_scores import mark_all_indexed, refresh_due_scores

from .documents import InstitutionDocument, indexable_pages, qualification_codes
from .es_client import alias_name, get_client

logger = logging.getLogger(__name__)

# Publishing and rebuilding may wait longer than a visitor's search does.
WRITE_TIMEOUT = 30.0


def new_index_name() -> str:
    return f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(client, name):
    body = InstitutionDocument._index.to_dict()
    client.options(request_timeout=WRITE_TIMEOUT).indices.create(
        index=name, settings=body.get("settings", {}), mappings=body["mappings"]
    )


def document_source(page) -> dict:
    return InstitutionDocument().prepare(page)


def index_actions(pages, index):
    for page in pages:
        yield {"_op_type": "index", "_index": index, "_id": page.pk, "_source": document_source(page)}


def concrete_indexes(client) -> list[str]:
    """The concrete indexes the alias points at now (normally one)."""
    try:
        return sorted(client.indices.get_alias(name=alias_name()).body)
    except NotFoundError:
        return []


def rebuild(client=None, progress=None, chunk_size=200) -> tuple[str, int]:
    """Index every live institution into a new index and point the alias at it; returns (index, count)."""
    refresh_due_scores(reindex=False)  # the new index then carries today's transparency scores
    client = (client or get_client()).options(request_timeout=WRITE_TIMEOUT)
    alias = alias_name()
    new_index = new_index_name()
    create_index(client, new_index)
    pages = indexable_pages().order_by("pk")
    codes = qualification_codes(pages.values_list("pk", flat=True))
    indexed = 0
    try:
        for chunk in _chunks(pages.iterator(chunk_size=chunk_size), chunk_size):
            outcomes = latest_outcomes(page.translation_key for page in chunk)
            years = report_years_by_key(page.translation_key for page in chunk)
            for page in chunk:
                page.qualification_codes = codes.get(page.pk, [])
                page.latest_decision = outcomes.get(page.translation_key)
                page.report_years = years.get(page.translation_key, [])
            done, _errors = helpers.bulk(client, index_actions(chunk, new_index), refresh=False)
            indexed += done
            if progress is not None:
                progress.update(len(chunk))
        client.indices.refresh(index=new_index)
    except Exception:
        # Leave the alias where it was; drop the half-filled index.
        client.options(ignore_status=404).indices.delete(index=new_index)
        raise

    old_indexes = concrete_indexes(client)
    if not old_indexes and client.indices.exists(index=alias):
        # An index (not an alias) took the alias's name, e.g. auto-created by a stray write.
        logger.warning("Deleting index %s so the alias of that name can be created.", alias)
        client.indices.delete(index=alias)
    actions = [{"remove": {"index": old, "alias": alias}} for old in old_indexes]
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for old in old_indexes:
        client.options(ignore_status=404).indices.delete(index=old)
    mark_all_indexed()
    return new_index, indexed


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def update_institution(page_id):
    """Index the institution if it is live, remove it otherwise; used after publishing and moving."""
    client = get_client().options(request_timeout=WRITE_TIMEOUT)
    page = indexable_pages().filter(pk=page_id).first()
    if page is None:
        remove_institution(page_id)
        return
    # require_alias: never let a write auto-create an index under the alias's name.
    client.index(index=alias_name(), id=page.pk, document=document_source(page), refresh="wait_for", require_alias=True)


def reindex_institutions(page_ids, chunk_size=200, timeout=None):
    """Index these institutions again in bulk (e.g. after their transparency scores changed by date)."""
    client = get_client().options(request_timeout=timeout or WRITE_TIMEOUT)
    pages = indexable_pages().filter(pk__in=list(page_ids)).order_by("pk")
    codes = qualification_codes(pages.values_list("pk", flat=True))
    for chunk in _chunks(pages.iterator(chunk_size=chunk_size), chunk_size):
        outcomes = latest_outcomes(page.translation_key for page in chunk)
        years = report_years_by_key(page.translation_key for page in chunk)
        for page in chunk:
            page.qualification_codes = codes.get(page.pk, [])
            page.latest_decision = outcomes.get(page.translation_key)
            page.report_years = years.get(page.translation_key, [])
        # require_alias: never let a write auto-create an index under the alias's name.
        helpers.bulk(client, index_actions(chunk, alias_name()), refresh="wait_for", require_alias=True)


def remove_institution(page_id):
    client = get_client().options(request_timeout=WRITE_TIMEOUT, ignore_status=404)
    client.delete(index=alias_name(), id=page_id, refresh="wait_for")
