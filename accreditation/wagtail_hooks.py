from django.conf import settings
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

from core.visibility import visible
from selfassessment.prefill import EARLIER_ACCREDITATION_HOOK, REMEDIATION_HOOK

from . import admin_views
from .models import AccreditationDecisionPage


@hooks.register("register_admin_urls")
def remediation_urls():
    return [
        path("remediation/", admin_views.remediation_index, name="accreditation_remediation"),
        path(
            "remediation/<int:decision_id>/report/", admin_views.submit_report, name="accreditation_remediation_submit"
        ),
        path(
            "remediation/reports/<int:report_id>/review/",
            admin_views.review_report,
            name="accreditation_remediation_review",
        ),
    ]


@hooks.register("before_serve_document")
def hide_unaccepted_reports(document, request):
    """A remediation report's file is public only once the report is accepted; until then only those who
    see the decision in the admin (its editors, reviewers, the ministry) may open it."""
    return admin_views.refuse_unaccepted_report(document, request)


class RemediationMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_remediation(request.user)


@hooks.register("register_admin_menu_item")
def remediation_menu_item():
    return RemediationMenuItem(
        gettext_lazy("Remediation reports"), reverse("accreditation_remediation"), icon_name="doc-full", order=250
    )


def decision_line(decision):
    values = {
        "number": decision.number,
        "date": f"{decision.decision_date:%d.%m.%Y}",
        "kind": decision.get_kind_display(),
        "outcome": decision.get_outcome_display(),
    }
    if decision.valid_until and decision.outcome != AccreditationDecisionPage.Outcome.REFUSED:
        values["until"] = f"{decision.valid_until:%d.%m.%Y}"
        return _("No. %(number)s of %(date)s: %(kind)s, %(outcome)s, valid until %(until)s.") % values
    return _("No. %(number)s of %(date)s: %(kind)s, %(outcome)s.") % values


@hooks.register(EARLIER_ACCREDITATION_HOOK)
def earlier_accreditation(institution, year):
    """Section 1's "earlier accreditation": the institution's live decisions up to the report's year, oldest
    first. In the site's default language, like the rest of the report's text copied from the profile."""
    decisions = visible(
        AccreditationDecisionPage.objects.filter(
            institution__translation_key=institution.translation_key, decision_date__year__lte=year
        ),
        Locale.get_default(),
    ).order_by("decision_date", "pk")
    with translation.override(settings.LANGUAGE_CODE):
        return "\n".join(decision_line(decision) for decision in decisions)


@hooks.register("before_serve_document")
def hide_files_of_hidden_pages(document, request):
    """A conclusion or a ministry document's file follows the pages that publish it: when all of them are
    hidden from visitors (a view restriction, or about a private institution), so is the file."""
    return admin_views.refuse_files_of_hidden_pages(document, request)


@hooks.register(REMEDIATION_HOOK)
def remediation_for_report(institution, year):
    """Item 1c in the next report: the latest live decision before the report's year that named
    shortcomings, and the notes of its accepted remediation reports (what was done)."""
    decision = (
        visible(
            AccreditationDecisionPage.objects.filter(
                institution__translation_key=institution.translation_key, decision_date__year__lt=year
            ),
            Locale.get_default(),
        )
        .exclude(shortcomings="")
        .order_by("-decision_date", "-pk")
        .first()
    )
    if decision is None:
        return None
    shortcomings = " ".join(strip_tags(decision.shortcomings).split())
    done = "\n".join(report.note.strip() for report in decision.remediation_reports() if report.note.strip())
    with translation.override(settings.LANGUAGE_CODE):
        source = _("Decision No. %(number)s of %(date)s.") % {
            "number": decision.number,
            "date": f"{decision.decision_date:%d.%m.%Y}",
        }
    return f"{source} {shortcomings}", done
