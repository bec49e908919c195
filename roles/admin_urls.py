"""Admin URLs that must be answered before Wagtail's own (config/urls.py includes this first).

Some Wagtail 7.4 views check less than the rest of the page admin:
- the "Page types usage" report names the most recently edited page of each type, with its draft title,
  to anyone who may edit any page, so an institution's editors would read other institutions' draft
  titles: only the ministry (and superusers) may open it;
- the workflow cancellation confirmation opens for any page: it now requires the right to edit the page;
- the explorer, bulk actions, copy, move confirmation and the page chooser: see roles/admin_guards.py.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellation
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from . import admin_guards
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
    path("pages/<int:parent_page_id>/", admin_guards.explore),
    path("pages/<int:parent_page_id>/results/", admin_guards.explore_results),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", admin_guards.bulk_action),
    path("pages/<int:page_id>/copy/", admin_guards.copy),
    path("pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", admin_guards.move_confirm),
    path("choose-page/", admin_guards.guarded(admin_guards.BrowseView.as_view())),
    path("choose-page/<int:parent_page_id>/", admin_guards.guarded(admin_guards.BrowseView.as_view())),
    path("choose-page/search/", admin_guards.guarded(admin_guards.SearchView.as_view())),
    path("choose-page/chosen-multiple/", admin_guards.guarded(admin_guards.ChosenMultipleView.as_view())),
]
