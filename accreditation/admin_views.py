"""Admin views where an institution's editors attach remediation reports to the ministry's decisions.

Access follows the roles (roles.membership), not page permissions: only the institution's own editors
(and superusers) submit a report; its district's reviewers and the ministry see the decisions and
their remediation status. Only live decisions are listed or answered. Institution editors never get
to edit the decision page itself.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale

from roles.membership import roles_of
from roles.models import InstitutionEditors

from .models import AccreditationDecisionPage, RemediationReport, with_remediation_flags
from .validators import PDF_MAGIC

MAX_REPORT_BYTES = 20 * 1024 * 1024


class RemediationReportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Report (PDF)"))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("The report must be a PDF file; “%(name)s” is not.") % {"name": upload.name})
        if upload.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise forms.ValidationError(_("“%(name)s” is named .pdf but is not a PDF file.") % {"name": upload.name})
        return upload


def can_report(user, decision, roles=None):
    """The institution's own editors report on its decisions (superusers may too)."""
    roles = roles or roles_of(user)
    return decision.institution is not None and (roles.superuser or roles.edits(decision.institution))


def can_see(user, decision, roles=None):
    roles = roles or roles_of(user)
    return roles.superuser or roles.ministry or can_report(user, decision, roles) or roles.reviews(decision.institution)


def may_see_remediation(user):
    """The menu item: editors, reviewers, the ministry, superusers."""
    return roles_of(user).has_any


def remediation_index(request):
    roles = roles_of(request.user)
    decisions = with_remediation_flags(
        AccreditationDecisionPage.objects.live()
        .filter(locale=Locale.get_default())
        .select_related("institution__district", "institution__region")
        .order_by("remediation_due", "pk")
    )
    if not (roles.superuser or roles.ministry):
        decisions = decisions.filter(institution__translation_key__in=institution_keys_of(roles))
    rows = [
        {
            "decision": decision,
            "status": decision.remediation_status(),
            "can_report": can_report(request.user, decision, roles),
        }
        for decision in decisions
        if can_see(request.user, decision, roles)
    ]
    return TemplateResponse(request, "accreditation/admin/remediation_index.html", {"rows": rows})


def institution_keys_of(roles):
    """A subquery: the translation keys of the institutions the user edits or reviews."""
    from institutions.models import InstitutionPage

    return InstitutionPage.objects.filter(roles.institutions_filter()).values("translation_key")


def report_collection(decision):
    """The institution's own collection (made by the roles app), so its editors find their report there."""
    role = InstitutionEditors.of(decision.institution)
    return role.collection if role else Collection.get_first_root_node()


def submit_report(request, decision_id):
    decision = get_object_or_404(AccreditationDecisionPage.objects.live(), pk=decision_id)
    if not can_report(request.user, decision):
        raise PermissionDenied
    form = RemediationReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            document = Document(
                title=_("Remediation report: decision No. %(number)s") % {"number": decision.number},
                collection=report_collection(decision),
                uploaded_by_user=request.user,
            )
            document.file = form.cleaned_data["file"]
            document.save()
            RemediationReport.objects.create(
                decision=decision, document=document, note=form.cleaned_data["note"], submitted_by=request.user
            )
        messages.success(request, _("The remediation report was submitted."))
        return redirect("accreditation_remediation")
    return TemplateResponse(
        request, "accreditation/admin/submit_report.html",
        {"form": form, "decision": decision, "status": decision.remediation_status()},
    )
