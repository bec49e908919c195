"""Institution profiles, their programmes, and the directory that lists them."""

from collections import Counter
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.visibility import visible
from taxonomy.geo import validate_latitude, validate_longitude

from .disclosures import DISCLOSURES
from .validators import (
    validate_founding_history,
    validate_phone,
    validate_phone_list,
    validate_year_not_in_future,
)

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
STAFF_YEARS_SHOWN = 5  # the profile's staff table and chart: the latest 5 years


class InstitutionPageForm(WagtailAdminPageForm):
    """Keeps each disclosure's last-updated date in step and checks the per-year tables."""

    def clean(self):
        cleaned = super().clean()
        today = date.today()
        for disclosure in DISCLOSURES:
            changed = {disclosure.field, disclosure.document_field} & set(self.changed_data)
            has_content = bool(_plain(cleaned.get(disclosure.field))) or bool(
                disclosure.document_field and cleaned.get(disclosure.document_field)
            )
            if not has_content:
                cleaned[disclosure.updated_field] = None
            elif changed and not (
                disclosure.updated_field in self.changed_data and cleaned.get(disclosure.updated_field)
            ):
                # The content changed and the editor set no new date: it was updated today.
                cleaned[disclosure.updated_field] = today
        _reject_repeated_years(self.formsets.get("staff_statistics"), _("Staff statistics"))
        return cleaned


class ProgrammePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        _reject_repeated_years(self.formsets.get("enrolments"), _("Learners"))
        # On the create view the page is not in the tree yet: the view knows the parent, the model not.
        parent = self.instance.get_parent() if self.instance.pk else self.parent_page
        licence = cleaned.get("licence")
        if licence is not None and not licence_belongs_to(licence, parent):
            self.add_error("licence", LICENCE_OF_ANOTHER_INSTITUTION)
        return cleaned


LICENCE_OF_ANOTHER_INSTITUTION = _("This licence belongs to another institution.")


def licence_belongs_to(licence, institution) -> bool:
    """A translated programme keeps the source institution's licence row: same institution, any language."""
    return institution is not None and licence.institution.translation_key == institution.translation_key


def _plain(value) -> str:
    return strip_tags(value or "").strip()


