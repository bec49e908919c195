"""Admin views where an institution's editors attach remediation reports to the ministry's decisions.

Access follows page permissions: whoever can edit the decision's institution page may report on it;
the ministry (who can edit decision pages) sees every decision. Institution editors never get to
edit the decision page itself.
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


def can_report(user, decision):
    institution = decision.institution
    return institution is not None and institution.permissions_for_user(user).can_edit()


def can_see(user, decision):
    return can_report(user, decision) or decision.permissions_for_user(user).can_edit()


def remediation_index(request):
    decisions = with_remediation_flags(
        AccreditationDecisionPage.objects.filter(locale=Locale.get_default())
        .select_related("institution")
        .order_by("remediation_due", "pk")
    )
    rows = []
    for decision in decisions:
        if not can_see(request.user, decision):
            continue
        rows.append({
            "decision": decision,
            "status": decision.remediation_status(),
            "can_report": can_report(request.user, decision),
        })
    return TemplateResponse(request, "accreditation/admin/remediation_index.html", {"rows": rows})


def submit_report(request, decision_id):
    decision = get_object_or_404(AccreditationDecisionPage, pk=decision_id)
    if not can_report(request.user, decision):
        raise PermissionDenied
    form = RemediationReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            document = Document(
                title=_("Remediation report: decision No. %(number)s") % {"number": decision.number},
                collection=Collection.get_first_root_node(),
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
