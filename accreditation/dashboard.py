"""What the admin dashboards ask the accreditation app: expiring accreditations, overdue remediation,
remediation reports waiting for a reviewer, an institution's remediation deadlines; and the sections
it adds to the reviewers' and the ministry's panels (registered in accreditation.apps)."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from institutions.models import InstitutionPage
from roles.dashboard import section
from roles.deadlines import Deadline

from .dates import EXPIRING_SOON_DAYS
from .models import AccreditationDecisionPage, RemediationReport, with_remediation_flags
from .status import AccreditationStatus, annotate_accreditation

Remediation = AccreditationDecisionPage.Remediation


def expiring_accreditations(today, days=EXPIRING_SOON_DAYS, institutions=None):
    """Kyrgyz institution pages (of `institutions`, else all) whose accreditation (their latest live
    institutional decision) ends within `days`, soonest first, with `accreditation_until` and
    `accreditation_status` (one query)."""
    if institutions is None:
        institutions = InstitutionPage.objects.all()
    institutions = institutions.filter(locale=Locale.get_default())
    return (
        annotate_accreditation(institutions, today)
        .filter(
            accreditation_status__in=[AccreditationStatus.ACCREDITED, AccreditationStatus.CONDITIONAL],
            accreditation_until__gte=today,
            accreditation_until__lte=today + timedelta(days=days),
        )
        .order_by("accreditation_until", "title")
    )


def live_decisions():
    """Live decisions of the default language (translations share their remediation by translation key)."""
    return with_remediation_flags(
        AccreditationDecisionPage.objects.live().filter(locale=Locale.get_default())
    ).select_related("institution")


def overdue_remediations(today, institutions=None):
    """Live decisions (about `institutions`, else any) whose remediation report is past due and not
    submitted, longest overdue first."""
    candidates = live_decisions().filter(remediation_due__lt=today, has_remediation_report=False)
    if institutions is not None:
        candidates = candidates.filter(institution__translation_key__in=institutions.values("translation_key"))
    return [
        decision
        for decision in candidates.order_by("remediation_due", "pk")
        if decision.remediation_status(today) == Remediation.OVERDUE
    ]


def reports_awaiting_review(institutions=None):
    """Remediation reports on live decisions (about `institutions`, else any) that no reviewer has
    accepted or returned yet, oldest first."""
    reports = RemediationReport.objects.filter(
        review_state=RemediationReport.Review.SUBMITTED,
        decision__in=AccreditationDecisionPage.objects.live().filter(locale=Locale.get_default()),
    )
    if institutions is not None:
        reports = reports.filter(decision__institution__translation_key__in=institutions.values("translation_key"))
    return list(reports.select_related("decision").order_by("submitted_at", "pk"))


def accreditation_expiry_deadlines(institution, today):
    """Deadline source for the editors' dashboard: the institution's accreditation, when it ends within
    90 days (a new accreditation must be applied for)."""
    expiring = expiring_accreditations(
        today, institutions=InstitutionPage.objects.filter(translation_key=institution.translation_key)
    ).first()
    if expiring is None:
        return []
    return [Deadline(_("Accreditation ends"), expiring.accreditation_until)]


def remediation_deadlines(institution, today):
    """Deadline source for the editors' dashboard (roles.deadlines): each decision on the institution whose
    remediation report is still to be submitted (pending or overdue)."""
    decisions = live_decisions().filter(
        institution__translation_key=institution.translation_key, has_remediation_report=False
    )
    deadlines = []
    for decision in decisions:
        status = decision.remediation_status(today)
        if status not in (Remediation.PENDING, Remediation.OVERDUE, Remediation.UNDER_REVIEW):
            continue
        deadlines.append(
            Deadline(
                _("Remediation report for decision No. %(number)s") % {"number": decision.number},
                decision.remediation_due,
                # Submitted and waiting for the reviewer: the institution's part is done for now.
                note=_("Submitted, waiting for review") if status == Remediation.UNDER_REVIEW else "",
                url=reverse("accreditation_remediation_submit", args=[decision.pk]),
                done=status == Remediation.UNDER_REVIEW,
            )
        )
    return deadlines


def accreditation_sections(today, institutions=None):
    """Accreditations ending within 90 days, remediation reports waiting for a review and those past
    their due date (of `institutions`, else of all)."""
    expiring = [
        {
            "title": institution.title,
            "edit_id": institution.pk,
            "date": institution.accreditation_until,
            "note": _("%(days)s days left") % {"days": (institution.accreditation_until - today).days},
        }
        for institution in expiring_accreditations(today, institutions=institutions)
    ]
    overdue = [
        {
            "title": decision.display_institution,
            "edit_id": decision.institution_id,
            "date": decision.remediation_due,
            "note": _("Decision No. %(number)s; %(days)s days overdue")
            % {"number": decision.number, "days": (today - decision.remediation_due).days},
        }
        for decision in overdue_remediations(today, institutions=institutions)
    ]
    awaiting = [
        {
            "deadline": Deadline(
                _("Decision No. %(number)s: %(institution)s")
                % {"number": report.decision.number, "institution": report.decision.display_institution},
                report.submitted_at.date(),
                note=_("Remediation report submitted, waiting for review"),
                url=reverse("accreditation_remediation_review", args=[report.pk]),
                done=True,
            ),
            "overdue": False,
        }
        for report in reports_awaiting_review(institutions)
    ]
    return [
        section(_("Accreditations expiring within 90 days"), "dated", expiring, _("No accreditation expires soon.")),
        section(
            _("Remediation reports waiting for review"),
            "deadlines",
            awaiting,
            _("No remediation report is waiting for review."),
        ),
        section(_("Overdue remediation reports"), "dated", overdue, _("No remediation report is overdue.")),
    ]


def reviewer_sections(institutions, today):
    """The accreditation sections of a review area's panel: its institutions only."""
    return accreditation_sections(today, institutions)
