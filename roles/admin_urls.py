"""Admin URLs that must be answered before Wagtail's own (config/urls.py includes this first).

Two Wagtail 7.4 views check less than the rest of the page admin:
- the "Page types usage" report names the most recently edited page of each type, with its draft title,
  to anyone who may edit any page, so an institution's editors would read other institutions' draft
  titles: only the ministry (and superusers) may open it;
- the workflow cancellation confirmation opens for any page: it now requires the right to edit the page.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellation
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from .views import INVITE_PERMISSION


def ministry_only(view):
    def checked(request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm(INVITE_PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(checked)


def page_editors_only(view):
    def checked(request, page_id, *args, **kwargs):
        perms = get_object_or_404(Page, pk=page_id).permissions_for_user(request.user)
        if not (perms.can_edit() or perms.can_publish()):
            raise PermissionDenied
        return view(request, *args, page_id=page_id, **kwargs)

    return require_admin_access(checked)


urlpatterns = [
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        page_editors_only(ConfirmWorkflowCancellation.as_view()),
    ),
    path("reports/page-types-usage/", ministry_only(PageTypesUsageReportView.as_view())),
    path("reports/page-types-usage/results/", ministry_only(PageTypesUsageReportView.as_view(results_only=True))),
]
