"""The site's home page."""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
)
from core import content_version, memo
from core.visibility import restricted_paths, visible
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage


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

    def route(self, request, path_components):
        """Wagtail's routing, without a query for the section page (directory, register, documents):
        the home page's children's ids and models, and each child asked for as its own model, are kept
        per process and content version (core.memo), which every publish or move changes. Each request
        routes through its own copy: a page object shared by concurrent requests would carry one
        request's attributes into another's."""
        if path_components:
            known = memo.remember_shared(("home-children", self.pk), self._children_by_slug).get(path_components[0])
            shared = memo.remember_shared(("home-child", *known), lambda: self._child(*known)) if known else None
            if shared is not None and shared.slug == path_components[0] and shared.path.startswith(self.path):
                child = copy.copy(shared)
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _children_by_slug(self):
        return {slug: (pk, kind) for slug, pk, kind in self.get_children().values_list("slug", "pk", "content_type")}

    @staticmethod
    def _child(pk, kind):
        model = ContentType.objects.get_for_id(kind).model_class()
        return model.objects.filter(pk=pk).first() if model else None

    def counts(self):
        """Institutions, programmes and regions with published institutions; cached under the content version."""
        key = content_version.cache_key("home-counts", self.locale_id)
        counts = cache.get(key)
        if counts is None:
            paths = restricted_paths()
            institutions = visible(InstitutionPage.objects.all(), self.locale, paths)
            counts = {
                "institution_count": institutions.count(),
                "programme_count": visible(ProgrammePage.objects.all(), self.locale, paths).count(),
                "region_count": institutions.order_by().values("region").distinct().count(),
            }
            cache.set(key, counts, settings.PUBLIC_CACHE_SECONDS)
        return counts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.counts())
        context["directory"] = visible(InstitutionIndexPage.objects.child_of(self)).order_by("pk").first()
        context.update(self.latest_publications())
        context["content_key"] = content_version.cache_key()
        context["cache_seconds"] = settings.PUBLIC_CACHE_SECONDS
        return context

    def latest_publications(self):
        """The latest accreditation decisions and ministry documents in this home page's language."""
        paths = restricted_paths()
        decisions = visible(AccreditationDecisionPage.objects.all(), self.locale, paths)
        documents = visible(MinistryDocumentPage.objects.all(), self.locale, paths)
        return {
            "latest_decisions": decisions.select_related("institution").order_by("-decision_date", "-pk")[:5],
            "latest_documents": documents.order_by("-date", "-pk")[:5],
            # Lazy: not looked up when the template's cached fragment is fresh.
            "decision_index": SimpleLazyObject(lambda: visible(DecisionIndexPage.objects.child_of(self)).first()),
            "document_index": SimpleLazyObject(
                lambda: visible(MinistryDocumentIndexPage.objects.child_of(self)).first()
            ),
        }
