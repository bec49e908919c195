from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from core.health import register_check
        from institutions import search_hooks
        from transparency.stored_scores import register_search_index

        from .directory_context import directory_context
        from .es_client import is_configured
        from .indexing import reindex_institutions
        from .names import institution_search_names, institution_title_keys, refresh_translations_search_names
        from .readiness import search_engine_check
        from .signals import connect

        connect()
        register_check("search", search_engine_check)
        # The lower apps ask search through these, never by importing it (docs/architecture.md).
        search_hooks.register_directory_context(directory_context)
        search_hooks.register_search_names(
            institution_search_names, refresh_translations_search_names, institution_title_keys
        )
        register_search_index(is_configured, reindex_institutions)
