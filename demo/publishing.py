"""A new demo page made live with one save and one revision, as publishing it would leave it.

`parent.add_child(...)` then `save_revision().publish()` saves a page three times (each save runs
full_clean, rewrites its child rows and sends the save signals) to reach a state a single insert can
have: live, first and last published now, one revision that is both the latest and the live one, a
"wagtail.publish" log entry, and `page_published` sent so every receiver reacts as to a publish.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signals import page_published


def add_published(parent, page):
    """Insert `page` under `parent` as a published page; returns it with its revision set."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.expired = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    # changed=False: the revision is the live content, not a draft ahead of it.
    revision = page.save_revision(changed=False, clean=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision)
    page.live_revision = revision
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return page
