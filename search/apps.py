from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.health import register_check

        from .readiness import search_engine_check
        from .signals import connect

        connect()
        register_check("search", search_engine_check)
