"""Who may do what with a self-assessment report. Every view asks `report_access`; nothing else decides.

Access follows the roles (roles.membership), not page permissions: district reviewers hold "change" on
their institutions' pages only to open them, and the ministry edits the whole tree.

- edit: the institution's own editors (its editors group), while the report is a draft;
- view (read-only): those editors, the reviewers of the institution's district, the ministry;
- review (accept, return, publish on the profile): the reviewers of the institution's district only;
- superusers may do everything; nobody else reaches the report (403).
"""

from dataclasses import dataclass

from wagtail.models import Locale

from institutions.models import InstitutionPage
from roles.membership import roles_of


@dataclass(frozen=True)
class ReportAccess:
    view: bool = False
    edit: bool = False
    review: bool = False


NO_ACCESS = ReportAccess()


def report_access(user, report, roles=None) -> ReportAccess:
    """The single access rule for a report (see the module docstring); pass `roles` when checking many."""
    roles = roles or roles_of(user)
    institution = report.institution
    if roles.superuser:
        return ReportAccess(view=True, edit=report.is_draft, review=True)
    editor = roles.edits(institution)
    reviewer = roles.reviews(institution)
    return ReportAccess(
        view=editor or reviewer or roles.ministry,
        edit=editor and report.is_draft,
        review=reviewer,
    )


def may_create_report(user, institution, roles=None) -> bool:
    """A report is started by the institution's own editors (or a superuser)."""
    roles = roles or roles_of(user)
    return roles.superuser or roles.edits(institution)


def candidate_institutions(user, roles=None):
    """Kyrgyz institution pages whose reports the user may see (reports belong to the Kyrgyz page)."""
    roles = roles or roles_of(user)
    pages = InstitutionPage.objects.filter(locale=Locale.get_default())
    if roles.superuser or roles.ministry:
        return pages
    return pages.filter(roles.institutions_filter())


def visible_reports(user, queryset):
    """The reports of `queryset` the user may view, checked with `report_access` one by one."""
    roles = roles_of(user)
    reports = queryset.filter(institution__in=candidate_institutions(user, roles)).select_related(
        "institution__district", "institution__region"
    )
    return [report for report in reports if report_access(user, report, roles).view]


def editable_institutions(user):
    roles = roles_of(user)
    pages = InstitutionPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if roles.superuser:
        return list(pages)
    return list(pages.filter(translation_key__in=list(roles.institution_keys)))
