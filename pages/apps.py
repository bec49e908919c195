from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from core import frontend_cache

        from .models import HomePage

        frontend_cache.register_list_page(HomePage)
