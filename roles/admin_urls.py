"""Admin URLs that must be answered before Wagtail's own (config/urls.py includes this first).

Wagtail's "Page types usage" report names the most recently edited page of each type, with its draft
title, to anyone who may edit any page: an institution's editors would read other institutions' draft
titles. Only the ministry (and superusers) may open it.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from .views import INVITE_PERMISSION


def ministry_only(view):
    def checked(request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm(INVITE_PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(checked)


urlpatterns = [
    path("reports/page-types-usage/", ministry_only(PageTypesUsageReportView.as_view())),
    path("reports/page-types-usage/results/", ministry_only(PageTypesUsageReportView.as_view(results_only=True))),
]
