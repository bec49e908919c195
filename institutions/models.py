"""Institution profiles, their programmes, and the directory that lists them."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import content_version
from core.rich_text import TEXT_FEATURES
from core.visibility import ViewRestrictionsFromPaths, visible
from taxonomy.geo import validate_latitude, validate_longitude

from . import search_hooks
from .disclosures import DISCLOSURES
from .forms import (
    LICENCE_OF_ANOTHER_INSTITUTION,
    InstitutionPageForm,
    ProgrammePageForm,
    licence_belongs_to,
    plain_text,
)
from .validators import (
    validate_founding_history,
    validate_phone,
    validate_phone_list,
    validate_year_not_in_future,
)

STAFF_YEARS_SHOWN = 5  # the profile's staff table and chart: the latest 5 years


class InstitutionIndexPage(Page):
    """The directory of institutions (/institutions/)."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["institutions.InstitutionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("institution directory")

    def route(self, request, path_components):
        """Wagtail's routing, with the institution read as its own model in one query (the base page
        and then its specific row would be two, on every profile and programme request), with the
        classifiers the profile names."""
        if path_components:
            child = (
                InstitutionPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("institution_type", "region", "district", "logo")
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(search_hooks.directory_context(request, self.locale))
        return context


# The fields institution_search_names reads from the page itself.
NAME_FIELDS = {"title", "short_name", "address", "registry_code", "region", "district", "search_names", "title_keys"}


class InstitutionPage(ViewRestrictionsFromPaths, Page):
    """One education organization: its identity and every disclosure criteria 1.6 and 4.3 require."""

    class Ownership(models.TextChoices):
        STATE = "state", _("State")
        MUNICIPAL = "municipal", _("Municipal")
        # A context of its own: Wagtail's "Private" is page privacy, which this one would override.
        PRIVATE = "private", pgettext_lazy("ownership", "Private")

    # Identity. The page title is the official full name.
    registry_code = models.CharField(
        _("registry code"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("The institution's code in the ministry's registry."),
    )
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    institution_type = models.ForeignKey(
        "taxonomy.InstitutionType", on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, default=Ownership.STATE)
    region = models.ForeignKey("taxonomy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    district = models.ForeignKey(
        "taxonomy.District",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Leave empty for a city without districts."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )
    phones = models.CharField(
        _("phones"),
        max_length=120,
        blank=True,
        validators=[validate_phone_list],
        help_text=_("Separate several numbers with commas."),
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), validate_year_not_in_future],
    )
    founding_history = models.TextField(
        _("short founding history"),
        blank=True,
        validators=[validate_founding_history],
        help_text=_("At most 10 sentences."),
    )
    head_name = models.CharField(_("head's full name"), max_length=160, blank=True)
    head_phone = models.CharField(_("head's phone"), max_length=40, blank=True, validators=[validate_phone])
    head_email = models.EmailField(_("head's e-mail"), blank=True)
    languages = ParentalManyToManyField(
        "taxonomy.InstructionLanguage", blank=True, related_name="+", verbose_name=_("languages of instruction")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    # Disclosures (criteria 1.6 and 4.3), each with its own last-updated date.
    mission = RichTextField(_("mission"), blank=True, features=TEXT_FEATURES)
    mission_updated = models.DateField(_("mission updated on"), null=True, blank=True)
    strategic_plan = RichTextField(_("strategic plan"), blank=True, features=TEXT_FEATURES)
    strategic_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("strategic plan document"),
    )
    strategic_plan_updated = models.DateField(_("strategic plan updated on"), null=True, blank=True)
    current_plan = RichTextField(_("current plan"), blank=True, features=TEXT_FEATURES)
    current_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current plan document"),
    )
    current_plan_updated = models.DateField(_("current plan updated on"), null=True, blank=True)
    educational_goals = RichTextField(_("educational goals"), blank=True, features=TEXT_FEATURES)
    educational_goals_updated = models.DateField(_("educational goals updated on"), null=True, blank=True)
    learning_outcomes = RichTextField(_("expected learning outcomes"), blank=True, features=TEXT_FEATURES)
    learning_outcomes_updated = models.DateField(_("learning outcomes updated on"), null=True, blank=True)
    quality_system = RichTextField(_("quality management system"), blank=True, features=TEXT_FEATURES)
    quality_system_updated = models.DateField(_("quality system updated on"), null=True, blank=True)
    qualifications_awarded = RichTextField(_("qualifications awarded"), blank=True, features=TEXT_FEATURES)
    qualifications_awarded_updated = models.DateField(_("qualifications updated on"), null=True, blank=True)
    learning_forms = RichTextField(_("forms and means of learning and teaching"), blank=True, features=TEXT_FEATURES)
    learning_forms_updated = models.DateField(_("forms of learning updated on"), null=True, blank=True)
    assessment_procedures = RichTextField(_("assessment procedures"), blank=True, features=TEXT_FEATURES)
    assessment_procedures_updated = models.DateField(_("assessment procedures updated on"), null=True, blank=True)
    passing_scores = RichTextField(
        _("passing scores and opportunities for students"), blank=True, features=TEXT_FEATURES
    )
    passing_scores_updated = models.DateField(_("passing scores updated on"), null=True, blank=True)
    graduate_employment = RichTextField(_("graduates' employment"), blank=True, features=TEXT_FEATURES)
    graduate_employment_updated = models.DateField(_("graduates' employment updated on"), null=True, blank=True)

    # Spelling keys (Latin) of the names and place in every language, kept by save() through
    # institutions.search_hooks (search.names computes them).
    search_names = models.TextField(editable=False, blank=True, default="")
    # The spelling keys of this version's own title and short name (no address, place or other
    # language): a place query also finds institutions whose name holds the place's words.
    title_keys = models.TextField(editable=False, blank=True, default="")

    base_form_class = InstitutionPageForm
    parent_page_types = ["institutions.InstitutionIndexPage"]
    subpage_types = ["institutions.ProgrammePage"]

    identity_panels = [
        FieldPanel("title", heading=_("Official full name")),
        FieldPanel("short_name"),
        FieldPanel("registry_code"),
        FieldRowPanel([FieldPanel("institution_type"), FieldPanel("ownership")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("district")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location")),
        MultiFieldPanel(
            [FieldPanel("phones"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contacts"),
        ),
        FieldPanel("year_founded"),
        FieldPanel("founding_history"),
        MultiFieldPanel(
            [FieldPanel("head_name"), FieldPanel("head_phone"), FieldPanel("head_email")], heading=_("Head")
        ),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("logo"), FieldPanel("photo")]),
    ]
    disclosure_panels = [
        MultiFieldPanel(
            [FieldPanel(d.field)]
            + ([FieldPanel(d.document_field)] if d.document_field else [])
            + [FieldPanel(d.updated_field)],
            heading=d.label,
        )
        for d in DISCLOSURES
    ]
    record_panels = [
        InlinePanel("licences", heading=_("Licences"), label=_("Licence")),
        InlinePanel("staff_statistics", heading=_("Staff statistics by year"), label=_("Year")),
        InlinePanel("media_links", heading=_("Media and news (criterion 4.4)"), label=_("Link")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identity")),
            ObjectList(disclosure_panels, heading=_("Disclosures")),
            ObjectList(record_panels, heading=_("Licences and statistics")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("registry_code"),
        index.SearchField("address"),
        index.SearchField("mission"),
        index.SearchField("educational_goals"),
        index.SearchField("qualifications_awarded"),
        index.AutocompleteField("short_name"),
        index.AutocompleteField("search_names"),
        index.FilterField("region"),
        index.FilterField("district"),
        index.FilterField("institution_type"),
        index.FilterField("ownership"),
    ]

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def clean(self):
        super().clean()
        errors = {}
        if self.district_id and self.region_id and self.district.region_id != self.region_id:
            errors["district"] = _("%(district)s is not in %(region)s.") % {
                "district": self.district,
                "region": self.region,
            }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both latitude and longitude, or neither."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not NAME_FIELDS.intersection(update_fields):
            # e.g. save_revision's save of the revision pointers: no name changes.
            return super().save(*args, **kwargs)
        self.search_names = search_hooks.search_names(self)
        self.title_keys = search_hooks.title_keys(self)
        result = super().save(*args, **kwargs)
        search_hooks.refresh_translations(self)
        return result

    def disclosure_items(self):
        """Each required disclosure with its content, document and date, in the criteria's order."""
        items = []
        for d in DISCLOSURES:
            document = getattr(self, d.document_field) if d.document_field else None
            text = getattr(self, d.field)
            items.append(
                {
                    "disclosure": d,
                    "text": text if plain_text(text) else "",
                    "document": document,
                    "updated": getattr(self, d.updated_field),
                    "published": bool(plain_text(text) or document),
                }
            )
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the cached fragments of the template are fresh, none of these queries run.
        programmes = SimpleLazyObject(self.live_programmes)
        context["programmes"] = programmes
        context["learners_table"] = SimpleLazyObject(lambda: learners_table(programmes))
        context["licences"] = self.licences.select_related("scan")
        context["staff_statistics"] = SimpleLazyObject(self.latest_staff_statistics)
        context["media_links"] = SimpleLazyObject(lambda: self.rows_of("media_links"))
        context["disclosures"] = SimpleLazyObject(self.disclosure_items)
        context["content_key"] = content_version.cache_key()
        context["cache_seconds"] = settings.PUBLIC_CACHE_SECONDS
        return context

    def latest_staff_statistics(self):
        """The criterion's "staff over 5 years": the 5 latest years with figures, oldest first."""
        # From all rows (a few per institution), read once for the history's table too.
        return sorted(self.rows_of("staff_statistics"), key=lambda row: row.year)[-STAFF_YEARS_SHOWN:]

    def rows_of(self, relation):
        """The page's rows of an inline relation, read once: later `.all()` calls (the transparency checklist,
        the history) are answered from them. Read when first shown, so a cached fragment reads nothing.
        A preview's rows are the form's, held by modelcluster: those are kept as they are."""
        if self.pk and not getattr(self, relation).is_deferring:
            prefetch_related_objects([self], relation)
        return list(getattr(self, relation).all())

    def live_programmes(self):
        return list(
            visible(ProgrammePage.objects.filter(institution=self))  # the stored parent: an index lookup
            .select_related("qualification", "language")
            .prefetch_related("enrolments")
            .order_by("path")
        )


def learners_table(programmes):
    """Learners per programme per year, as a header of years and one row of counts per programme."""
    years = sorted({row.year for programme in programmes for row in programme.enrolments.all()})
    rows = []
    for programme in programmes:
        by_year = {row.year: row.learners for row in programme.enrolments.all()}
        if by_year:
            rows.append({"programme": programme, "counts": [by_year.get(year) for year in years]})
    return {"years": years, "rows": rows}


class InstitutionLicence(TranslatableMixin, Orderable):
    """A licence row of the profile. Translatable, so the issuer's name and the programmes covered
    are translated with the page (wagtail-localize keys each row's copies by translation_key); the
    number, date and scan are the same in every language."""

    institution = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="licences")
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=255)
    programmes = models.TextField(_("programmes covered"), blank=True)
    scan = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("scan"),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
        FieldPanel("issuer"),
        FieldPanel("programmes"),
        FieldPanel("scan"),
    ]

    translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("issued_on"),
        TranslatableField("issuer"),
        TranslatableField("programmes"),
        SynchronizedField("scan"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self):
        return f"№ {self.number} ({self.issued_on:%d.%m.%Y})"


class StaffStatistic(Orderable):
    institution = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="staff_statistics")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), validate_year_not_in_future]
    )
    teaching_staff = models.PositiveIntegerField(_("teaching staff"))
    support_staff = models.PositiveIntegerField(_("teaching-support staff"), default=0)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("teaching_staff"), FieldPanel("support_staff")])]

    class Meta(Orderable.Meta):
        verbose_name = _("staff statistics")
        verbose_name_plural = _("staff statistics")
        constraints = [
            models.UniqueConstraint(fields=["institution", "year"], name="one_staff_row_per_year"),
        ]


