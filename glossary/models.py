"""Plain-words glossary: each term one sentence a parent understands, editable and translatable."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class GlossaryTerm(TranslatableMixin, models.Model):
    term = models.CharField(_("term"), max_length=120)
    # Templates name a term by its slug ({% glossary_term "accreditation" %}); the same in every language.
    slug = models.SlugField(_("slug"), max_length=60)
    explanation = models.TextField(
        _("plain explanation"), max_length=400, help_text=_("One sentence, in words a parent understands.")
    )

    panels = [FieldPanel("term"), FieldPanel("slug"), FieldPanel("explanation")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_glossary_slug_per_locale"),
        ]

    def __str__(self):
        return self.term
