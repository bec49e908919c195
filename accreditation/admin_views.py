"""Admin views where an institution's editors attach remediation reports to the ministry's decisions,
and where the district's reviewers accept or return them.

Access follows the roles (roles.membership), not page permissions: only the institution's own editors
(and superusers) submit a report; its district's reviewers and the ministry see the decisions and
their remediation status, and accept a report (it becomes public) or return it with a comment (the
editors see the comment and submit again). Only live decisions are listed or answered. Institution editors never get
to edit the decision page itself.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale

from core.visibility import is_visible, restricted_paths
from institutions.models import InstitutionPage
from roles.membership import roles_of
from roles.models import InstitutionEditors

from .models import AccreditationDecisionPage, MinistryDocumentPage, RemediationReport, with_remediation_flags
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


def can_review(user, decision, roles=None):
    """The reviewers of the institution's district (or region, without a district), the ministry and
    superusers accept or return a report. An editor never reviews their own institution's report."""
    roles = roles or roles_of(user)
    return decision.institution is not None and (
        roles.superuser or roles.ministry or roles.reviews(decision.institution)
    )


class ReviewForm(forms.Form):
    ACCEPT, RETURN = "accept", "return"
    action = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (ACCEPT, gettext_lazy("Accept: the report becomes public")),
            (RETURN, gettext_lazy("Return to the institution for changes")),
        ],
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the institution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the institution should change before returning the report."))
        return cleaned


def can_see(user, decision, roles=None):
    roles = roles or roles_of(user)
    return roles.superuser or roles.ministry or can_report(user, decision, roles) or roles.reviews(decision.institution)


def refuse_unaccepted_report(document, request):
    """A 404 for a report's file while no report using it is accepted on a decision a visitor may see,
    unless the user sees its decision in the admin."""
    reports = list(RemediationReport.objects.filter(document=document).select_related("decision__institution"))
    paths = restricted_paths()
    if not reports or any(
        r.review_state == RemediationReport.Review.ACCEPTED and is_visible(r.decision, paths) for r in reports
    ):
        return None
    roles = roles_of(request.user)
    if any(can_see(request.user, report.decision, roles) for report in reports):
        return None
    raise Http404


def refuse_files_of_hidden_pages(document, request):
    """A 404 for a commission's conclusion or a ministry document's file when every page that publishes it
    is hidden from visitors (private, or about a private institution), unless the user works in the admin."""
    pages = list(AccreditationDecisionPage.objects.filter(conclusion=document).select_related("institution"))
    pages += list(MinistryDocumentPage.objects.filter(files__document=document))
    if not pages or request.user.has_perm("wagtailadmin.access_admin"):
        return None
    paths = restricted_paths()
    if any(is_visible(page, paths) for page in pages):
        return None
    raise Http404


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
    latest = latest_reports(decisions.values("translation_key"))
    decisions = [decision for decision in decisions if can_see(request.user, decision, roles)]
    rows = [
        {
            "decision": decision,
            "status": decision.remediation_status(),
            "latest": latest.get(decision.translation_key),
            "can_report": can_report(request.user, decision, roles),
            "can_review": can_review(request.user, decision, roles),
        }
        for decision in decisions
    ]
    return TemplateResponse(request, "accreditation/admin/remediation_index.html", {"rows": rows})


def latest_reports(translation_keys):
    """The newest report on each decision (any language version), by the decision's translation key.
    `translation_keys` is a subquery, so the ministry's list of every decision stays one query."""
    latest = {}
    reports = (
        RemediationReport.objects.filter(decision__translation_key__in=translation_keys)
        .select_related("decision")
        .order_by("-submitted_at", "-pk")
    )
    for report in reports:
        latest.setdefault(report.decision.translation_key, report)
    return latest


def institution_keys_of(roles):
    """A subquery: the translation keys of the institutions the user edits or reviews."""
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
        messages.success(
            request,
            _("The remediation report was submitted. It becomes public once the district's reviewer accepts it."),
        )
        return redirect("accreditation_remediation")
    return TemplateResponse(
        request,
        "accreditation/admin/submit_report.html",
        {
            "form": form,
            "decision": decision,
            "status": decision.remediation_status(),
            "reports": decision.all_remediation_reports(),
        },
    )


def review_report(request, report_id):
    report = get_object_or_404(
        RemediationReport.objects.select_related("decision", "document", "submitted_by"),
        pk=report_id,
    )
    decision = AccreditationDecisionPage.objects.live().filter(pk=report.decision_id).first()
    if decision is None or not can_review(request.user, decision):
        raise PermissionDenied
    if report.review_state != RemediationReport.Review.SUBMITTED:
        messages.warning(request, _("This report has already been reviewed."))
        return redirect("accreditation_remediation")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = form.cleaned_data["action"] == ReviewForm.ACCEPT
        with transaction.atomic():
            # Locked and checked again, so two reviewers answering at once cannot both win; save() (not
            # update()) so the content version moves on and cached public pages show the change.
            current = (
                RemediationReport.objects.select_for_update()
                .filter(pk=report.pk, review_state=RemediationReport.Review.SUBMITTED)
                .first()
            )
            updated = current is not None
            if updated:
                current.review_state = (
                    RemediationReport.Review.ACCEPTED if accepted else RemediationReport.Review.RETURNED
                )
                current.review_comment = form.cleaned_data["comment"].strip()
                current.reviewed_at = timezone.now()
                current.reviewed_by = request.user
                current.save()
        if not updated:
            messages.warning(request, _("This report has already been reviewed."))
        elif accepted:
            messages.success(request, _("The report was accepted and is now public."))
        else:
            messages.success(request, _("The report was returned to the institution with your comment."))
        return redirect("accreditation_remediation")
    return TemplateResponse(
        request,
        "accreditation/admin/review_report.html",
        {"form": form, "report": report, "decision": decision, "status": decision.remediation_status()},
    )
