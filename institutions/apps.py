from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = "Institutions"

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from core.frontend_cache import register_list_page

        from . import signals  # noqa: F401
        from .models import InstitutionIndexPage

        register_list_page(InstitutionIndexPage)  # the directory lists every institution
