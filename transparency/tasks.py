"""Refreshing stored transparency scores in the background (never on a visitor's request)."""

from core.tasks import retried_task
from institutions.models import InstitutionPage

from .stored_scores import refresh_due_scores, refresh_scores, reindex_pending


@retried_task(attempts=3, retry_after_seconds=30)
def refresh_institution_score(pk):
    """After publishing: the institution's score, then Elasticsearch's copy of it."""
    if refresh_scores(InstitutionPage.objects.filter(pk=pk)):
        # The search index may have taken the page before this task ran; give it the new score too.
        reindex_pending()


@retried_task(attempts=3, retry_after_seconds=30)
def refresh_institution_scores(pks):
    """refresh_institution_score for many institutions at once (after a bulk load)."""
    if refresh_scores(InstitutionPage.objects.filter(pk__in=pks)):
        reindex_pending()


@retried_task(attempts=3, retry_after_seconds=300)
def refresh_due_transparency_scores():
    """The scores that turned by date (run daily by refresh_transparency_scores, or on demand)."""
    return len(refresh_due_scores(force=True))
