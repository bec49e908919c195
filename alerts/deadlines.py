"""The daily check for what no save announces: accreditations ending within 90 days or just ended,
remediation reports just overdue. Each is remembered (AnnouncedEvent), so a second run the same day,
or the next day, announces nothing new. Only recent passings are news: an accreditation that expired,
or a report that fell due, more than RECENT_DAYS ago is not announced (the first run after
installing would otherwise send years of old news)."""

from datetime import date, timedelta

from django.conf import settings

from accreditation.models import AccreditationDecisionPage, StoredAccreditation, with_remediation_flags
from core.visibility import visible
from institutions.models import InstitutionPage

from . import events
from .delivery import announce

EXPIRY_WINDOW_DAYS = 90
RECENT_DAYS = 30


def _source(queryset):
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def check(today=None):
    """Announces the day's expiry and overdue events; returns (events announced, e-mails sent)."""
    today = today or date.today()
    found = []
    Outcome = AccreditationDecisionPage.Outcome
    stored = StoredAccreditation.objects.filter(
        institution__locale__language_code=settings.LANGUAGE_CODE,
        institution__in=visible(_source(InstitutionPage.objects.all())),
        outcome__in=[Outcome.ACCREDITED, Outcome.CONDITIONAL],
        valid_until__gte=today - timedelta(days=RECENT_DAYS),
        valid_until__lte=today + timedelta(days=EXPIRY_WINDOW_DAYS),
    ).select_related("decision")
    for row in stored:
        kind = events.EXPIRED if row.valid_until < today else events.EXPIRING
        found.append((kind, row.decision_id, f"{kind}:{row.decision.translation_key}:{row.valid_until}"))
    decisions = with_remediation_flags(visible(_source(AccreditationDecisionPage.objects.all()))).filter(
        remediation_due__lt=today,
        remediation_due__gte=today - timedelta(days=RECENT_DAYS),
    )
    for decision in decisions:
        if decision.remediation_status(today) == AccreditationDecisionPage.Remediation.OVERDUE:
            found.append(
                (events.OVERDUE, decision.pk, f"overdue:{decision.translation_key}:{decision.remediation_due}")
            )
    announced = sent = 0
    for kind, object_id, key in found:
        if events.subject(kind, object_id) is not None and events.remember(key):
            announced += 1
            sent += announce(kind, object_id)
    return announced, sent
