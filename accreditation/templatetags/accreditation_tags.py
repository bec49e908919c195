"""Accreditation status and decision history on institution profiles and in the directory."""

from django import template

from ..models import AccreditationDecisionPage
from ..status import latest_institutional, status_of_decision, statuses_for

register = template.Library()


def decisions_for_profile(institution):
    """All live decisions about the institution, newest first, in the institution's language where
    translated (else the source language's), loaded once per page object in one query."""
    cached = getattr(institution, "_accreditation_decisions", None)
    if cached is None:
        rows = (
            AccreditationDecisionPage.objects.live()
            .filter(institution__translation_key=institution.translation_key)
            .select_related("conclusion")
            .order_by("-decision_date", "-pk")
        )
        chosen = {}
        for decision in rows:
            current = chosen.get(decision.translation_key)
            if current is None or (decision.locale_id == institution.locale_id and current.locale_id != institution.locale_id):
                chosen[decision.translation_key] = decision
        cached = sorted(chosen.values(), key=lambda d: (d.decision_date, d.pk), reverse=True)
        institution._accreditation_decisions = cached
    return cached


@register.inclusion_tag("accreditation/status_badge.html")
def accreditation_status(institution):
    """The badge on the profile: status and, when it has one, its end date."""
    return {"status": status_of_decision(latest_institutional(decisions_for_profile(institution)))}


@register.inclusion_tag("accreditation/timeline.html", takes_context=True)
def accreditation_timeline(context, institution):
    return {"decisions": decisions_for_profile(institution), "request": context.get("request"), "institution": institution}


@register.simple_tag
def attach_accreditation(hits):
    """Sets `accreditation` (a Status) on each hit's page, for all of them in one query."""
    pages = [hit.page for hit in hits]
    statuses = statuses_for(pages) if pages else {}
    for page in pages:
        page.accreditation = statuses.get(page.pk)
    return ""
