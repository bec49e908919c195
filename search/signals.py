"""Keep the Elasticsearch index in step with what Wagtail publishes.

Only live pages are in the index: publishing (or moving) an institution writes it, unpublishing or
deleting removes it, publishing a programme refreshes its institution's qualifications, and a view
restriction over a decision refreshes its institution's accreditation status. Nothing
happens without ELASTICSEARCH_URL. The writes run as background tasks (search.tasks), enqueued so
that they only see committed data (core.tasks.enqueue_after_commit): publishing never waits for
Elasticsearch, and a failure is retried and logged, never shown to the editor; the next
rebuild_search_index repairs whatever is still missing.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from accreditation.models import AccreditationDecisionPage
from accreditation.stored_status import institutions_under
from core.tasks import enqueue_after_commit
from institutions.models import InstitutionPage, ProgrammePage
from selfassessment.models import SelfAssessmentReport

from . import tasks
from .es_client import is_configured

logger = logging.getLogger(__name__)


def _safely(action, *args):
    """Enqueue the index write (tasks.update_institution or tasks.remove_institution)."""
    if not is_configured():
        return
    try:
        enqueue_after_commit(getattr(tasks, action), *args)
    except Exception as error:  # noqa: BLE001 - a queue that cannot take the task must not break publishing
        logger.warning("Search index %s%s could not be queued: %s", action, args, error)


def _institution_ids(instance, **kwargs):
    """The institutions a signal about this page affects (a programme affects its institution)."""
    if isinstance(instance, InstitutionPage):
        return [instance.pk]

    if isinstance(instance, AccreditationDecisionPage):
        # A decision changes the accreditation of every language version of its institution.
        if not instance.institution_id:
            return []
        key = InstitutionPage.objects.filter(pk=instance.institution_id).values("translation_key")
        return list(InstitutionPage.objects.filter(translation_key__in=key).values_list("pk", flat=True))
    if isinstance(instance, ProgrammePage):
        ids = [instance.institution_id]
        parent_before = kwargs.get("parent_page_before")
        if parent_before is not None:
            ids.append(parent_before.pk)
        return [pk for pk in dict.fromkeys(ids) if pk]
    return []


def on_published_or_moved(sender, instance, **kwargs):
    for pk in _institution_ids(instance.specific_deferred, **kwargs):
        _safely("update_institution", pk)


def on_unpublished(sender, instance, **kwargs):

    specific = instance.specific_deferred
    for pk in _institution_ids(specific):
        if isinstance(specific, InstitutionPage):
            _safely("remove_institution", pk)
        else:
            _safely("update_institution", pk)


def on_institution_deleted(sender, instance, **kwargs):
    _safely("remove_institution", instance.pk)


def on_programme_deleted(sender, instance, **kwargs):
    # After the commit: when the institution itself is being deleted (its programmes go with it),
    # update_institution then finds no page and removes it rather than indexing a vanishing page.
    institution_id = instance.institution_id
    if institution_id:
        transaction.on_commit(lambda: _safely("update_institution", institution_id))


def on_decision_deleted(sender, instance, **kwargs):
    for pk in _institution_ids(instance):
        _safely("update_institution", pk)


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    """A decision put in or out of a private section changes its institution's public status."""
    if raw or not is_configured():
        return

    keys = institutions_under(instance.page_id)
    ids = set(InstitutionPage.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    # A programme put in or out of a private section changes the qualifications its institution awards.
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        ids |= set(ProgrammePage.objects.filter(path__startswith=page.path).values_list("institution_id", flat=True))
    for pk in ids - {None}:
        _safely("update_institution", pk)


def on_report_changed(sender, instance, raw=False, **kwargs):
    """A self-assessment report published, withdrawn or deleted changes the "report published" facet of
    every language version of its institution."""
    if raw or not is_configured():
        return

    key = InstitutionPage.objects.filter(pk=instance.institution_id).values("translation_key")
    ids = list(InstitutionPage.objects.filter(translation_key__in=key).values_list("pk", flat=True))
    transaction.on_commit(lambda: [_safely("update_institution", pk) for pk in ids])


def connect():
    from wagtail.models import PageViewRestriction

    page_published.connect(on_published_or_moved, dispatch_uid="search.index.published")
    post_page_move.connect(on_published_or_moved, dispatch_uid="search.index.moved")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.index.unpublished")
    post_delete.connect(on_institution_deleted, sender=InstitutionPage, dispatch_uid="search.index.deleted")
    post_delete.connect(on_programme_deleted, sender=ProgrammePage, dispatch_uid="search.index.programme-deleted")
    post_delete.connect(
        on_decision_deleted, sender=AccreditationDecisionPage, dispatch_uid="search.index.decision-deleted"
    )
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(on_report_changed, sender=SelfAssessmentReport, dispatch_uid=f"search.index.report-{name}")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search.index.restriction-{name}"
        )
