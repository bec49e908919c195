from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_guards import own_page_paths
from .audit import LOG_ACTIONS
from .dashboard import panels_for
from .translation_review import submit_translation
from .views import INVITE_PERMISSION, InviteEditorView


@hooks.register("register_log_actions")
def register_role_log_actions(actions):
    for action, formatter in LOG_ACTIONS.items():
        actions.register_action(action)(formatter)


@hooks.register("construct_homepage_panels")
def add_role_panels(request, panels):
    panels.extend(panels_for(request.user))


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path("roles/invite-editor/", InviteEditorView.as_view(), name="roles_invite_editor"),
        path("roles/translations/<int:translation_id>/submit/", submit_translation, name="roles_submit_translation"),
    ]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INVITE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(_("Invite an editor"), reverse("roles_invite_editor"), icon_name="user", order=610)


@hooks.register("construct_page_chooser_queryset")
def only_published_pages_of_others(pages, request):
    """Choosers offer the user's own pages as they are, and everyone else's only once published."""
    if request.user.is_superuser:
        return pages
    own = Q(live=True)
    for page_path in own_page_paths(request.user):
        own |= Q(path__startswith=page_path)
    return pages.filter(own)


@hooks.register("construct_reports_menu")
def hide_reports_others_may_not_open(request, menu_items):
    """The page types usage report is the ministry's (roles/admin_urls.py), and wagtail-localize's
    translations report refuses editors and reviewers: offering them would only lead to a refusal."""
    user = request.user
    if user.is_superuser or user.has_perm(INVITE_PERMISSION):
        return
    hidden = {reverse("wagtailadmin_reports:page_types_usage"), reverse("wagtail_localize:translations_report")}
    menu_items[:] = [item for item in menu_items if item.url not in hidden]
