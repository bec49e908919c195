"""Events noticed as they happen: a decision published (new or changed), a self-assessment report
published. Each is announced after the commit that made it, so a rolled-back change announces nothing."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from accreditation.models import AccreditationDecisionPage
from selfassessment.models import SelfAssessmentReport

from . import events
from .delivery import announce

logger = logging.getLogger(__name__)


def announce_decision(decision_id):
    decision = AccreditationDecisionPage.objects.filter(pk=decision_id).select_related("locale").first()
    # Decisions are made in Kyrgyz; their translations are not news.
    if decision is None or decision.locale.language_code != settings.LANGUAGE_CODE or not decision.live:
        return 0
    if events.subject(events.DECISION, decision.pk) is None:
        return 0  # not public: not announced, and not remembered, so it is news once it is public
    # What a follower is told; a re-publish that changes none of it is not announced again.
    key = (
        f"decision:{decision.translation_key}:{decision.number}:{decision.decision_date}:{decision.outcome}:"
        f"{decision.valid_until}"
    )
    if not events.remember(key):
        return 0
    return announce(events.DECISION, decision.pk)


def announce_report(report_id):
    if events.subject(events.REPORT, report_id) is None or not events.remember(f"report:{report_id}"):
        return 0
    return announce(events.REPORT, report_id)


def _safely(function, object_id):
    """Runs after the editor's commit: a mail server that is down must not turn their publish into an
    error page. The failure is logged; the event stays remembered (not re-sent)."""
    try:
        function(object_id)
    except Exception:
        logger.exception("Alerts: announcing %s(%s) failed", function.__name__, object_id)


def _on_page_published(sender, instance, **kwargs):
    transaction.on_commit(partial(_safely, announce_decision, instance.pk))


def _on_report_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.published:
        transaction.on_commit(partial(_safely, announce_report, instance.pk))


def connect():
    page_published.connect(
        _on_page_published, sender=AccreditationDecisionPage, dispatch_uid="alerts.decision-published"
    )
    post_save.connect(_on_report_saved, sender=SelfAssessmentReport, dispatch_uid="alerts.report-saved")
