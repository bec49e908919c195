from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audit import LOG_ACTIONS
from .dashboard import panels_for
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
    return [path("roles/invite-editor/", InviteEditorView.as_view(), name="roles_invite_editor")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INVITE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(_("Invite an editor"), reverse("roles_invite_editor"), icon_name="user", order=610)
