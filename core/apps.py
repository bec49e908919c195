from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the content version and cache keys, response headers, the download
    writer, the public-visibility rule, rich-text features, background tasks, catalogues."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import content_version, frontend_cache

        content_version.connect()
        frontend_cache.connect()
