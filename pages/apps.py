from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from core import frontend_cache
        from roles.signals import register_ministry_page

        from .models import HomePage

        frontend_cache.register_list_page(HomePage)
        register_ministry_page(HomePage)  # the site's own pages go live after Ministry approval
