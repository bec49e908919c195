from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the public-visibility rule, the download writer, cache plumbing."""

    name = "core"
    verbose_name = "Core"
