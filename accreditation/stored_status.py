"""Keeping accreditation.models.StoredAccreditation equal to what the decisions say.

The deciding decision of an institution changes when a decision about it is saved (publishing and
unpublishing save the page), deleted or pointed at another institution, or put in or out of a
private section (a view restriction on it or an ancestor), and a new language version of an
institution needs its own row. Each of those refreshes the rows of the institutions concerned (all their language
versions) from the decisions themselves (accreditation.status: the latest live institutional
decision in the source language). Bulk writers call refresh() for everything.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from core import content_version, upkeep
from institutions.models import InstitutionPage

BATCH = "accreditation.stored"  # core.upkeep: a bulk load refreshes each institution once


def refresh(translation_keys=None):
    """Rewrite the stored rows of the institutions with these translation keys (None: of all)."""
    from .models import StoredAccreditation
    from .status import source_institutional_decisions

    decisions = source_institutional_decisions().exclude(institution=None)
    pages = InstitutionPage.objects.all()
    stored = StoredAccreditation.objects.all()
    if translation_keys is not None:
        keys = {key for key in translation_keys if key}
        if not keys:
            return
        decisions = decisions.filter(institution__translation_key__in=keys)
        pages = pages.filter(translation_key__in=keys)
        stored = stored.filter(institution__translation_key__in=keys)
    latest = {}
    rows = decisions.order_by("decision_date", "pk").values_list(
        "institution__translation_key", "pk", "outcome", "valid_until"
    )
    for key, decision_id, outcome, valid_until in rows:  # oldest first: the last one per key wins
        latest[key] = (decision_id, outcome, valid_until)
    with transaction.atomic():
        # A raw delete: the stored rows have no dependants, and a signal per row would move the
        # content version thousands of times; it is moved once below.
        stored._raw_delete(stored.db)
        StoredAccreditation.objects.bulk_create(
            [
                StoredAccreditation(
                    institution_id=pk, decision_id=latest[key][0], outcome=latest[key][1], valid_until=latest[key][2]
                )
                for pk, key in pages.values_list("pk", "translation_key")
                if key in latest
            ],
            batch_size=500,
        )
        content_version.bump()  # bulk_create sends no post_save


def _keys_of_decision(decision):
    """The institutions a decision's change concerns: the one it names and the ones it decided before."""
    from .models import StoredAccreditation

    keys = set(
        StoredAccreditation.objects.filter(decision_id=decision.pk).values_list(
            "institution__translation_key", flat=True
        )
    )
    if decision.institution_id:
        keys.update(
            InstitutionPage.objects.filter(pk=decision.institution_id).values_list("translation_key", flat=True)
        )
    return keys


def _on_decision_saved(sender, instance, raw=False, **kwargs):
    # Publishing and unpublishing save the page; so do factories and code that add live pages.
    if not raw:
        upkeep.run_or_batch(BATCH, refresh, _keys_of_decision(instance))


def _on_institution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        upkeep.run_or_batch(BATCH, refresh, [instance.translation_key])  # a new language version gets its row


def _before_decision_deleted(sender, instance, **kwargs):
    instance._stored_keys = _keys_of_decision(instance)  # its rows go with it, in the same delete


def _after_decision_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_stored_keys", ()))


def institutions_under(page_id):
    """Translation keys of the institutions that decisions at or below a page are about."""
    from wagtail.models import Page

    from .models import AccreditationDecisionPage as Decision

    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is None:  # the restriction went with its page: the decisions' own deletes refresh
        return set()
    decisions = Decision.objects.filter(path__startswith=page.path, institution__isnull=False)
    return set(decisions.values_list("institution__translation_key", flat=True))


def _on_restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(institutions_under(instance.page_id))


def connect():
    from wagtail.models import PageViewRestriction

    from .models import AccreditationDecisionPage as Decision

    post_save.connect(_on_decision_saved, sender=Decision, dispatch_uid="accreditation.stored.decision-saved")
    post_save.connect(
        _on_institution_saved, sender=InstitutionPage, dispatch_uid="accreditation.stored.institution-saved"
    )
    pre_delete.connect(_before_decision_deleted, sender=Decision, dispatch_uid="accreditation.stored.pre-delete")
    post_delete.connect(_after_decision_deleted, sender=Decision, dispatch_uid="accreditation.stored.post-delete")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        uid = f"accreditation.stored.restriction-{name}"
        signal.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
