from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import content_version, frontend_cache
        from .models import HomePage

        content_version.connect()
        frontend_cache.connect()
        frontend_cache.register_list_page(HomePage)
