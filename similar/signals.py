"""Publishing or unpublishing an institution refreshes the similar lists it can change, in a background
task queued once the change is committed (an unpublish may be part of a deletion: a refresh before the
commit would list the page being deleted)."""

from django.db import transaction

from core import upkeep
from institutions.models import InstitutionPage

from .compute import affected_by
from .tasks import refresh_similar_lists


def on_published(sender, instance, **kwargs):
    specific = instance.specific_deferred
    if not isinstance(specific, InstitutionPage):
        return
    # Read now: an unpublish may be part of a deletion, and the row is gone by the commit.
    upkeep.run_or_batch("similar.lists", _refresh_on_commit, affected_by(specific))


def _refresh_on_commit(institution_ids):
    affected = sorted(institution_ids)
    transaction.on_commit(lambda: refresh_similar_lists.enqueue(affected))
