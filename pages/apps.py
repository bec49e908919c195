from django.apps import AppConfig

from core import memo


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import content_version, frontend_cache
        from .models import HomePage

        content_version.connect()
        memo.set_version_source(content_version.current)
        frontend_cache.connect()
        frontend_cache.register_list_page(HomePage)