def _reject_repeated_years(formset, table_label):
    """One row per year: a second row for the same year gets an error naming the year."""
    if formset is None:
        return
    rows = [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    counts = Counter(form.cleaned_data.get("year") for form in rows)
    for form in rows:
        year = form.cleaned_data.get("year")
        if year is not None and counts[year] > 1:
            form.add_error(
                "year",
                _("%(table)s already has a row for %(year)s; keep one row per year.")
                % {"table": table_label, "year": year},
            )


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
        and then its specific row would be two, on every profile and programme request)."""
        if path_components:
            child = InstitutionPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from search.facets_view import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, self.locale))
        return context


# The fields institution_search_names reads from the page itself.
NAME_FIELDS = {"title", "short_name", "address", "registry_code", "region", "district", "search_names"}


class InstitutionPage(Page):
    """One education organization: its identity and every disclosure criteria 1.6 and 4.3 require."""

    class Ownership(models.TextChoices):
        STATE = "state", _("State")
        MUNICIPAL = "municipal", _("Municipal")
        # A context of its own: Wagtail's "Private" is page privacy, which this one would override.
        PRIVATE = "private", pgettext_lazy("ownership", "Private")

    # Identity. The page title is the official full name.
    registry_code = models.CharField(
        _("registry code"), max_length=40, blank=True, db_index=True,
        help_text=_("The institution's code in the ministry's registry."),
    )
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    institution_type = models.ForeignKey(
        "taxonomy.InstitutionType", on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, default=Ownership.STATE)
    region = models.ForeignKey("taxonomy.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    district = models.ForeignKey(
        "taxonomy.District", on_delete=models.PROTECT, related_name="+", null=True, blank=True,
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
        _("phones"), max_length=120, blank=True, validators=[validate_phone_list],
        help_text=_("Separate several numbers with commas."),
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True,
        validators=[MinValueValidator(1800), validate_year_not_in_future],
    )
    founding_history = models.TextField(
        _("short founding history"), blank=True, validators=[validate_founding_history],
        help_text=_("At most 10 sentences."),
    )
    head_name = models.CharField(_("head's full name"), max_length=160, blank=True)
    head_phone = models.CharField(_("head's phone"), max_length=40, blank=True, validators=[validate_phone])
    head_email = models.EmailField(_("head's e-mail"), blank=True)
    languages = ParentalManyToManyField(
        "taxonomy.InstructionLanguage", blank=True, related_name="+", verbose_name=_("languages of instruction")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("logo"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("photo"),
    )

    # Disclosures (criteria 1.6 and 4.3), each with its own last-updated date.
    mission = RichTextField(_("mission"), blank=True, features=TEXT_FEATURES)
    mission_updated = models.DateField(_("mission updated on"), null=True, blank=True)
    strategic_plan = RichTextField(_("strategic plan"), blank=True, features=TEXT_FEATURES)
    strategic_plan_document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("strategic plan document"),
    )
    strategic_plan_updated = models.DateField(_("strategic plan updated on"), null=True, blank=True)
    current_plan = RichTextField(_("current plan"), blank=True, features=TEXT_FEATURES)
    current_plan_document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
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
    learning_forms = RichTextField(
        _("forms and means of learning and teaching"), blank=True, features=TEXT_FEATURES
    )
    learning_forms_updated = models.DateField(_("forms of learning updated on"), null=True, blank=True)
    assessment_procedures = RichTextField(_("assessment procedures"), blank=True, features=TEXT_FEATURES)
    assessment_procedures_updated = models.DateField(_("assessment procedures updated on"), null=True, blank=True)
    passing_scores = RichTextField(
        _("passing scores and opportunities for students"), blank=True, features=TEXT_FEATURES
    )
    passing_scores_updated = models.DateField(_("passing scores updated on"), null=True, blank=True)
    graduate_employment = RichTextField(_("graduates' employment"), blank=True, features=TEXT_FEATURES)
    graduate_employment_updated = models.DateField(_("graduates' employment updated on"), null=True, blank=True)

    # Spelling keys (Latin) of the names and place in every language, kept by save(); see search.names.
    search_names = models.TextField(editable=False, blank=True, default="")

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
        from search.names import institution_search_names, refresh_translations_search_names

        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not NAME_FIELDS.intersection(update_fields):
            # e.g. save_revision's save of the revision pointers: no name changes.
            return super().save(*args, **kwargs)
        self.search_names = institution_search_names(self)
        result = super().save(*args, **kwargs)
        refresh_translations_search_names(self)
        return result

    @property
    def display_name(self):
        return self.short_name or self.title

    def disclosure_items(self):
        """Each required disclosure with its content, document and date, in the criteria's order."""
        items = []
        for d in DISCLOSURES:
            document = getattr(self, d.document_field) if d.document_field else None
            text = getattr(self, d.field)
            items.append(
                {
                    "disclosure": d,
                    "text": text if _plain(text) else "",
                    "document": document,
                    "updated": getattr(self, d.updated_field),
                    "published": bool(_plain(text) or document),
                }
            )
        return items

    def get_context(self, request, *args, **kwargs):
        from pages import content_version

        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the cached fragments of the template are fresh, none of these queries run.
        programmes = SimpleLazyObject(self.live_programmes)
        context["programmes"] = programmes
        context["learners_table"] = SimpleLazyObject(lambda: learners_table(programmes))
        context["licences"] = self.licences.select_related("scan")
        context["staff_statistics"] = SimpleLazyObject(self.latest_staff_statistics)
        context["disclosures"] = SimpleLazyObject(self.disclosure_items)
        context["content_key"] = content_version.cache_key()
        context["cache_seconds"] = settings.PUBLIC_CACHE_SECONDS
        return context

    def latest_staff_statistics(self):
        """The criterion's "staff over 5 years": the 5 latest years with figures, oldest first."""
        return sorted(self.staff_statistics.order_by("-year")[:STAFF_YEARS_SHOWN], key=lambda row: row.year)

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


class InstitutionLicence(Orderable):
    institution = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="licences")
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=255)
    programmes = models.TextField(_("programmes covered"), blank=True)
    scan = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("scan"),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
        FieldPanel("issuer"),
        FieldPanel("programmes"),
        FieldPanel("scan"),
    ]

    class Meta(Orderable.Meta):
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


class ProgrammePage(Page):
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
        "taxonomy.Qualification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("qualification"),
    )
    form_of_study = models.CharField(
        _("form of study"), max_length=20, choices=FormOfStudy.choices, default=FormOfStudy.FULL_TIME
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    language = models.ForeignKey(
        "taxonomy.InstructionLanguage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("language of instruction"),
    )
    learning_outcomes = RichTextField(_("learning outcomes"), blank=True, features=TEXT_FEATURES)
    assessment = RichTextField(_("assessment"), blank=True, features=TEXT_FEATURES)
    passing_score = models.PositiveSmallIntegerField(_("passing score"), null=True, blank=True)
    licence = models.ForeignKey(
        InstitutionLicence, null=True, blank=True, on_delete=models.SET_NULL, related_name="programme_pages",
        verbose_name=_("licence"),
    )

    base_form_class = ProgrammePageForm
    parent_page_types = ["institutions.InstitutionPage"]
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
