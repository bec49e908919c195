"""The content version: part of the key of every cached public fragment and search answer.

Any saved or deleted row of a model that public pages show (pages and their inline rows, snippets,
documents, images, decisions, reports, stored scores) moves the number on, inside the same
transaction, so a cache entry made from older content is simply never asked for again. Cached
entries also carry today's date, because freshness and accreditation validity change by date alone.
Bulk writes that send no signals call bump() themselves.
"""

import hashlib
from datetime import date

from django.apps import apps as global_apps
from django.db.models import F
from django.db.models.signals import post_delete, post_save

# Apps whose rows public pages show. wagtailcore covers pages, revisions, view restrictions, sites, locales.
PUBLIC_APPS = frozenset(
    {
        "wagtailcore", "wagtaildocs", "wagtailimages", "pages", "institutions", "taxonomy",
        "accreditation", "transparency", "selfassessment", "glossary",
    }
)  # fmt: skip


def current() -> int:
    from .models import ContentVersion

    number = ContentVersion.objects.values_list("number", flat=True).first()
    return number if number is not None else 0


def bump():
    from .models import ContentVersion

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
    if meta.app_label in PUBLIC_APPS and meta.model_name != "contentversion":
        bump()


def _on_page_event(sender, **kwargs):
    bump()  # a tree move is written with raw SQL: no post_save for every moved row


def connect():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="pages.content_version.saved")
    post_delete.connect(_on_change, dispatch_uid="pages.content_version.deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"pages.content_version.{id(signal)}")
