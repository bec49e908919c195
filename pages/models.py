"""The site's home page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["institutions.InstitutionIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage

        context = super().get_context(request, *args, **kwargs)
        institutions = InstitutionPage.objects.live().filter(locale=self.locale)
        context["institution_count"] = institutions.count()
        context["programme_count"] = ProgrammePage.objects.live().filter(locale=self.locale).count()
        context["region_count"] = institutions.values("region").distinct().count()
        context["directory"] = InstitutionIndexPage.objects.live().child_of(self).first()
        return context
