from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .models import IMPORT_PERMISSION


@hooks.register("register_admin_urls")
def registry_urls():
    return [path("registry-import/", views.import_institutions, name="registry_import")]


class RegistryImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def registry_menu_item():
    return RegistryImportMenuItem(
        _("Registry import"), reverse("registry_import"), icon_name="upload", order=850, name="registry-import"
    )


@hooks.register("register_permissions")
def registry_permissions():
    """Lets an administrator give the import permission to a group (e.g. the ministry's) in Wagtail."""
    app_label, codename = IMPORT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
