from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarConfig(AppConfig):
    name = "similar"
    verbose_name = _("Similar institutions")

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from wagtail.signals import page_published, page_unpublished

        from core.visibility import register_subject

        from .models import SimilarInstitution
        from .signals import on_published

        # A similar institution is listed only while both pages are public.
        register_subject(SimilarInstitution, "institution")
        register_subject(SimilarInstitution, "similar")
        page_published.connect(on_published, dispatch_uid="similar.published")
        page_unpublished.connect(on_published, dispatch_uid="similar.unpublished")
