"""Upkeep that Wagtail repeats on every save of a row, done once per row at the end of a bulk load.

A demo page is saved four to six times while it is made, published and translated, and each save
rewrote its search index entry and its reference index rows. Inside `upkeep_deferred()` those
handlers are off and the saved rows are noted; when the block ends without an error, each noted row
is indexed once (the search index in one batch per model). The handlers are process-wide, so this
is for management commands, not requests.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

NOTE_UID = "demo.deferred.note"
logger = logging.getLogger(__name__)


@contextmanager
def upkeep_deferred():
    saved = {}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault(sender, set()).add(instance.pk)

    searched = [model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(note, weak=False, dispatch_uid=NOTE_UID)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=NOTE_UID)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pks in saved.items():
        if model in searched:
            index_in_bulk(model, pks)
        if ReferenceIndex.is_indexed(model):
            for instance in model.objects.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(instance)


def index_in_bulk(model, pks):
    """What insert_or_update_object does for each row, with one add_bulk per class and backend
    instead of a lookup and an insert per row."""
    pks_by_class = defaultdict(set)
    for instance in model.objects.filter(pk__in=pks):
        indexed = instance.get_indexed_instance()
        if indexed is not None:
            pks_by_class[type(indexed)].add(indexed.pk)
    for indexed_class, indexed_pks in pks_by_class.items():
        objects = list(indexed_class.get_indexed_objects().filter(pk__in=indexed_pks))
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(indexed_class, objects)
            except Exception:
                # As insert_or_update_object: an external service's failure is logged, a database's raised.
                logger.exception(
                    "Exception raised while adding %s rows to the '%s' search backend", indexed_class, name
                )
                if not backend.catch_indexing_errors:
                    raise
