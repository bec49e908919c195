"""Shared classifiers: where an institution is, what kind it is, what it awards."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from .geo import validate_latitude, validate_longitude


class Region(TranslatableMixin, models.Model):
    """An oblast or a city of republican significance."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    centre_latitude = models.DecimalField(
        _("centre latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[validate_latitude],
    )
    centre_longitude = models.DecimalField(
        _("centre longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[validate_longitude],
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("centre_latitude"),
        FieldPanel("centre_longitude"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class District(TranslatableMixin, models.Model):
    """A rayon, or a city district, inside a region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)

    panels = [FieldPanel("region"), FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_district_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class InstitutionType(TranslatableMixin, models.Model):
    """General school, gymnasium, lyceum, vocational lyceum, college, university."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution type")
        verbose_name_plural = _("institution types")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_institution_type_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class Qualification(TranslatableMixin, models.Model):
    """A qualification an institution awards (state classifier code and level)."""

    class Level(models.TextChoices):
        GENERAL_SECONDARY = "general-secondary", _("General secondary")
        VOCATIONAL_PRIMARY = "vocational-primary", _("Primary vocational")
        VOCATIONAL_SECONDARY = "vocational-secondary", _("Secondary vocational")
        BACHELOR = "bachelor", _("Bachelor")
        MASTER = "master", _("Master")

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=40)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("level")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_qualification_code_per_locale"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class InstructionLanguage(models.Model):
    """A language of instruction; its display name comes from the translation catalogues."""

    class Code(models.TextChoices):
        KYRGYZ = "ky", _("Kyrgyz")
        RUSSIAN = "ru", _("Russian")
        UZBEK = "uz", _("Uzbek")
        ENGLISH = "en", _("English")
        TURKISH = "tr", _("Turkish")
        TAJIK = "tg", _("Tajik")

    code = models.CharField(_("code"), max_length=5, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("language of instruction")
        verbose_name_plural = _("languages of instruction")
        ordering = ["id"]

    def __str__(self):
        return str(self.get_code_display())
