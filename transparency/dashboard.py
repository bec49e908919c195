"""The transparency sections of the role panels (registered in transparency.apps): an editor's
checklist of disclosures, a reviewer's institutions by completeness, the ministry's least complete."""

from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionPage
from roles.dashboard import in_default_language, section

from .score import checklist_for_page, score_from_items, scored_rows

LEAST_COMPLETE_COUNT = 10


def editor_sections(institution, today):
    # What editors work on: the latest draft, so the checklist moves as soon as they save.
    page = institution.get_latest_revision_as_object() if institution.latest_revision_id else institution
    items = checklist_for_page(page, today)
    todo = [item for item in items if not item.present or item.stale]
    return [
        section(
            _("Score %(score)s of 100: to publish or update") % {"score": score_from_items(items)},
            "checklist",
            [{"item": item, "edit_page": institution} for item in todo],
            _("Every required disclosure is published and up to date."),
        )
    ]


def reviewer_sections(institutions, today):
    rows = sorted(scored_rows(institutions, extra_fields=("title",), today=today), key=lambda row: row["score"])
    return [section(_("Institutions by completeness"), "scores", rows, _("No institutions yet."))]


def ministry_sections(today):
    rows = sorted(
        scored_rows(in_default_language(InstitutionPage.objects.all()), extra_fields=("title",), today=today),
        key=lambda row: (row["score"], row["title"]),
    )[:LEAST_COMPLETE_COUNT]
    return [section(_("Least complete institutions"), "scores", rows, _("No institutions yet."))]
