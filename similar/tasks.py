"""Refreshing stored similar lists in the background, after an institution is published or unpublished."""

from core.tasks import retried_task

from .compute import refresh_similar


@retried_task(attempts=3, retry_after_seconds=60)
def refresh_similar_lists(institution_ids):
    return refresh_similar(institution_ids)
