"""Accreditation decisions and the institutions' remediation reports.

Only the ministry makes decisions: their pages live under their own index page, which accepts
nothing else (page types); the roles issue gives only the ministry group permissions there.
Institution editors answer a decision with a RemediationReport, through their own admin view, and
never edit the decision page.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageLogEntry
from wagtail.search import index

from core.rich_text import TEXT_FEATURES
from core.visibility import subjects_are_public, visible
from institutions.models import InstitutionPage, ProgrammePage

from ..dates import remediation_due
from ..validators import date_errors, pdf_error, programme_errors


class DecisionIndexPage(Page):
    """The public register of accreditation decisions (/decisions/)."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["accreditation.AccreditationDecisionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("register of accreditation decisions")

    def serve(self, request, *args, **kwargs):
        from ..register import download_response, register_selection

        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx", "json"):
            return download_response(fmt, register_selection(request.GET, self.locale), request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..register import register_context

        context = super().get_context(request, *args, **kwargs)
        context.update(register_context(request, self))
        return context


class AccreditationDecisionPageForm(WagtailAdminPageForm):
    """Offers only the chosen institution's programmes and checks what the model cannot see before
    saving: the chosen programmes and the conclusion file.

    The institution is picked with a page chooser, so the programme list cannot follow it without a
    reload: a programme decision is made by choosing the institution, submitting (the form comes back
    listing that institution's programmes and saying so), ticking the programmes and saving again.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_institution = self._chosen_institution()
        field = self.fields.get("programmes")
        if field is not None:
            field.queryset = programme_choices(self.chosen_institution, self.instance)
            if self.chosen_institution is None:
                field.help_text = _(
                    "For a programme decision: choose the institution first; its programmes are listed "
                    "here once the form has been submitted with it."
                )
            else:
                field.help_text = _("For a programme decision: the programmes of “%(institution)s” it covers.") % {
                    "institution": self.chosen_institution.title
                }

    def _chosen_institution(self):
        """The institution posted (bound form) or stored (unbound), or None."""
        if not self.is_bound:
            return self.instance.institution if self.instance.institution_id else None
        raw = str(self.data.get(self.add_prefix("institution")) or "").strip()
        return InstitutionPage.objects.filter(pk=int(raw)).first() if raw.isdigit() else None

    def clean(self):
        cleaned = super().clean()
        institution = cleaned.get("institution")
        programmes = cleaned.get("programmes")
        if "programmes" in self.errors:
            # A programme outside the offered list fails as an "invalid choice" naming only its id:
            # say which programmes belong to another institution instead.

            posted = [raw for raw in self.data.getlist(self.add_prefix("programmes")) if str(raw).isdigit()]
            message = programme_errors(institution, list(ProgrammePage.objects.filter(pk__in=posted)))
            if message:
                self.errors["programmes"] = self.error_class([message])
        if programmes is not None:
            message = programme_errors(institution, list(programmes))
            if message:
                self.add_error("programmes", message)
            if cleaned.get("kind") == AccreditationDecisionPage.Kind.PROGRAMME and not programmes:
                if institution is None:
                    self.add_error("programmes", _("A programme decision names at least one programme."))
                elif self.fields["programmes"].queryset.exists():
                    self.add_error(
                        "programmes",
                        _(
                            "A programme decision names at least one programme. The list now shows the "
                            "programmes of “%(institution)s”: choose them and save again."
                        )
                        % {"institution": institution.title},
                    )
                else:
                    self.add_error(
                        "programmes",
                        _("“%(institution)s” has no programmes to choose. Add its programmes first.")
                        % {"institution": institution.title},
                    )
        return cleaned


def programme_choices(institution, decision):
    """The programmes a decision about `institution` may name: the institution's own, in its
    language (not each translation again), plus any the decision already names."""

    if institution is None:
        return ProgrammePage.objects.none()
    stored = [p.pk for p in decision.programmes.all()] if decision.pk else []
    return ProgrammePage.objects.filter(
        Q(institution__translation_key=institution.translation_key)
        & (Q(locale_id=institution.locale_id) | Q(pk__in=stored))
    ).order_by("path")


class AccreditationDecisionPage(RoutablePageMixin, Page):
    class Kind(models.TextChoices):
        INSTITUTIONAL = "institutional", _("Institutional accreditation")
        PROGRAMME = "programme", _("Programme accreditation")

    class Outcome(models.TextChoices):
        ACCREDITED = "accredited", _("Accredited")
        CONDITIONAL = "conditional", _("Accredited with conditions")
        REFUSED = "refused", _("Refused")

    class Remediation(models.TextChoices):
        NOT_REQUIRED = "not-required", _("No shortcomings to remove")
        PENDING = "pending", _("Remediation report pending")
        # A report was submitted in time or late and waits for the district reviewer; not public yet.
        UNDER_REVIEW = "under-review", _("Remediation report under review")
        SUBMITTED = "submitted", _("Remediation report submitted")
        OVERDUE = "overdue", _("Remediation report overdue")

    number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    # SET_NULL, not PROTECT: Wagtail's page deletion does not handle ProtectedError (it would be an
    # error page for the editor); the decision keeps the institution's name in institution_name.
    institution = models.ForeignKey(
        "institutions.InstitutionPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="accreditation_decisions",
        verbose_name=_("institution"),
    )
    institution_name = models.CharField(_("institution name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INSTITUTIONAL)
    programmes = ParentalManyToManyField(
        "institutions.ProgrammePage",
        blank=True,
        related_name="accreditation_decisions",
        verbose_name=_("programmes"),
        help_text=_(
            "For a programme decision: the institution's programmes it covers. "
            "They are listed once the decision is saved with its institution."
        ),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    conclusion = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("expert commission's conclusion"),
        help_text=_("A PDF file."),
    )
    shortcomings = RichTextField(_("shortcomings"), blank=True, features=TEXT_FEATURES)
    recommendations = RichTextField(_("recommendations"), blank=True, features=TEXT_FEATURES)
    remediation_due = models.DateField(_("remediation due"), null=True, editable=False)
    # The institution's revision that was live on the decision date (what the commission saw published).
    evidence_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = AccreditationDecisionPageForm
    parent_page_types = ["accreditation.DecisionIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("decision_date")]),
        PageChooserPanel("institution", "institutions.InstitutionPage"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("outcome")]),
        FieldPanel("programmes"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("Validity")),
        FieldPanel("conclusion"),
        FieldPanel("shortcomings"),
        FieldPanel("recommendations"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.FilterField("outcome"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("accreditation decision")
        verbose_name_plural = _("accreditation decisions")
        # The register and the home page list the newest first and stop after a page.
        indexes = [models.Index(fields=["decision_date"], name="decision_date_idx")]

    def clean(self):
        super().clean()
        errors = date_errors(self.decision_date, self.valid_from, self.valid_until)
        if self.institution_id is None:
            errors.setdefault("institution", _("Choose the institution the decision is about."))
        if self.outcome in (self.Outcome.ACCREDITED, self.Outcome.CONDITIONAL) and not self.valid_until:
            errors.setdefault("valid_until", _("An accreditation is valid until a date; give it."))
        message = pdf_error(self.conclusion) if self.conclusion_id else None
        if message:
            errors["conclusion"] = message
        if self.institution_id:
            message = programme_errors(self.institution, list(self.programmes.all()))
            if message:
                errors["programmes"] = message
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.decision_date:
            self.remediation_due = remediation_due(self.decision_date)
        if self.institution_id and self.locale_id and self.institution.locale_id != self.locale_id:
            # wagtail-localize copies the Kyrgyz institution into a translated decision: point the
            # Russian or English decision at the institution's page in its own language.
            self.institution = self.institution.get_translation_or_none(self.locale) or self.institution
        if self.institution_id:
            self.institution_name = self.institution.title
            if self.decision_date and (self.evidence_revision_id is None or self._evidence_inputs_changed()):
                self.evidence_revision = evidence_revision_for(self.institution, self.decision_date)
        return super().save(*args, **kwargs)

    def _evidence_inputs_changed(self):
        if not self.pk:
            return True
        stored = type(self).objects.filter(pk=self.pk).values("institution_id", "decision_date").first()
        return stored is None or (stored["institution_id"], stored["decision_date"]) != (
            self.institution_id,
            self.decision_date,
        )

    # Remediation (Order 1482/1, item 1c).
    def remediation_status(self, today=None, submitted=None, under_review=None):
        """not-required / pending / under-review / submitted / overdue. `submitted` (an accepted report
        exists) and `under_review` (one awaits the reviewer) may be given when already known (register).
        The clock stops at submission: a report awaiting review is never overdue; a returned one does
        not count."""
        if not (self.shortcomings or "").strip() and not (self.recommendations or "").strip():
            return self.Remediation.NOT_REQUIRED
        if submitted is None:
            submitted = getattr(self, "has_remediation_report", None)
        if under_review is None:
            under_review = getattr(self, "has_report_under_review", None)
        if submitted is None or under_review is None:
            states = set(self.all_remediation_reports().values_list("review_state", flat=True))
            submitted = RemediationReport.Review.ACCEPTED in states
            under_review = RemediationReport.Review.SUBMITTED in states
        if submitted:
            return self.Remediation.SUBMITTED
        if under_review:
            return self.Remediation.UNDER_REVIEW
        today = today or date.today()
        if self.remediation_due and self.remediation_due < today:
            return self.Remediation.OVERDUE
        return self.Remediation.PENDING

    def all_remediation_reports(self):
        """Every report on the decision (any language version), whatever its review state: for the admin."""
        return (
            RemediationReport.objects.filter(decision__translation_key=self.translation_key)
            .select_related("document", "submitted_by", "reviewed_by")
            .order_by("-submitted_at", "-pk")
        )

    def remediation_reports(self):
        """The reports the public sees: accepted by the district's reviewer (or the ministry)."""
        return self.all_remediation_reports().filter(review_state=RemediationReport.Review.ACCEPTED)

    @property
    def display_institution(self):
        return self.institution.title if self.institution else self.institution_name

    def route(self, request, path_components):
        # A decision about an institution in a private section is hidden with it (evidence too).
        if not subjects_are_public(self):
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = list(self.remediation_reports())
        context["remediation_reports"] = reports
        context["remediation_status"] = self.remediation_status(submitted=bool(reports))
        programmes = list(visible(self.programmes.all()))
        translated = {
            programme.translation_key: programme
            for programme in visible(
                self.programmes.model.objects.filter(translation_key__in=[p.translation_key for p in programmes]),
                self.locale,
            )
        }
        context["programme_list"] = [translated.get(p.translation_key, p) for p in programmes]
        return context

    @path("evidence/")
    def evidence(self, request):
        """What the institution had published on the decision date, read-only."""
        snapshot = self.evidence_revision.as_object() if self.evidence_revision_id else None
        context = self.get_context(request)
        published_at = None
        if snapshot is not None:
            entry = (
                PageLogEntry.objects.filter(revision_id=self.evidence_revision_id, action="wagtail.publish")
                .order_by("-timestamp")
                .first()
            )
            published_at = entry.timestamp if entry else self.evidence_revision.created_at
        context.update({"snapshot": snapshot, "published_at": published_at})
        if snapshot is not None:
            context["disclosures"] = snapshot.disclosure_items()
        return TemplateResponse(request, "accreditation/evidence.html", context)


def evidence_revision_for(institution, on_date):
    """The institution's revision that was live at the end of `on_date`: the latest one published
    on or before that day (today: the live revision)."""
    if on_date >= timezone.localdate():
        # Read from the database: the caller's copy of the institution may predate its last publish.
        stored = Page.objects.filter(pk=institution.pk).select_related("live_revision").first()
        return stored.live_revision if stored else None
    end_of_day = timezone.make_aware(datetime.combine(on_date + timedelta(days=1), time.min))
    entry = (
        PageLogEntry.objects.filter(
            page_id=institution.pk, action="wagtail.publish", timestamp__lt=end_of_day, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def with_remediation_flags(queryset):
    """Adds `has_remediation_report` (an accepted report exists) and `has_report_under_review` so listing
    many decisions needs no query per row."""
    reports = RemediationReport.objects.filter(decision__translation_key=OuterRef("translation_key"))
    return queryset.annotate(
        has_remediation_report=Exists(reports.filter(review_state=RemediationReport.Review.ACCEPTED)),
        has_report_under_review=Exists(reports.filter(review_state=RemediationReport.Review.SUBMITTED)),
    )


class RemediationReport(models.Model):
    """The institution's report on removing the shortcomings a decision named (item 1c). It is public
    only once a reviewer of the institution's district (or the ministry) accepts it."""

    class Review(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    decision = models.ForeignKey(
        AccreditationDecisionPage,
        on_delete=models.CASCADE,
        related_name="remediation_report_rows",
        verbose_name=_("decision"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("report"),
    )
    note = models.TextField(_("note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    review_state = models.CharField(
        _("review"),
        max_length=20,
        choices=Review.choices,
        default=Review.SUBMITTED,
        db_index=True,
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("remediation report")
        verbose_name_plural = _("remediation reports")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.decision.number} — {self.submitted_at:%Y-%m-%d}"


class StoredAccreditation(models.Model):
    """A stored copy of the decision that gives an institution page its status (accreditation.status):
    its outcome and validity end, one row per language version of an institution with a counting
    decision. Search filters, facets and listings read it with a join instead of a correlated
    subquery per institution; accreditation.stored_status keeps it equal to the decisions. Whether an
    accreditation has expired is still decided at query time, by comparing valid_until with today."""

    institution = models.OneToOneField(
        "institutions.InstitutionPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_accreditation",
    )
    decision = models.ForeignKey(AccreditationDecisionPage, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=20, choices=AccreditationDecisionPage.Outcome.choices)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("stored accreditation status")

    def __str__(self):
        return f"{self.institution_id}: {self.outcome} until {self.valid_until}"
