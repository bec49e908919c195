"""The Elasticsearch sync as background tasks (search.signals enqueues them), retried when they fail."""

from core.tasks import retried_task

from . import indexing
from .es_client import is_configured


@retried_task(attempts=3, retry_after_seconds=30)
def update_institution(pk):
    if is_configured():
        indexing.update_institution(pk)


@retried_task(attempts=3, retry_after_seconds=30)
def remove_institution(pk):
    if is_configured():
        indexing.remove_institution(pk)
