"""Questions the dashboards ask about this year's self-assessment."""

from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionPage

from .models import SelfAssessmentReport


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
