from django.apps import AppConfig
from django.core.signals import request_finished, request_started

from . import memo


class CoreConfig(AppConfig):
    """What every app shares: the public-visibility rule, the download writer, cache plumbing."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        request_started.connect(memo.start, dispatch_uid="core.memo.start")
        request_finished.connect(memo.end, dispatch_uid="core.memo.end")
