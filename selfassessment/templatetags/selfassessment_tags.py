from django import template

from core.visibility import visible

from ..layout import text_language
from ..models import SelfAssessmentReport

register = template.Library()


@register.inclusion_tag("selfassessment/profile_reports.html", takes_context=True)
def published_self_assessments(context, page):
    """Links to the web pages and PDFs of the institution's published reports, newest year first (one query).

    Reports belong to the Kyrgyz page; its translations share its translation key.
    """
    reports = (
        visible(
            SelfAssessmentReport.objects.filter(
                institution__translation_key=page.translation_key,
                published=True,
                status=SelfAssessmentReport.Status.ACCEPTED,
            )
        )
        .order_by("-year")
        .only("pk", "year")
    )
    # The PDF in the visitor's language (the export has all three).
    return {"reports": list(reports), "pdf_language": text_language()}