class MediaLink(Orderable):
    institution = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="media_links")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"))
    published_on = models.DateField(_("published on"), null=True, blank=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("url"), FieldPanel("published_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("media link")
        verbose_name_plural = _("media links")


class ProgrammePage(ViewRestrictionsFromPaths, Page):
    """An educational programme of one institution."""

    class FormOfStudy(models.TextChoices):
        FULL_TIME = "full-time", _("Full-time")
        PART_TIME = "part-time", _("Part-time")
        EVENING = "evening", _("Evening")
        DISTANCE = "distance", _("Distance")

    # The parent institution, kept by save() so facets and profiles need no tree query.
    institution = models.ForeignKey(
        InstitutionPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="programmes"
    )
    code = models.CharField(_("programme code"), max_length=40, blank=True)
    qualification = models.ForeignKey(
        "taxonomy.Qualification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("qualification"),
    )
    form_of_study = models.CharField(
        _("form of study"), max_length=20, choices=FormOfStudy.choices, default=FormOfStudy.FULL_TIME
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    language = models.ForeignKey(
        "taxonomy.InstructionLanguage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    learning_outcomes = RichTextField(_("learning outcomes"), blank=True, features=TEXT_FEATURES)
    assessment = RichTextField(_("assessment"), blank=True, features=TEXT_FEATURES)
    passing_score = models.PositiveSmallIntegerField(_("passing score"), null=True, blank=True)
    licence = models.ForeignKey(
        InstitutionLicence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_pages",
        verbose_name=_("licence"),
    )

    base_form_class = ProgrammePageForm
    parent_page_types = ["institutions.InstitutionPage"]
    # The licence stays the source row (number and date read the same in every language): translating
    # the link would fail whenever the programme is translated before its institution's new licence.
    override_translatable_fields = [SynchronizedField("licence")]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("qualification")]),
        FieldRowPanel([FieldPanel("form_of_study"), FieldPanel("duration_months"), FieldPanel("language")]),
        FieldPanel("learning_outcomes"),
        FieldPanel("assessment"),
        FieldRowPanel([FieldPanel("passing_score"), FieldPanel("licence")]),
        InlinePanel("enrolments", heading=_("Learners by year"), label=_("Year")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.SearchField("learning_outcomes"),
        index.FilterField("form_of_study"),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def save(self, *args, **kwargs):
        if self.path:
            parent = self.get_parent()
            self.institution_id = parent.pk if parent is not None else None
        return super().save(*args, **kwargs)

    @property
    def level(self):
        return self.qualification.get_level_display() if self.qualification else ""

    def clean(self):
        super().clean()
        if self.licence_id:
            # The path is set as soon as the page is placed in the tree (add_child), before the first save.
            parent = self.get_parent() if self.path else None
            if parent is not None and not licence_belongs_to(self.licence, parent):
                raise ValidationError({"licence": LICENCE_OF_ANOTHER_INSTITUTION})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["institution"] = self.institution
        context["enrolments"] = self.enrolments.order_by("year")
        return context


class ProgrammeEnrolment(Orderable):
    """Learners on a programme in one year (the template's "learners per programme")."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="enrolments")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), validate_year_not_in_future]
    )
    learners = models.PositiveIntegerField(_("learners"))

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("learners")])]

    class Meta(Orderable.Meta):
        verbose_name = _("learners in a year")
        verbose_name_plural = _("learners by year")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_enrolment_row_per_year"),
        ]
