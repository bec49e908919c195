from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def sign_in_failure_urls():
    return [path("reports/sign-in-failures/", admin_views.sign_in_failures, name="signin_failures")]


class SignInFailuresMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_failures(request.user)


@hooks.register("register_reports_menu_item")
def sign_in_failures_menu_item():
    return SignInFailuresMenuItem(
        gettext_lazy("Sign-in failures"), reverse("signin_failures"), icon_name="lock", order=900
    )
