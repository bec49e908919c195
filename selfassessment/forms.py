"""Admin forms for the report's three sections and the head's confirmation."""

from datetime import date

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from institutions.validators import validate_year_not_in_future
from roles.models import InstitutionEditors

from .models import (
    CriterionAssessment,
    ReportProgrammeLearners,
    ReportStaffYear,
    SelfAssessmentReport,
    StandardAssessment,
)


def institution_documents(institution):
    """Documents in the institution's own collection (the one the roles give its editors) and below it."""
    role = InstitutionEditors.of(institution)
    if role is None:
        return get_document_model().objects.none()
    return get_document_model().objects.filter(collection__in=role.collection.get_descendants(inclusive=True))


def evidence_documents(report):
    """Evidence comes from the institution's own collection, whoever edits (a superuser may choose from
    everything, but the report's evidence is the institution's); documents already attached stay attached."""
    attached = CriterionAssessment.documents.through.objects.filter(criterionassessment__report=report)
    return (
        get_document_model()
        .objects.filter(
            Q(pk__in=institution_documents(report.institution).values("pk")) | Q(pk__in=attached.values("document_id"))
        )
        .order_by("title")
    )


class CreateReportForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        validators=[validate_year_not_in_future],
        initial=lambda: date.today().year,
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        field.queryset = institutions
        # An editor of one institution has nothing to choose: it is chosen already (and named above the form).
        self.only_institution = institutions.first() if institutions.count() == 1 else None
        if self.only_institution:
            field.initial = self.only_institution.pk
            field.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        institution, year = cleaned.get("institution"), cleaned.get("year")
        if institution and year and SelfAssessmentReport.objects.filter(institution=institution, year=year).exists():
            raise forms.ValidationError(
                _("%(institution)s already has a self-assessment report for %(year)s.")
                % {"institution": institution.title, "year": year}
            )
        return cleaned


class ReportForm(forms.ModelForm):
    """Sections 1 and 3 and the head's confirmation."""

    website = forms.URLField(label=capfirst(_("website")), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = SelfAssessmentReport
        fields = [
            "institution_name",
            "founding_history",
            "head_name",
            "head_phone",
            "head_email",
            "licences",
            "earlier_accreditation",
            "remediation_shortcomings",
            "remediation_done",
            "address",
            "phones",
            "fax",
            "email",
            "website",
            "conclusion",
            "commission_chair",
            "commission_members",
            "confirmed_by",
            "confirmed_on",
            "confirmation_statement",
        ]
        widgets = {
            "founding_history": forms.Textarea(attrs={"rows": 5}),
            "licences": forms.Textarea(attrs={"rows": 3}),
            "earlier_accreditation": forms.Textarea(attrs={"rows": 3}),
            "remediation_shortcomings": forms.Textarea(attrs={"rows": 3}),
            "remediation_done": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 3}),
            "commission_members": forms.Textarea(attrs={"rows": 4}),
            "confirmed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def section(self, names):
        return [self[name] for name in names if name in self.fields]

    def introduction_fields(self):
        return self.section(ReportForm.Meta.fields[:14])

    def conclusion_fields(self):
        return self.section(ReportForm.Meta.fields[14:17])

    def confirmation_fields(self):
        return self.section(ReportForm.Meta.fields[17:])


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = CriterionAssessment
        fields = ["result", "comment", "documents", "links"]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, documents, choices_cache, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        field.queryset = documents
        # The 32 forms offer the same documents: query them once, not once per criterion.
        if "choices" not in choices_cache:
            choices_cache["choices"] = list(field.choices)
        field.choices = choices_cache["choices"]


StaffFormSet = inlineformset_factory(
    SelfAssessmentReport,
    ReportStaffYear,
    fields=["year", "teaching_staff", "support_staff"],
    extra=1,
    can_delete=True,
)
LearnersFormSet = inlineformset_factory(
    SelfAssessmentReport,
    ReportProgrammeLearners,
    fields=["programme", "learners"],
    extra=1,
    can_delete=True,
)
AssessmentFormSet = inlineformset_factory(
    SelfAssessmentReport,
    CriterionAssessment,
    form=AssessmentForm,
    extra=0,
    can_delete=False,
)
StandardFormSet = inlineformset_factory(
    SelfAssessmentReport,
    StandardAssessment,
    fields=["strengths", "weaknesses"],
    extra=0,
    can_delete=False,
    widgets={"strengths": forms.Textarea(attrs={"rows": 2}), "weaknesses": forms.Textarea(attrs={"rows": 2})},
)


def posted_report_fields(data):
    """The report's own fields present in a (possibly partial) post; the confirmation checkbox counts as posted
    with the rest of its section, since an unticked box sends nothing."""
    names = [name for name in ReportForm.Meta.fields if name in data]
    if "confirmed_by" in data and "confirmation_statement" not in names:
        names.append("confirmation_statement")
    return names


class ReportForms:
    """The report form and its four tables, bound and validated together so nothing typed is lost.

    A section save (or a post cut short when the browser closed) may carry only the first sections: then
    only the posted fields and tables are validated and saved, and everything else is kept as stored."""

    def __init__(self, report, data=None, partial=False):
        self.report = report
        self.partial = partial and data is not None
        if self.partial:
            names = posted_report_fields(data)
            form_class = forms.modelform_factory(SelfAssessmentReport, form=ReportForm, fields=names)
            self.form = form_class(data, instance=report)
            for name in [name for name in self.form.fields if name not in names]:
                del self.form.fields[name]  # a declared field (website) not posted: keep the stored value
        else:
            self.form = ReportForm(data, instance=report)
        self.staff = StaffFormSet(data, instance=report, prefix="staff")
        self.learners = LearnersFormSet(data, instance=report, prefix="learners")
        self.assessments = AssessmentFormSet(
            data,
            instance=report,
            prefix="criteria",
            form_kwargs={"documents": evidence_documents(report), "choices_cache": {}},
            queryset=report.assessments.select_related("criterion__standard").prefetch_related("documents"),
        )
        self.standards = StandardFormSet(
            data, instance=report, prefix="standards", queryset=report.standard_summaries.select_related("standard")
        )

    @property
    def all(self):
        forms_ = [self.form, self.staff, self.learners, self.assessments, self.standards]
        if self.partial:
            return [self.form] + [f for f in forms_[1:] if f"{f.prefix}-TOTAL_FORMS" in f.data]
        return forms_

    def is_valid(self):
        return all([f.is_valid() for f in self.all])  # a list, so every form reports its errors

    def save(self):
        self.form.save()
        for formset in self.all[1:]:
            formset.save()

    def criteria_by_standard(self):
        """[(standard, [assessment form, …], standard summary form)] in the template's order."""
        summaries = {f.instance.standard_id: f for f in self.standards.forms}
        groups = []
        for form in self.assessments.forms:
            standard = form.instance.criterion.standard
            if not groups or groups[-1][0].pk != standard.pk:
                groups.append((standard, [], summaries.get(standard.pk)))
            groups[-1][1].append(form)
        return groups
