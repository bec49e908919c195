"""Admin views for self-assessment reports, and the public PDF of a published report."""

from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.visibility import visible
from roles.membership import roles_of

from . import workflow
from .access import editable_institutions, may_create_report, report_access, visible_reports
from .export import build_docx, build_pdf, filename, report_content
from .forms import CreateReportForm, ReportForms
from .layout import EXPORT_LANGUAGES, text_language
from .models import SelfAssessmentReport
from .prefill import create_report, ensure_rows


def forbidden_as_403(view):
    """A plain 403 page: the admin's own handler would redirect to the dashboard instead."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(
                request,
                "selfassessment/admin/forbidden.html",
                {
                    "page_title": _("Self-assessment reports"),
                    "header_icon": "doc-full",
                },
                status=403,
            )

    return wrapped


PUBLIC_PDF_CACHE_SECONDS = 24 * 60 * 60
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_for(request, pk, need="view"):
    report = get_object_or_404(SelfAssessmentReport.objects.select_related("institution"), pk=pk)
    access = report_access(request.user, report)
    if not getattr(access, need):
        raise PermissionDenied
    return report, access


@forbidden_as_403
def index(request):
    roles = roles_of(request.user)
    reports = visible_reports(request.user, SelfAssessmentReport.objects.all())
    rows = [{"report": report, "access": report_access(request.user, report, roles)} for report in reports]
    return TemplateResponse(
        request,
        "selfassessment/admin/index.html",
        {
            "page_title": _("Self-assessment reports"),
            "header_icon": "doc-full",
            "rows": rows,
            "can_create": bool(editable_institutions(request.user)),
        },
    )


@forbidden_as_403
def create(request):
    institutions = editable_institutions(request.user)
    if not institutions:
        raise PermissionDenied
    queryset = institutions[0].__class__.objects.filter(pk__in=[page.pk for page in institutions]).order_by("title")
    form = CreateReportForm(request.POST or None, institutions=queryset)
    if request.method == "POST" and form.is_valid():
        institution = form.cleaned_data["institution"]
        if not may_create_report(request.user, institution):
            raise PermissionDenied
        report = create_report(institution, form.cleaned_data["year"])
        messages.success(request, _("The report was created from the institution's profile; check and complete it."))
        return redirect("selfassessment:edit", report.pk)
    return TemplateResponse(
        request,
        "selfassessment/admin/create.html",
        {
            "page_title": _("New self-assessment report"),
            "header_icon": "doc-full",
            "form": form,
        },
    )


@forbidden_as_403
def edit(request, pk):
    """Edit a draft; everyone else who may see the report gets it read-only (a POST is refused)."""
    report, access = _report_for(request, pk)
    if not access.edit:
        if request.method == "POST":
            raise PermissionDenied
        return _read_only(request, report, access)
    ensure_rows(report)
    section = request.POST.get("section", "")
    forms = ReportForms(report, request.POST if request.method == "POST" else None, partial=bool(section))
    if request.method == "POST":
        posted = request.POST.get("version", "")
        # A post without a version (a tab opened before versions existed) is checked against the current one.
        loaded = int(posted) if posted.isdigit() else report.version
        if loaded != report.version:
            return _conflict(request, report, access, forms)
        if forms.is_valid():
            try:
                with transaction.atomic():
                    # Compare-and-set first (it locks the row): a save since loading makes this one stale.
                    if not SelfAssessmentReport.objects.filter(pk=report.pk, version=loaded).update(
                        version=F("version") + 1
                    ):
                        raise StaleReport
                    report.version = loaded + 1  # the form saves the whole row, version included
                    forms.save()
            except StaleReport:
                return _conflict(request, report, access, forms)
            if section:
                messages.success(request, _("The section was saved; the rest of the report is kept as it was."))
                return redirect(reverse("selfassessment:edit", args=[report.pk]) + f"#section-{_anchor(section)}")
            if request.POST.get("action") == "submit":
                report.refresh_from_db()
                try:
                    workflow.submit(report, request.user)
                except workflow.TransitionRefused as refused:
                    messages.warning(request, _("The report was saved as a draft but not submitted."))
                    for message in refused.messages:
                        messages.error(request, message)
                    return redirect("selfassessment:edit", report.pk)
                messages.success(request, _("The report was submitted for review."))
                return redirect("selfassessment:edit", report.pk)
            messages.success(request, _("The draft was saved."))
            return redirect("selfassessment:edit", report.pk)
        messages.error(request, _("The report was not saved: correct the fields marked below."))
    return _edit_page(request, report, access, forms)


SECTIONS = ("introduction", "criteria", "conclusion", "confirmation")


def _anchor(section):
    return section if section in SECTIONS else "introduction"


class StaleReport(Exception):
    """Someone else saved the report after this editor loaded it."""


def _conflict(request, report, access, forms):
    """Keep the other editor's save; show this editor's typing again so they can bring it over."""
    messages.error(
        request,
        _(
            "Someone else saved this report after you opened it. Your changes were NOT saved: they are shown "
            "below. Open the report in a new tab to see the saved version, bring your changes over and save again."
        ),
    )
    report.refresh_from_db(fields=["version"])
    return _edit_page(request, report, access, forms, status=409)


def _edit_page(request, report, access, forms, status=200):
    return TemplateResponse(
        request,
        "selfassessment/admin/edit.html",
        {
            "page_title": str(report),
            "header_icon": "doc-full",
            "report": report,
            "access": access,
            "forms": forms,
            "missing": workflow.missing_criteria(report),
            "export_languages": EXPORT_LANGUAGES,
            "sections": SECTIONS,
        },
        status=status,
    )


def _read_only(request, report, access):
    return TemplateResponse(
        request,
        "selfassessment/admin/view.html",
        {
            "page_title": str(report),
            "header_icon": "doc-full",
            "report": report,
            "access": access,
            "content": report_content(report, text_language()),
            "export_languages": EXPORT_LANGUAGES,
        },
    )


@forbidden_as_403
@require_POST
def review(request, pk):
    report, _access = _report_for(request, pk, need="review")
    action = request.POST.get("action")
    try:
        if action == "accept":
            workflow.accept(report, request.user)
            messages.success(request, _("The report was accepted."))
        elif action == "return":
            workflow.return_to_draft(report, request.user, request.POST.get("comments", ""))
            messages.success(request, _("The report was returned to the institution with your comments."))
        elif action in ("publish", "unpublish"):
            workflow.set_published(report, action == "publish")
            messages.success(
                request,
                _("The report is shown on the institution's profile.")
                if action == "publish"
                else _("The report is no longer shown on the profile."),
            )
        else:
            messages.error(request, _("Unknown action."))
    except workflow.TransitionRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    return redirect("selfassessment:edit", report.pk)


@forbidden_as_403
def export(request, pk, file_format):
    report, _access = _report_for(request, pk)
    language = request.GET.get("lang", "ky")
    if language not in EXPORT_LANGUAGES or file_format not in ("docx", "pdf"):
        messages.error(request, _("Exports are DOCX or PDF, in Kyrgyz (ky), Russian (ru) or English (en)."))
        return redirect("selfassessment:edit", report.pk)
    return _export_response(report, language, file_format)


def _export_response(report, language, file_format):
    if file_format == "docx":
        content, content_type = build_docx(report, language), DOCX_TYPE
    elif file_format == "pdf":
        content, content_type = build_pdf(report, language), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if file_format == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(report, language, file_format)}"'
    return response


def public_pdf(request, pk, language):
    """The PDF of an accepted report the reviewers published on the profile; anything else is 404."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if language not in EXPORT_LANGUAGES:
        raise Http404
    report = get_object_or_404(
        visible(SelfAssessmentReport.objects.select_related("institution")),
        pk=pk,
        published=True,
        status=SelfAssessmentReport.Status.ACCEPTED,
        institution__live=True,
    )
    # A PDF takes WeasyPrint a second or more: public hits are served from the cache until the report changes.
    key = f"selfassessment-pdf:{report.pk}:{language}:{report.updated_at.timestamp()}"
    content = cache.get(key)
    if content is None:
        content = build_pdf(report, language)
        cache.set(key, content, PUBLIC_PDF_CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename(report, language, "pdf")}"'
    return response
