from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def remediation_urls():
    return [
        path("remediation/", admin_views.remediation_index, name="accreditation_remediation"),
        path("remediation/<int:decision_id>/report/", admin_views.submit_report, name="accreditation_remediation_submit"),
    ]


@hooks.register("register_admin_menu_item")
def remediation_menu_item():
    return MenuItem(_("Remediation reports"), reverse("accreditation_remediation"), icon_name="doc-full", order=250)
