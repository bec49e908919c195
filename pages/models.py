"""The site's home page."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "institutions.InstitutionIndexPage",
        "accreditation.DecisionIndexPage",
        "accreditation.MinistryDocumentIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def counts(self):
        """Institutions, programmes and regions with published institutions; cached under the content version."""
        from django.conf import settings

        from institutions.models import InstitutionPage, ProgrammePage

        from . import content_version

        key = content_version.cache_key("home-counts", self.locale_id)
        counts = cache.get(key)
        if counts is None:
            institutions = InstitutionPage.objects.live().filter(locale=self.locale)
            counts = {
                "institution_count": institutions.count(),
                "programme_count": ProgrammePage.objects.live().filter(locale=self.locale).count(),
                "region_count": institutions.order_by().values("region").distinct().count(),
            }
            cache.set(key, counts, settings.PUBLIC_CACHE_SECONDS)
        return counts

    def get_context(self, request, *args, **kwargs):
        from institutions.models import InstitutionIndexPage

        from . import content_version

        context = super().get_context(request, *args, **kwargs)
        context.update(self.counts())
        context["directory"] = InstitutionIndexPage.objects.live().child_of(self).order_by("pk").first()
        context.update(self.latest_publications())
        context["content_key"] = content_version.cache_key()
        context["cache_seconds"] = settings.PUBLIC_CACHE_SECONDS
        return context

    def latest_publications(self):
        """The latest accreditation decisions and ministry documents in this home page's language."""
        from accreditation.models import (
            AccreditationDecisionPage,
            DecisionIndexPage,
            MinistryDocumentIndexPage,
            MinistryDocumentPage,
        )

        decisions = AccreditationDecisionPage.objects.live().filter(locale=self.locale)
        documents = MinistryDocumentPage.objects.live().filter(locale=self.locale)
        return {
            "latest_decisions": decisions.select_related("institution").order_by("-decision_date", "-pk")[:5],
            "latest_documents": documents.order_by("-date", "-pk")[:5],
            # Lazy: not looked up when the template's cached fragment is fresh.
            "decision_index": SimpleLazyObject(lambda: DecisionIndexPage.objects.live().child_of(self).first()),
            "document_index": SimpleLazyObject(lambda: MinistryDocumentIndexPage.objects.live().child_of(self).first()),
        }


class ContentVersion(models.Model):
    """One row whose number changes whenever public content may have changed (pages.content_version).

    It lives in the database, not in the cache, so every server process sees a change at once, even
    with a per-process cache."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")
