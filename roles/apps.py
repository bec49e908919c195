from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group

        from . import admin_language, audit, signals  # noqa: F401
        from .group_names import group_str

        # Every place that shows a group by str() shows it in the reader's language.
        Group.__str__ = group_str
