"""The annual self-assessment report (order 1482/1): one per institution per year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from institutions.validators import (
    validate_founding_history,
    validate_phone,
    validate_phone_list,
    validate_year_not_in_future,
)

from .layout import label, text_language


class Standard(models.Model):
    """One of the template's five standards; texts in the three languages come from the fixture."""

    code = models.CharField(max_length=4, unique=True)
    name_ky = models.TextField()
    name_ru = models.TextField()
    name_en = models.TextField()

    class Meta:
        ordering = ["code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def name_in(self, language=None):
        return getattr(self, f"name_{text_language(language)}")

    @property
    def name(self):
        return self.name_in()

    def __str__(self):
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=8, unique=True)
    # Sort key: "1.10" would sort before "1.2" as text.
    position = models.PositiveSmallIntegerField()
    text_ky = models.TextField()
    text_ru = models.TextField()
    text_en = models.TextField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def text_in(self, language=None):
        return getattr(self, f"text_{text_language(language)}")

    @property
    def text(self):
        return self.text_in()

    def __str__(self):
        return f"{self.code} {self.text}"


# Institution type slugs (taxonomy, fixtures/institution_types.json) → the kind the title block names.
KIND_BY_TYPE = {
    "general-school": "general",
    "gymnasium": "general",
    "lyceum": "general",
    "vocational-lyceum": "vocational",
    "college": "vocational",
    "university": "higher",
}


def organization_kind(institution_type):
    """general, vocational or higher; an unknown or missing type keeps the template's vocational wording."""
    return KIND_BY_TYPE.get(getattr(institution_type, "slug", ""), "vocational")


class SelfAssessmentReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")

    # The Kyrgyz (default-locale) page: translations share its report.
    institution = models.ForeignKey(
        "institutions.InstitutionPage",
        on_delete=models.CASCADE,
        related_name="self_assessment_reports",
        verbose_name=_("institution"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), validate_year_not_in_future]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published = models.BooleanField(
        _("published on the profile"),
        default=False,
        help_text=_("Only an accepted report can be published."),
    )

    # Section 1: introduction, pre-filled from the profile when the report is created.
    institution_name = models.CharField(_("full name of the education organization"), max_length=255)
    founding_history = models.TextField(
        _("short founding history"),
        blank=True,
        validators=[validate_founding_history],
        help_text=_("At most 10 sentences."),
    )
    head_name = models.CharField(_("head's full name"), max_length=160, blank=True)
    head_phone = models.CharField(_("head's phone"), max_length=40, blank=True, validators=[validate_phone])
    head_email = models.EmailField(_("head's e-mail"), blank=True)
    licences = models.TextField(
        _("licences for the educational programmes"), blank=True, help_text=_("One licence per line.")
    )
    # Free text for now: filled by the accreditation app through the
    # "selfassessment_earlier_accreditation" hook when it is installed (see prefill.py).
    earlier_accreditation = models.TextField(
        _("earlier accreditation of the organization and its programmes"), blank=True
    )
    # Item 1c of the order: what the previous decision named and what was done about it; filled by
    # the accreditation app through the "selfassessment_remediation" hook (see prefill.py).
    remediation_shortcomings = models.TextField(_("shortcomings named in the previous decision"), blank=True)
    remediation_done = models.TextField(_("what was done about them"), blank=True)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    phones = models.CharField(_("phones"), max_length=120, blank=True, validators=[validate_phone_list])
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    # Section 3: conclusion and the commission.
    conclusion = models.TextField(_("conclusion"), blank=True)
    commission_chair = models.CharField(_("chair of the commission"), max_length=160, blank=True)
    commission_members = models.TextField(
        _("members of the commission"), blank=True, help_text=_("One member per line.")
    )

    # The head's confirmation (order 1482/1, item 2): required to submit.
    confirmed_by = models.CharField(_("head's full name"), max_length=160, blank=True)
    confirmed_on = models.DateField(_("date of confirmation"), null=True, blank=True)
    confirmation_statement = models.BooleanField(
        _("I confirm that the information in this report is true and I am personally responsible for it"),
        default=False,
    )

    # Review.
    review_comments = models.TextField(_("reviewer's comments"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: the edit form posts the version it loaded; a save from a stale form is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "institution_name"]
        verbose_name = _("self-assessment report")
        verbose_name_plural = _("self-assessment reports")
        constraints = [
            models.UniqueConstraint(fields=["institution", "year"], name="one_self_assessment_per_year"),
        ]

    def __str__(self):
        return f"{self.institution_name} — {self.year}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def conclusion_in(self, language):
        """The stored conclusion; the template's standard sentence follows the export language."""
        from .layout import default_conclusions

        text = (self.conclusion or "").strip()
        if not text or text in default_conclusions():
            return label("conclusion", language)
        return text

    def organization_kind(self, language):
        """The title block's kind of organization, from the institution's type (the seed template
        says vocational; order 1482/1 covers general education too)."""
        return label(f"kind_{organization_kind(self.institution.institution_type)}", language)

    def member_list(self):
        return [line.strip() for line in self.commission_members.splitlines() if line.strip()]

    def licence_list(self):
        return [line.strip() for line in self.licences.splitlines() if line.strip()]


class ReportStaffYear(models.Model):
    """Staff statistics of one year (the template asks for 5 years)."""

    report = models.ForeignKey(SelfAssessmentReport, on_delete=models.CASCADE, related_name="staff_years")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    teaching_staff = models.PositiveIntegerField(_("teaching staff"))
    support_staff = models.PositiveIntegerField(_("teaching-support staff"), default=0)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["report", "year"], name="one_report_staff_row_per_year")]


class ReportProgrammeLearners(models.Model):
    """Learners on one programme in the reporting year."""

    report = models.ForeignKey(SelfAssessmentReport, on_delete=models.CASCADE, related_name="programme_learners")
    programme = models.CharField(_("programme"), max_length=255)
    learners = models.PositiveIntegerField(_("learners"))

    class Meta:
        ordering = ["id"]


class CriterionAssessment(models.Model):
    """The institution's result and evidence for one criterion."""

    class Result(models.TextChoices):
        # The template leaves the results column blank; these four are the project's scale,
        # with "not applicable" for criteria such as 3.4 and 3.6 ("if there is one").
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    report = models.ForeignKey(SelfAssessmentReport, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    comment = models.TextField(_("how the criterion is met"), blank=True)
    documents = models.ManyToManyField(
        "wagtaildocs.Document", blank=True, related_name="+", verbose_name=_("evidence documents")
    )
    links = models.TextField(_("evidence links"), blank=True, help_text=_("One address per line."))

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="one_assessment_per_criterion"),
        ]

    def result_in(self, language):
        return label(f"result_{self.result}", language) if self.result else ""

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def clean(self):
        validate = URLValidator(schemes=["http", "https"])
        for link in self.link_list():
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    {"links": _("“%(link)s” is not a web address (http:// or https://).") % {"link": link}}
                ) from None


class StandardAssessment(models.Model):
    """Strengths and weaknesses the institution sees under one standard."""

    report = models.ForeignKey(SelfAssessmentReport, on_delete=models.CASCADE, related_name="standard_summaries")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)

    class Meta:
        ordering = ["standard__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "standard"], name="one_summary_per_standard"),
        ]
