"""Purging the proxy's copies of public pages when content is published (wagtail.contrib.frontend_cache).

Nothing happens unless WAGTAILFRONTENDCACHE names a backend (the HTTP/Varnish one, from the
environment). Publishing or unpublishing a page purges, after the commit and through a background
task, its URL in every language (each translation's own URL: translated slugs differ, so Wagtail's
prefix rewriting is switched off), its parent's and the pages it belongs to (a programme's or a
decision's institution), and the list pages that show it in every language: the home page, the
directory and the register. Filtered or paged list URLs are not purged one by one; their short
s-maxage (settings.PUBLIC_S_MAXAGE) bounds how long they can lag.

wagtail.contrib.frontend_cache is used as a library, not installed as an app: its own signal handlers
would purge one language before the commit.

List page models are registered from the apps that define them (register_list_page), so this low
module needs none of them.
"""

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

_list_page_models = []


def register_list_page(model):
    """Pages of this model list other pages: purge them whenever any page is published."""
    _list_page_models.append(model)


def pages_to_purge(page):
    specific = page.specific_deferred
    related = [page]
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        related.append(parent)
    owner = getattr(specific, "institution", None)
    if isinstance(owner, Page):
        related.append(owner)
    pages = []
    for item in related:
        pages.extend(item.get_translations(inclusive=True))
    if _list_page_models:
        pages.extend(Page.objects.type(*_list_page_models))
    return pages


def purge_published(sender, instance, **kwargs):
    if not get_backends():
        return
    pages = pages_to_purge(instance)
    batch = PurgeBatch()
    batch.add_pages(pages)
    transaction.on_commit(batch.purge)


def connect():
    page_published.connect(purge_published, dispatch_uid="core.frontend_cache.published")
    page_unpublished.connect(purge_published, dispatch_uid="core.frontend_cache.unpublished")
