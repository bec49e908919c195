"""The disclosures that accreditation criteria 1.6 and 4.3 require every institution to publish.

One entry per field of InstitutionPage; templates, the admin checklist and the transparency
index read this list instead of naming fields again.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Disclosure:
    field: str
    label: str
    criteria: tuple[str, ...]
    document_field: str | None = None

    @property
    def updated_field(self) -> str:
        return f"{self.field}_updated"


DISCLOSURES = (
    Disclosure("mission", _("Mission"), ("1.6", "4.3")),
    Disclosure("strategic_plan", _("Strategic plan"), ("1.6",), "strategic_plan_document"),
    Disclosure("current_plan", _("Current plan"), ("1.6",), "current_plan_document"),
    Disclosure("educational_goals", _("Educational goals"), ("1.6", "4.3")),
    Disclosure("learning_outcomes", _("Expected learning outcomes"), ("1.6", "4.3")),
    Disclosure("quality_system", _("Quality management system"), ("1.6",)),
    Disclosure("qualifications_awarded", _("Qualifications awarded"), ("4.3",)),
    Disclosure("learning_forms", _("Forms and means of learning and teaching"), ("4.3",)),
    Disclosure("assessment_procedures", _("Assessment procedures"), ("4.3",)),
    Disclosure("passing_scores", _("Passing scores and opportunities for students"), ("4.3",)),
    Disclosure("graduate_employment", _("Graduates' employment opportunities"), ("4.3",)),
)

DISCLOSURE_FIELDS = tuple(d.field for d in DISCLOSURES)
