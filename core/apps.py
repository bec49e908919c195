from django.apps import AppConfig
from django.core.signals import request_finished, request_started

from . import memo


class CoreConfig(AppConfig):
    """What every app shares: the content version and cache keys, response headers, the download
    writer, the public-visibility rule, rich-text features, background tasks, catalogues."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import content_version, frontend_cache

        content_version.connect()
        frontend_cache.connect()
        memo.set_version_source(content_version.current)
        request_started.connect(memo.start, dispatch_uid="core.memo.start")
        request_finished.connect(memo.end, dispatch_uid="core.memo.end")
