"""The content version: part of the key of every cached public fragment and search answer.

Any saved or deleted row of a model that public pages show (pages and their inline rows, snippets,
documents, images, decisions, reports, stored scores) moves the number on once its transaction
commits, so a cache entry made from older content is simply never asked for again. Cached entries
also carry today's date, because freshness and accreditation validity change by date alone.
Bulk writes that send no signals call bump() themselves.

One publish saves dozens of rows (the page, its revision, inline rows, search entries, log entries):
the number moves once per transaction, after the commit, not once per row. After the commit, because
a request that read the old number while the transaction ran must not cache new content under it.
"""

import contextvars
import hashlib
from contextlib import contextmanager
from datetime import date

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from core import memo

# Apps whose rows public pages show. wagtailcore covers pages, revisions, view restrictions, sites, locales.
PUBLIC_APPS = frozenset(
    {
        "wagtailcore", "wagtaildocs", "wagtailimages", "pages", "institutions", "taxonomy",
        "accreditation", "transparency", "selfassessment", "glossary",
    }
)  # fmt: skip
# Rows of those apps that only the admin shows: the publish log, moderation, comments, permissions.
ADMIN_ONLY_MODELS = frozenset(
    {
        "pagelogentry", "modellogentry", "workflow", "workflowpage", "workflowtask", "workflowcontenttype",
        "workflowstate", "task", "taskstate", "groupapprovaltask", "comment", "commentreply",
        "pagesubscription", "grouppagepermission", "groupcollectionpermission", "groupsitepermission",
        "referenceindex", "uploadedfile",
    }
)  # fmt: skip


# The number read once for a whole public request (core.response_cache): a page asks for it in every
# fragment key. Read at the start, it is never newer than the content the request then renders.
_held = contextvars.ContextVar("content_version_held", default=None)


def current() -> int:
    """The number: held for a whole public request (core.response_cache), else read once per request
    (core.memo; a write in the request reads it again)."""
    held = _held.get()
    if held is not None:
        return held
    return memo.remember("content-version", _read)


def _read() -> int:
    from .models import ContentVersion

    number = ContentVersion.objects.values_list("number", flat=True).first()
    return number if number is not None else 0


@contextmanager
def held(number):
    """Answers number (read once with current()) to every current() inside the block (one request)."""
    token = _held.set(number)
    try:
        yield
    finally:
        _held.reset(token)


def bump():
    """Moves the number on when the current transaction commits (at once outside a transaction)."""
    memo.forget()  # what this request read before the write is not what it reads after
    connection = transaction.get_connection()
    block = _transaction_block(connection)
    if block is not None:
        for _savepoints, callback, *_robust in connection.run_on_commit:
            if isinstance(callback, _DueBump) and callback.block == block and not callback.done:
                return  # already due at this commit (a rolled-back savepoint drops it, and the next change asks again)
    transaction.on_commit(_DueBump(block))


def _transaction_block(connection):
    """What stands for the current transaction, or None when there is nothing to share a bump with.

    In production that is the outermost atomic block. A test case wraps every test in blocks of its own
    (one transaction for the whole test), so there the outermost block of the code under test stands for
    the transaction, known by its savepoint; a block without one shares nothing."""
    blocks = [index for index, block in enumerate(connection.atomic_blocks) if not block._from_testcase]
    if not blocks:
        return None
    if blocks[0] == 0:
        return "transaction"
    savepoints = connection.savepoint_ids  # one per block below the outermost
    return savepoints[blocks[0] - (len(connection.atomic_blocks) - len(savepoints))]


class _DueBump:
    """The bump due at one transaction's commit. Marked done when it runs: a test's capture of on-commit
    callbacks runs them while the test's transaction stays open."""

    def __init__(self, block):
        self.block, self.done = block, False

    def __call__(self):
        self.done = True
        _bump_now()


def _bump_now():
    from .models import ContentVersion

    memo.forget()
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def cache_key(*parts) -> str:
    """A cache key that changes with the content and the day (parts hashed: any text, any length)."""
    digest = hashlib.md5("\x1f".join(str(part) for part in parts).encode(), usedforsecurity=False).hexdigest()
    return f"public:{current()}:{date.today().isoformat()}:{digest}"


def _on_change(sender, **kwargs):
    meta = sender._meta
    if meta.apps is not global_apps:
        return  # a data migration's historical model: the table may not exist yet
    if (
        meta.app_label in PUBLIC_APPS
        and meta.model_name not in ADMIN_ONLY_MODELS
        and meta.model_name != "contentversion"
    ):
        bump()


def _on_page_event(sender, **kwargs):
    bump()  # a tree move is written with raw SQL: no post_save for every moved row


def connect():
    # A publication saves the page (post_save); an unpublication or a move may write descendants in bulk.
    from wagtail.signals import page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="core.content_version.saved")
    post_delete.connect(_on_change, dispatch_uid="core.content_version.deleted")
    for signal in (page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"core.content_version.{id(signal)}")
