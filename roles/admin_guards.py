"""Wagtail admin views that check less than an institution's editors need, wrapped (see roles/admin_urls.py).

Each wrapper refuses (PermissionDenied: the admin sends the user to the dashboard with a message) what the
user has no right to, then hands the request to Wagtail's own view unchanged.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.copy import copy as wagtail_copy
from wagtail.admin.views.pages.move import move_confirm as wagtail_move_confirm
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.permissions import page_permission_policy


def guarded(view):
    return require_admin_access(view)


# --- The page explorer ------------------------------------------------------------------------------------
# Wagtail lets anyone explore any page under their "explorable root", the common ancestor of the pages they
# have rights on; an editor of an institution with translations has rights in two language trees, so that
# root is the tree's root and every other institution's listing opened, with its draft title as the heading.

_explore = page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")
_explore_results = page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")


def _check_explorable(request, parent_page_id):
    page = get_object_or_404(Page, pk=parent_page_id)
    if not page_permission_policy.explorable_instances(request.user).filter(pk=page.pk).exists():
        raise PermissionDenied


@guarded
def explore(request, parent_page_id):
    _check_explorable(request, parent_page_id)
    return _explore(request, parent_page_id=parent_page_id)


@guarded
def explore_results(request, parent_page_id):
    _check_explorable(request, parent_page_id)
    return _explore_results(request, parent_page_id=parent_page_id)


# --- Bulk actions -----------------------------------------------------------------------------------------
# Wagtail's confirmation pages list the selected objects the user may not act on, by their draft titles, and
# a POST leaves them out silently. Here a selection with any such object is refused as a whole; a bulk move
# also needs the right to move each page to the chosen destination.


@guarded
def bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    bulk = action_class(request, model)
    ids = request.GET.getlist("id")
    if "all" in ids:
        ids = bulk.get_all_objects_in_listing_query(request.GET.get("childOf"))
    objects = bulk.get_queryset(model, ids)
    if any(not bulk.check_perm(obj) for obj in objects):
        raise PermissionDenied
    if isinstance(bulk, MoveBulkAction) and request.method == "POST" and request.POST.get("chooser"):
        destination = (
            Page.objects.filter(pk=request.POST["chooser"]).first() if request.POST["chooser"].isdigit() else None
        )
        if destination is None or any(
            not page.permissions_for_user(request.user).can_move_to(destination) for page in objects
        ):
            raise PermissionDenied
    return bulk.dispatch(request)


# --- Copying and moving into another institution ----------------------------------------------------------


@guarded
def copy(request, page_id):
    # Wagtail re-renders the form for a parent the user may not add to, showing that parent's draft title
    # (and fails on a parent id that does not exist): refuse both.
    if request.method == "POST":
        value = request.POST.get("new_parent_page", "")
        parent = Page.objects.filter(pk=value).first() if value.isdigit() else None
        if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
    return wagtail_copy(request, page_id)


@guarded
def move_confirm(request, page_to_move_id, destination_id):
    # Wagtail checks the destination only when the move is posted; its confirmation page named the
    # destination (by its draft title) first.
    page = get_object_or_404(Page, pk=page_to_move_id)
    destination = get_object_or_404(Page, pk=destination_id)
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return wagtail_move_confirm(request, page_to_move_id, destination_id)


# --- The page chooser -------------------------------------------------------------------------------------
# Choosers must offer other institutions' published pages (an editor links to them), but Wagtail shows every
# page, unpublished ones included, under its latest draft title. For pages outside the user's own rights the
# chooser shows only live pages (roles.wagtail_hooks) and their published titles (below).


def own_page_paths(user):
    """Paths of the pages the user holds any page permission on (their subtrees are the user's own)."""
    return {perm.page.path for perm in page_permission_policy.get_cached_permissions_for_user(user)}


def is_foreign(user, page, paths=None):
    if user.is_superuser:
        return False
    paths = own_page_paths(user) if paths is None else paths
    return not any(page.path.startswith(path) for path in paths)


def show_published_title(user, page, paths=None):
    """Makes the page (in memory) show its published title if it is not the user's own."""
    if page is not None and page.live and is_foreign(user, page, paths):
        page.draft_title = page.title
    return page


class PublishedTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        show_published_title(parent_context["request"].user, instance)
        return super().get_cell_context_data(instance, parent_context)


class PublishedParentTitleColumn(chooser.ParentPageColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        show_published_title(parent_context["request"].user, context.get("value"))
        return context


def published_title_columns(columns):
    replaced = []
    for column in columns:
        if type(column) is chooser.PageTitleColumn:
            column = PublishedTitleColumn(column.name, label=column.label, is_multiple_choice=column.is_multiple_choice)
        elif type(column) is chooser.ParentPageColumn:
            column = PublishedParentTitleColumn(column.name, label=column.label)
        replaced.append(column)
    return replaced


class BrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return published_title_columns(super().columns)


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return published_title_columns(super().columns)


class ChosenMultipleView(chooser.ChosenMultipleView):
    def render_chosen_response(self, result):
        paths = own_page_paths(self.request.user)
        pages = Page.objects.in_bulk([item["id"] for item in result])
        for item in result:
            page = pages.get(item["id"])
            if page is not None and page.live and is_foreign(self.request.user, page, paths):
                item["adminTitle"] = page.title
        return super().render_chosen_response(result)
