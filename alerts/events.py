"""The events alerts announce, and their text in a subscriber's language.

An event is a kind and the id of what it is about (a Kyrgyz decision, or a self-assessment report),
so it can be queued as two plain values and rendered later, in each subscriber's language. An event
whose decision, report or institution is gone or no longer public (core.visibility) renders as None
and is not sent.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from accreditation.models import AccreditationDecisionPage
from core.visibility import is_visible
from selfassessment.models import SelfAssessmentReport

from .models import AnnouncedEvent

DECISION = "decision"
EXPIRING = "expiring"
EXPIRED = "expired"
REPORT = "report"
OVERDUE = "overdue"
KINDS = (DECISION, EXPIRING, EXPIRED, REPORT, OVERDUE)


@dataclass
class Rendered:
    institution: str
    text: str
    url: str


def remember(key):
    """Records an event as announced; False when it already was (nothing is announced twice)."""
    try:
        with transaction.atomic():
            AnnouncedEvent.objects.create(key=key[:120])
    except IntegrityError:
        return False
    return True


def absolute(url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.PUBLIC_BASE_URL.rstrip("/") + url


def in_language(page, language):
    """A page's version in a language, else the page itself (the Kyrgyz source)."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    return translated if translated is not None and translated.live and is_visible(translated) else page


def subject(kind, object_id):
    """(institution, decision or report) for an event, or None when it must not be announced."""
    if kind == REPORT:
        report = SelfAssessmentReport.objects.select_related("institution").filter(pk=object_id).first()
        if report is None or not report.published or not is_visible(report):
            return None
        institution, item = report.institution.specific, report
    else:
        decision = AccreditationDecisionPage.objects.select_related("institution").filter(pk=object_id).first()
        if decision is None or not decision.institution_id or not is_visible(decision):
            return None
        institution, item = decision.institution, decision
    if not is_visible(institution):
        return None
    return institution, item


def _date(value):
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def render(kind, object_id, language, today=None):
    """The event in a language (Rendered), or None when it must not be sent."""
    found = subject(kind, object_id)
    if found is None:
        return None
    institution, item = found
    today = today or date.today()
    with translation.override(language):
        profile = in_language(institution, language)
        url = absolute(profile.url)
        if kind == REPORT:
            text = _("Its self-assessment report for %(year)s is published.") % {"year": item.year}
        elif kind == DECISION:
            decision = in_language(item, language)
            url = absolute(decision.url) or url
            text = _("Accreditation decision No. %(number)s of %(date)s: %(outcome)s.") % {
                "number": item.number,
                "date": _date(item.decision_date),
                "outcome": item.get_outcome_display(),
            }
            if item.valid_until and item.outcome != AccreditationDecisionPage.Outcome.REFUSED:
                text += " " + _("Valid until %(date)s.") % {"date": _date(item.valid_until)}
        elif kind == EXPIRING:
            text = _("Its accreditation is valid until %(date)s: it ends in %(days)s days.") % {
                "date": _date(item.valid_until),
                "days": (item.valid_until - today).days,
            }
        elif kind == EXPIRED:
            text = _("Its accreditation expired on %(date)s.") % {"date": _date(item.valid_until)}
        else:  # OVERDUE
            decision = in_language(item, language)
            url = absolute(decision.url) or url
            text = _(
                "The report on removing the shortcomings named in decision No. %(number)s was due on %(date)s "
                "and has not been submitted."
            ) % {"number": item.number, "date": _date(item.remediation_due)}
        return Rendered(institution=profile.title, text=text, url=url)
