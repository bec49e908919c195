"""Refreshing stored transparency scores in the background (never on a visitor's request)."""

from datetime import date

from django.core.cache import cache

from core.tasks import enqueue_after_commit, retried_task

from .stored_scores import refresh_due_scores, refresh_scores, reindex_pending


@retried_task(attempts=3, retry_after_seconds=30)
def refresh_institution_score(pk):
    """After publishing: the institution's score, then Elasticsearch's copy of it."""
    from institutions.models import InstitutionPage

    if refresh_scores(InstitutionPage.objects.filter(pk=pk)):
        # The search index may have taken the page before this task ran; give it the new score too.
        reindex_pending()


@retried_task(attempts=3, retry_after_seconds=30)
def refresh_institution_scores(pks):
    """refresh_institution_score for many institutions at once (after a bulk load)."""
    from institutions.models import InstitutionPage

    if refresh_scores(InstitutionPage.objects.filter(pk__in=pks)):
        reindex_pending()


@retried_task(attempts=3, retry_after_seconds=300)
def refresh_due_transparency_scores():
    """The scores that turned by date (run daily by refresh_transparency_scores, or on demand)."""
    return len(refresh_due_scores(force=True))


def request_due_refresh():
    """Called by searches: queue the refresh of scores that turned by date, at most once an hour (per
    cache) a day. The search itself writes no score; the worker (or, inline, the task) does."""
    flag = f"transparency:refresh-requested:{date.today().isoformat()}"
    if cache.get(flag):
        return
    cache.set(flag, True, 3600)
    enqueue_after_commit(refresh_due_transparency_scores)
