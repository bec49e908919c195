"""Questions the dashboards ask about this year's self-assessment."""

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
