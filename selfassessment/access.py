"""Who may do what with a self-assessment report. Every view asks `report_access`; nothing else decides.

- edit: the user can edit the institution's page (its own editors; reviewers and superusers too) and the
  report is a draft;
- view (read-only): anyone who could edit it while a draft, anyone who can publish the institution's page
  (the district's reviewers), the ministry, superusers;
- review (accept, return, publish on the profile): anyone who can publish the institution's page, or a
  superuser;
- nobody else reaches the report (403).
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale

from institutions.models import InstitutionPage

# The group the roles work creates for the ministry's Licensing and Accreditation Department.
MINISTRY_GROUP = "Ministry"


def is_ministry(user) -> bool:
    """Members of the "Ministry" group see every institution's reports (read-only unless page rights say more)."""
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_selfassessment_is_ministry", None)
    if cache is None:
        cache = user.groups.filter(name=MINISTRY_GROUP).exists()
        user._selfassessment_is_ministry = cache
    return cache


@dataclass(frozen=True)
class ReportAccess:
    view: bool = False
    edit: bool = False
    review: bool = False


NO_ACCESS = ReportAccess()


def institution_access(user, institution) -> tuple[bool, bool]:
    """(can edit, can publish) the institution's page."""
    if not user.is_authenticated or not user.is_active:
        return False, False
    permissions = institution.permissions_for_user(user)
    return permissions.can_edit(), permissions.can_publish()


def report_access(user, report) -> ReportAccess:
    """The single access rule for a report (see the module docstring)."""
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    can_edit, can_publish = institution_access(user, report.institution)
    review = can_publish or user.is_superuser
    view = can_edit or review or is_ministry(user)
    return ReportAccess(view=view, edit=view and can_edit and report.is_draft, review=review)


def may_create_report(user, institution) -> bool:
    """A report is started by someone who could edit it."""
    return institution_access(user, institution)[0]


def candidate_institutions(user):
    """Kyrgyz institution pages under the user's page permissions: a superset to check with the rules above."""
    pages = InstitutionPage.objects.filter(locale=Locale.get_default())
    if user.is_superuser or is_ministry(user):
        return pages
    paths = GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=["add_page", "change_page", "publish_page"]
    ).values_list("page__path", flat=True)
    condition = Q()
    for path in set(paths):
        condition |= Q(path__startswith=path)
    return pages.filter(condition) if condition else pages.none()


def visible_reports(user, queryset):
    """The reports of `queryset` the user may view, checked with `report_access` one by one."""
    institutions = candidate_institutions(user)
    reports = queryset.filter(institution__in=institutions).select_related("institution")
    return [report for report in reports if report_access(user, report).view]


def editable_institutions(user):
    return [page for page in candidate_institutions(user).order_by("title") if may_create_report(user, page)]
