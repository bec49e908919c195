from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_language, audit, signals  # noqa: F401
