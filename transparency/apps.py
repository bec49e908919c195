from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency index"

    def ready(self):
        from wagtail.signals import page_published

        from .signals import on_published

        page_published.connect(on_published, dispatch_uid="transparency.score.published")
