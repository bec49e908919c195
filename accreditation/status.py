"""An institution's accreditation status, derived from its live institutional decisions.

The latest live, public institutional decision (by decision date) decides: refused; expired once its
`valid_until` has passed (the expiry day itself still counts as accredited); otherwise accredited,
with or without conditions. No decision: "none". Single institutions are worked out from their
decisions; queries over many read a stored copy of each one's deciding decision
(models.StoredAccreditation, kept by stored_status), and compare its validity with today.

Only the decisions in the source language (Kyrgyz, settings.LANGUAGE_CODE) count: decisions are
made in Kyrgyz and translated, and a translation may lag behind its source (a Russian copy not yet
updated to the corrected outcome). Decisions are matched on the institution's translation key, so
every language version of a profile, the directory, the search facet and the index agree.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionPage


class AccreditationStatus(models.TextChoices):
    """Status codes (used in URLs and search facets) and their labels, in one place."""

    ACCREDITED = "accredited", _("Accredited")
    CONDITIONAL = "conditional", _("Accredited with conditions")
    REFUSED = "refused", _("Accreditation refused")
    EXPIRED = "expired", _("Accreditation expired")
    NONE = "none", _("Not accredited yet")


# What each status means for a learner, in one sentence (every badge shows it), and its glossary term.
MEANINGS = {
    AccreditationStatus.ACCREDITED: _(
        "The state has checked this organization: its diplomas and certificates are recognized."
    ),
    AccreditationStatus.CONDITIONAL: _(
        "Its diplomas are recognized, but it must remove named shortcomings by a set date."
    ),
    AccreditationStatus.REFUSED: _(
        "It did not pass the state's check: ask how this affects your diploma before you enrol."
    ),
    AccreditationStatus.EXPIRED: _(
        "Its accreditation has run out: ask whether a new decision is on the way before you enrol."
    ),
    AccreditationStatus.NONE: _(
        "No accreditation decision has been published yet: ask the organization about its status."
    ),
}
GLOSSARY_SLUGS = {
    AccreditationStatus.ACCREDITED: "accredited",
    AccreditationStatus.CONDITIONAL: "accredited-with-conditions",
    AccreditationStatus.REFUSED: "accreditation-refused",
    AccreditationStatus.EXPIRED: "accreditation-expired",
    AccreditationStatus.NONE: "not-accredited-yet",
}


@dataclass(frozen=True)
class Status:
    code: str
    until: date | None = None  # the validity end, for accredited, conditional and expired
    decision: object = None  # the deciding AccreditationDecisionPage, when loaded

    @property
    def label(self):
        return AccreditationStatus(self.code).label

    @property
    def css_class(self):
        return f"status status--{self.code}"

    @property
    def meaning(self):
        return MEANINGS[AccreditationStatus(self.code)]

    @property
    def glossary_slug(self):
        return GLOSSARY_SLUGS[AccreditationStatus(self.code)]


def status_code(outcome, valid_until, today):
    """The status code for a latest decision's outcome and validity end (None: no decision)."""
    from .models import AccreditationDecisionPage as Decision

    if outcome is None:
        return AccreditationStatus.NONE
    if outcome == Decision.Outcome.REFUSED:
        return AccreditationStatus.REFUSED
    if valid_until is not None and valid_until < today:
        return AccreditationStatus.EXPIRED
    if outcome == Decision.Outcome.CONDITIONAL:
        return AccreditationStatus.CONDITIONAL
    return AccreditationStatus.ACCREDITED


def status_of_decision(decision, today=None):
    """The status that a decision (the institution's latest institutional one) gives, or "none"."""
    today = today or date.today()
    if decision is None:
        return Status(AccreditationStatus.NONE)
    code = status_code(decision.outcome, decision.valid_until, today)
    until = decision.valid_until if code != AccreditationStatus.REFUSED else None
    return Status(code, until, decision)


def is_source(decision):
    """Whether a decision is in the source language, the one whose decisions count."""
    return decision.locale.language_code == settings.LANGUAGE_CODE


def latest_institutional(decisions):
    """The deciding decision among already loaded ones (live, institutional, in the source language,
    newest by date). Load them with their locale (select_related) to avoid a query each."""
    from .models import AccreditationDecisionPage as Decision

    candidates = [d for d in decisions if d.live and d.kind == Decision.Kind.INSTITUTIONAL and is_source(d)]
    return max(candidates, key=lambda d: (d.decision_date, d.pk), default=None)


