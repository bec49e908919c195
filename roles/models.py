"""Which Django group belongs to which institution or review area.

Groups are made by the system (roles.groups), never by hand. They are found through these rows, keyed
by translation keys, so renaming an institution or a district renames its group instead of making a
second one, and the Kyrgyz page and its Russian and English translations share one group.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Workflow

from institutions.models import InstitutionPage


class InstitutionEditors(models.Model):
    """The editors group and the collection of documents and images of one institution (all its languages)."""

    institution_key = models.UUIDField(_("institution translation key"), unique=True)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="institution_editors")
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("institution editors")
        verbose_name_plural = _("institution editors")
        # Checked by the invitation view; the Ministry group has it. Its audit entries (invitations,
        # membership changes) are logged on these rows, so holders of it see them in Site history.
        permissions = [("invite_editor", _("Can invite institution editors"))]

    def __str__(self):
        return self.group.name

    @classmethod
    def of(cls, institution):
        """The editors row of an institution page in any language, or None."""
        if institution is None:
            return None
        return (
            cls.objects.select_related("group", "collection")
            .filter(institution_key=institution.translation_key)
            .first()
        )

    def institution(self):
        """The institution page in the default language (or any language if that one is gone)."""
        pages = InstitutionPage.objects.filter(translation_key=self.institution_key).select_related("locale")
        return min(pages, key=lambda page: page.locale.language_code != _default_language(), default=None)


class ReviewArea(models.Model):
    """A district, or a region without districts (Osh city): one reviewers group and one workflow."""

    # "district:<translation key>" or "region:<translation key>"
    key = models.CharField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="review_area")
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("review area")
        verbose_name_plural = _("review areas")

    def __str__(self):
        return self.name

    def institutions(self):
        """This area's institution pages, every language."""
        kind, translation_key = self.key.split(":", 1)
        if kind == "district":
            return InstitutionPage.objects.filter(district__translation_key=translation_key)
        return InstitutionPage.objects.filter(region__translation_key=translation_key, district__isnull=True)


def _default_language():
    from django.conf import settings

    return settings.LANGUAGE_CODE
