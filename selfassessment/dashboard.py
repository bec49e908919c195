"""Questions the dashboards ask about this year's self-assessment, and the sections and deadline it
adds to the role panels (registered in selfassessment.apps)."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionPage
from roles.dashboard import in_default_language, section
from roles.deadlines import Deadline

from .models import SelfAssessmentReport

# The ministry's list of institutions with this year's self-assessment report stops here (the
# Self-assessment menu lists them all).
REPORTS_LISTED = 20
# Order No. 1482/1 asks for a self-assessment every year but names no date; the ministry's chosen
# annual due date (month, day) is this setting.
SELF_ASSESSMENT_DUE = getattr(settings, "SELF_ASSESSMENT_DUE", (5, 31))


def institutions_with_report(year, statuses=None):
    """Kyrgyz institution pages that have a report for `year` (in any of `statuses`; default: any status)."""
    reports = SelfAssessmentReport.objects.filter(year=year)
    if statuses:
        reports = reports.filter(status__in=statuses)
    return InstitutionPage.objects.filter(pk__in=reports.values("institution_id"))


def report_status_by_institution(year, institutions=None) -> dict[int, str]:
    """{institution page id: report status} for `year`, in one query; institutions without one are absent."""
    reports = SelfAssessmentReport.objects.filter(year=year)
    if institutions is not None:
        reports = reports.filter(institution__in=institutions)
    return dict(reports.values_list("institution_id", "status"))


# What the dashboards say about one institution's report of a year.
REPORT_STATES = {
    "none": _("Not started"),
    "draft": _("Draft"),
    "returned": _("Returned with comments"),
    "submitted": _("Submitted, waiting for review"),
    "accepted": _("Accepted"),
}


def report_state(report) -> str:
    """A key of REPORT_STATES for a report (or None: no report)."""
    if report is None:
        return "none"
    if report.is_draft:
        return "returned" if report.review_comments else "draft"
    return report.status


def reports_by_institution(year, institutions) -> dict:
    """{institution page id: report} of `year` for the given (Kyrgyz) institution pages, in one query."""
    reports = SelfAssessmentReport.objects.filter(year=year, institution__in=institutions)
    return {report.institution_id: report for report in reports}


def submitted_reports(institutions):
    """Submitted reports of any year, waiting for a reviewer's decision, oldest submission first."""
    return (
        SelfAssessmentReport.objects.filter(status=SelfAssessmentReport.Status.SUBMITTED, institution__in=institutions)
        .select_related("institution")
        .order_by("submitted_at", "pk")
    )


def reviewer_report_sections(institutions, today):
    """This year's self-assessment per institution, and the submitted reports waiting for a review."""
    institutions = list(institutions.order_by("title"))
    reports = reports_by_institution(today.year, institutions)
    rows = []
    for institution in institutions:
        report = reports.get(institution.pk)
        rows.append({"title": institution.title, "report": report, "state": REPORT_STATES[report_state(report)]})
    return [
        section(
            _("Self-assessment reports waiting for your review"),
            "reports",
            [
                {"title": r.institution_name, "report": r, "state": _("Submitted for %(year)s") % {"year": r.year}}
                for r in submitted_reports(institutions)
            ],
            _("No self-assessment report is waiting for review."),
        ),
        section(
            _("Self-assessment %(year)s by institution") % {"year": today.year},
            "reports",
            rows,
            _("No institutions yet."),
        ),
    ]


def ministry_report_sections(today):
    """Which institutions have this year's self-assessment report (and how far it got)."""
    with_report = list(in_default_language(institutions_with_report(today.year)).order_by("title"))
    total = in_default_language(InstitutionPage.objects.all()).count()
    reports = reports_by_institution(today.year, with_report[:REPORTS_LISTED])
    rows = [
        {"title": page.title, "report": reports[page.pk], "state": REPORT_STATES[report_state(reports[page.pk])]}
        for page in with_report[:REPORTS_LISTED]
    ]
    heading = _("Self-assessment %(year)s: %(count)s of %(total)s institutions have a report") % {
        "year": today.year,
        "count": len(with_report),
        "total": total,
    }
    result = section(heading, "reports", rows, _("No institution has a report for this year yet."))
    if len(with_report) > REPORTS_LISTED:
        result["more"] = _("and %(count)s more") % {"count": len(with_report) - REPORTS_LISTED}
    return [result]


def self_assessment_deadline(institution, today):
    """This year's report: due on SELF_ASSESSMENT_DUE, done once submitted (or accepted)."""
    month, day = SELF_ASSESSMENT_DUE
    report = reports_by_institution(today.year, [institution]).get(institution.pk)
    state = report_state(report)
    return [
        Deadline(
            _("Self-assessment report %(year)s") % {"year": today.year},
            date(today.year, month, day),
            note=REPORT_STATES[state],
            url=reverse("selfassessment:edit", args=[report.pk]) if report else reverse("selfassessment:create"),
            done=state in ("submitted", "accepted"),
        )
    ]
