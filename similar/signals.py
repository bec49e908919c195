"""Publishing or unpublishing an institution refreshes the similar lists it can change: a background
task, enqueued with the change (the worker sees it once the change is committed)."""

from core.tasks import enqueue_after_commit
from institutions.models import InstitutionPage

from .compute import affected_by
from .tasks import refresh_similar_lists


def on_published(sender, instance, **kwargs):
    specific = instance.specific_deferred
    if not isinstance(specific, InstitutionPage):
        return
    # Read now: an unpublish may be part of a deletion, and the row is gone by the commit.
    enqueue_after_commit(refresh_similar_lists, sorted(affected_by(specific)))
