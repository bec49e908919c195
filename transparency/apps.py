from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = _("Transparency index")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import on_published

        page_published.connect(on_published, dispatch_uid="transparency.score.published")