def source_institutional_decisions():
    """Live, public institutional decisions in the source language: the ones every status is derived
    from. A decision in a private section (a view restriction) does not decide the public status."""
    from .models import AccreditationDecisionPage as Decision

    return (
        Decision.objects.live()
        .public()
        .filter(kind=Decision.Kind.INSTITUTIONAL, locale__language_code=settings.LANGUAGE_CODE)
    )


def institutional_decisions_of(translation_key):
    return (
        source_institutional_decisions()
        .filter(institution__translation_key=translation_key)
        .order_by("-decision_date", "-pk")
    )


def status_for(institution, today=None) -> Status:
    """The accreditation status of one institution (two queries: the view restrictions, the decision)."""
    return status_of_decision(institutional_decisions_of(institution.translation_key).first(), today)


def annotate_accreditation(queryset, today=None):
    """Adds `accreditation_status` (an AccreditationStatus code) and `accreditation_until` to an
    InstitutionPage queryset, in the same SQL query: a join on the stored copy of the deciding
    decision (accreditation.stored_status keeps it equal to the decisions), expiry against today."""
    from .models import AccreditationDecisionPage as Decision

    today = today or date.today()
    queryset = queryset.annotate(
        accreditation_outcome=F("stored_accreditation__outcome"),
        accreditation_until=F("stored_accreditation__valid_until"),
    )
    return queryset.annotate(
        accreditation_status=Case(
            When(accreditation_outcome__isnull=True, then=Value(AccreditationStatus.NONE.value)),
            When(accreditation_outcome=Decision.Outcome.REFUSED, then=Value(AccreditationStatus.REFUSED.value)),
            When(accreditation_until__lt=today, then=Value(AccreditationStatus.EXPIRED.value)),
            When(
                accreditation_outcome=Decision.Outcome.CONDITIONAL,
                then=Value(AccreditationStatus.CONDITIONAL.value),
            ),
            default=Value(AccreditationStatus.ACCREDITED.value),
            output_field=CharField(),
        )
    )


def statuses_for(institutions, today=None) -> dict:
    """{institution pk: Status} for many institutions, in one query."""
    pks = [institution.pk for institution in institutions]
    rows = annotate_accreditation(InstitutionPage.objects.filter(pk__in=pks), today).values_list(
        "pk", "accreditation_status", "accreditation_until"
    )
    return {pk: Status(code, until if code != AccreditationStatus.REFUSED else None) for pk, code, until in rows}


def filter_by_status(queryset, code, today=None):
    """Institutions whose status is `code` (for a search filter); an unknown code matches nothing."""
    if code not in AccreditationStatus.values:
        return queryset.none()
    return annotate_accreditation(queryset, today).filter(accreditation_status=code)


def latest_outcomes(translation_keys=None) -> dict:
    """{institution translation key: (outcome, valid_until)} of the latest live institutional decision
    in the source language.

    One query over the decisions (far fewer rows than institutions), after Wagtail's one for the view
    restrictions: for search facets and the index.
    """
    decisions = source_institutional_decisions().filter(institution__isnull=False)
    if translation_keys is not None:
        decisions = decisions.filter(institution__translation_key__in=list(translation_keys))
    latest = {}
    rows = decisions.order_by("decision_date", "pk").values_list(
        "institution__translation_key", "outcome", "valid_until"
    )
    for key, outcome, valid_until in rows:  # oldest first: the last one seen per key wins
        latest[key] = (outcome, valid_until)
    return latest


def latest_programme_decision(programme):
    """(deciding, shown): the latest live programme decision in the source language that covers the
    programme (in any of its languages), and its live copy in the programme's language (else the
    decision itself) for the link. (None, None) without one. One query."""
    from .models import AccreditationDecisionPage as Decision

    latest = (
        Decision.objects.live()
        .public()
        .filter(
            kind=Decision.Kind.PROGRAMME,
            locale__language_code=settings.LANGUAGE_CODE,
            programmes__translation_key=programme.translation_key,
        )
        .order_by("-decision_date", "-pk")
        .values("translation_key")[:1]
    )
    copies = list(
        Decision.objects.live()
        .public()
        .filter(translation_key__in=latest)
        .filter(Q(locale__language_code=settings.LANGUAGE_CODE) | Q(locale_id=programme.locale_id))
        .select_related("locale")
    )
    deciding = next((d for d in copies if is_source(d)), None)
    if deciding is None:
        return None, None
    shown = next((d for d in copies if d.locale_id == programme.locale_id), deciding)
    return deciding, shown
