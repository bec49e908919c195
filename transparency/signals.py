"""Publishing an institution recomputes its stored transparency score, in a background task."""

from core.tasks import enqueue_after_commit
from institutions.models import InstitutionPage

from .tasks import refresh_institution_score


def on_published(sender, instance, **kwargs):

    specific = instance.specific_deferred
    if isinstance(specific, InstitutionPage):
        enqueue_after_commit(refresh_institution_score, specific.pk)
