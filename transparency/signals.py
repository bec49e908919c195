"""Publishing an institution recomputes its stored transparency score, in a background task."""

from core import upkeep
from core.tasks import enqueue_after_commit
from institutions.models import InstitutionPage

from .tasks import refresh_institution_score, refresh_institution_scores


def on_published(sender, instance, **kwargs):

    specific = instance.specific_deferred
    if isinstance(specific, InstitutionPage):
        upkeep.run_or_batch("transparency.scores", _refresh, [specific.pk])


def _refresh(pks):
    if len(pks) == 1:
        enqueue_after_commit(refresh_institution_score, *pks)
    else:  # a bulk load (core.upkeep): one task for all
        enqueue_after_commit(refresh_institution_scores, sorted(pks))
