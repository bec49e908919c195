"""The report's states: draft → submitted → accepted, or returned with comments (a draft again)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SelfAssessmentReport

Status = SelfAssessmentReport.Status


class TransitionRefused(Exception):
    """The step cannot be taken; `messages` say why, each one something the user can fix."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))


def missing_criteria(report):
    """Criteria still without a result, in the template's order."""
    return [a.criterion for a in report.assessments.select_related("criterion") if not a.result]


def submission_problems(report) -> list[str]:
    problems = []
    if not report.is_draft:
        problems.append(_("Only a draft can be submitted."))
        return problems
    missing = missing_criteria(report)
    if missing:
        problems.append(
            _("These criteria have no self-assessment result yet: %(codes)s.")
            % {"codes": ", ".join(c.code for c in missing)}
        )
    if not report.confirmed_by.strip():
        problems.append(_("The head's full name is required to confirm the report."))
    if not report.confirmed_on:
        problems.append(_("The date of the head's confirmation is required."))
    if not report.confirmation_statement:
        problems.append(_("The head must confirm that the information in the report is true."))
    return problems


def submit(report, user):
    problems = submission_problems(report)
    if problems:
        raise TransitionRefused(problems)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.save()


def accept(report, user):
    if report.status != Status.SUBMITTED:
        raise TransitionRefused([_("Only a submitted report can be accepted.")])
    report.status = Status.ACCEPTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comments = ""
    report.save()


def return_to_draft(report, user, comments):
    """Send a submitted (or accepted) report back to the institution with the reviewer's comments."""
    if report.status == Status.DRAFT:
        raise TransitionRefused([_("This report is already a draft.")])
    if not (comments or "").strip():
        raise TransitionRefused([_("Say what the institution must correct.")])
    report.status = Status.DRAFT
    report.published = False
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comments = comments.strip()
    # The head confirms the corrected report anew.
    report.confirmation_statement = False
    report.save()


def set_published(report, published):
    if published and report.status != Status.ACCEPTED:
        raise TransitionRefused([_("Only an accepted report can be published.")])
    report.published = published
    report.save(update_fields=["published", "updated_at"])
