from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = _("Transparency index")

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from wagtail.signals import page_published

        from roles.dashboard import register_sections

        from . import dashboard
        from .signals import on_published

        page_published.connect(on_published, dispatch_uid="transparency.score.published")
        # The role panels: the editor's checklist first, the scores after the other sections.
        register_sections("editor", 10, dashboard.editor_sections)
        register_sections("reviewer", 30, dashboard.reviewer_sections)
        register_sections("ministry", 30, dashboard.ministry_sections)
