"""The ministry's documents (orders, notices) and their files, under their own index page."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.rich_text import DOCUMENT_FEATURES, TEXT_FEATURES
from core.visibility import visible


class MinistryDocumentIndexPage(Page):
    """The ministry's orders and notices (/documents/)."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["accreditation.MinistryDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ministry documents")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = visible(MinistryDocumentPage.objects.child_of(self)).order_by("-date", "-pk")
        return context


class MinistryDocumentPage(Page):
    """An order or notice of the ministry, e.g. Order 1482/1."""

    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))
    body = RichTextField(_("text"), blank=True, features=DOCUMENT_FEATURES)

    parent_page_types = ["accreditation.MinistryDocumentIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("body"),
        InlinePanel("files", heading=_("Files"), label=_("File")),
    ]
    search_fields = Page.search_fields + [index.SearchField("number"), index.SearchField("body")]

    class Meta:
        verbose_name = _("ministry document")
        verbose_name_plural = _("ministry documents")
        indexes = [models.Index(fields=["date"], name="ministry_document_date_idx")]

    def clean(self):
        super().clean()
        if self.date and self.date > date.today():
            raise ValidationError({"date": _("The document date cannot be in the future.")})


class MinistryDocumentFile(Orderable):
    page = ParentalKey(MinistryDocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
