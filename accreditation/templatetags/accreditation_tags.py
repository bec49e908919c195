"""Accreditation status and decision history on institution profiles and in the directory."""

from django import template

from core.visibility import visible

from ..models import AccreditationDecisionPage
from ..status import (
    is_source,
    latest_institutional,
    latest_programme_decision,
    status_of_decision,
    statuses_for,
)

register = template.Library()


def decisions_for_profile(institution):
    """The institution's live, public decisions in the source language, newest first, loaded once per page
    object in one query. The source decision's facts are shown (a translation may lag behind it);
    each has `shown`, its copy in the institution's language when live (else itself), for the link."""
    cached = getattr(institution, "_accreditation_decisions", None)
    if cached is None:
        rows = list(
            visible(AccreditationDecisionPage.objects.filter(institution__translation_key=institution.translation_key))
            .select_related("conclusion", "locale")
            .order_by("-decision_date", "-pk")
        )
        in_language = {d.translation_key: d for d in rows if d.locale_id == institution.locale_id}
        cached = [d for d in rows if is_source(d)]
        for decision in cached:
            decision.shown = in_language.get(decision.translation_key, decision)
        institution._accreditation_decisions = cached
    return cached


@register.inclusion_tag("accreditation/status_badge.html")
def accreditation_status(institution):
    """The badge on the profile: status and, when it has one, its end date."""
    return {"status": status_of_decision(latest_institutional(decisions_for_profile(institution))), "explain": True}


@register.inclusion_tag("accreditation/timeline.html", takes_context=True)
def accreditation_timeline(context, institution):
    return {
        "decisions": decisions_for_profile(institution),
        "request": context.get("request"),
        "institution": institution,
    }


@register.simple_tag
def attach_accreditation(hits):
    """Sets `accreditation` (a Status) on each hit's page, for all of them in one query."""
    pages = [hit.page for hit in hits]
    statuses = statuses_for(pages) if pages else {}
    for page in pages:
        page.accreditation = statuses.get(page.pk)
    return ""


@register.inclusion_tag("accreditation/programme_accreditation.html", takes_context=True)
def programme_accreditation(context, programme):
    """The programme page's accreditation: the latest programme decision covering it, or none yet."""
    deciding, shown = latest_programme_decision(programme)
    return {
        "request": context.get("request"),  # pageurl reuses the request's cached site paths
        "decision": deciding,
        "link": shown,
        "status": status_of_decision(deciding) if deciding else None,
    }
