"""Public web pages of published reports: one report, and two reports criterion by criterion."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.visibility import is_visible

from .export import report_content
from .layout import text_language
from .models import Criterion
from .published import published_reports

MAX_COMPARED = 2
MAX_CHOICES = 500  # the compare form's lists: a page of options, not every report ever published


def profile_in_language(institution):
    """The institution's profile in the visitor's language when it is public, else its Kyrgyz page."""
    try:
        translated = institution.get_translation(Locale.get_active())
    except (ObjectDoesNotExist, Locale.DoesNotExist):
        translated = None
    if translated is not None and is_visible(translated):
        return translated
    return institution


def _same_year_choices(report):
    return published_reports().filter(year=report.year).exclude(pk=report.pk).order_by("institution_name")[:MAX_CHOICES]


def report_page(request, pk):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    report = get_object_or_404(published_reports(), pk=pk)
    language = text_language()
    return TemplateResponse(
        request,
        "selfassessment/report_page.html",
        {
            "report": report,
            "content": report_content(report, language),
            "profile": profile_in_language(report.institution),
            "pdf_language": language,
            "compare_choices": _same_year_choices(report),
        },
    )


def _requested_ids(request):
    """Report numbers from the compare form (repeated `report`) or a shared address (`ids=1,2`)."""
    raw = request.GET.getlist("report") + (request.GET.get("ids") or "").split(",")
    ids, bad = [], []
    for value in raw:
        value = value.strip()[:20]
        if not value:
            continue
        if value.isdigit():
            if int(value) not in ids:
                ids.append(int(value))
        else:
            bad.append(value)
    return ids, bad


def compare(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    ids, bad = _requested_ids(request)
    problems = [_("“%(value)s” is not a report number; it was ignored.") % {"value": value} for value in bad]
    if len(ids) > MAX_COMPARED:
        problems.append(_("Two reports are compared at a time; the first two were taken."))
        ids = ids[:MAX_COMPARED]
    found = {report.pk: report for report in published_reports().filter(pk__in=ids)}
    if len(found) < len(ids):
        problems.append(_("Some of the chosen reports are not published; they were left out."))
    reports = [found[pk] for pk in ids if pk in found]
    if len(reports) == 2 and reports[0].year != reports[1].year:
        problems.append(_("The two reports are for different years; compare them with care."))
    language = text_language()
    columns = [
        {
            "report": report,
            "profile": profile_in_language(report.institution),
            "content": report_content(report, language),
        }
        for report in reports
    ]
    rows = []
    if len(columns) == 2:
        by_code = [
            {row["code"]: row for standard in column["content"]["standards"] for row in standard["rows"]}
            for column in columns
        ]
        summaries = [
            {standard["standard"].code: standard for standard in column["content"]["standards"]} for column in columns
        ]
        current = None
        for criterion in Criterion.objects.select_related("standard"):
            if criterion.standard.code != current:
                current = criterion.standard.code
                rows.append(
                    {
                        "standard": criterion.standard,
                        "name": criterion.standard.name_in(language),
                        "summaries": [s.get(current) for s in summaries],
                    }
                )
            rows.append(
                {
                    "criterion": criterion,
                    "text": criterion.text_in(language),
                    "cells": [cells.get(criterion.code) for cells in by_code],
                }
            )
    year = reports[0].year if reports else None
    choices = published_reports().order_by("-year", "institution_name")
    if year:
        choices = choices.filter(year=year)
    return TemplateResponse(
        request,
        "selfassessment/compare.html",
        {
            "columns": columns,
            "rows": rows,
            "problems": problems,
            "choices": choices[:MAX_CHOICES],
            "chosen": [report.pk for report in reports] + [None] * (MAX_COMPARED - len(reports)),
        },
    )
