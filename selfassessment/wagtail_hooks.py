from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from roles.membership import roles_of

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("self-assessment/", include(admin_urls, namespace="selfassessment"))]


class SelfAssessmentMenuItem(MenuItem):
    def is_shown(self, request):
        # Institution editors, district reviewers, the ministry and superusers.
        return roles_of(request.user).has_any


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SelfAssessmentMenuItem(
        _("Self-assessment"), reverse("selfassessment:index"), icon_name="doc-full", order=350
    )
