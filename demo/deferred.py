"""Upkeep that Wagtail repeats on every save of a row, done once per row at the end of a bulk load.

A demo page is saved four to six times while it is made, published and translated, and each save
rewrote its search index entry and its reference index rows. Inside `upkeep_deferred()` those
handlers are off and the saved rows are noted; when the block ends without an error, each noted row
is indexed once. The handlers are process-wide, so this is for management commands, not requests.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

NOTE_UID = "demo.deferred.note"


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
        indexed, referenced = model in searched, ReferenceIndex.is_indexed(model)
        if not (indexed or referenced):
            continue
        for instance in model.objects.filter(pk__in=pks):
            if indexed:
                search_index.insert_or_update_object(instance)
            if referenced:
                ReferenceIndex.create_or_update_for_object(instance)
