"""Publishing or unpublishing an institution refreshes the similar lists it can change, after commit."""

from django.db import transaction

from institutions.models import InstitutionPage

from .compute import affected_by, refresh_similar


def on_published(sender, instance, **kwargs):
    specific = instance.specific_deferred
    if not isinstance(specific, InstitutionPage):
        return
    # Read now: an unpublish may be part of a deletion, and the row is gone by the commit.
    affected = affected_by(specific)
    transaction.on_commit(lambda: refresh_similar(affected))
