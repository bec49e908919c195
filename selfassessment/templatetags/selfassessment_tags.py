from django import template

from core.visibility import visible

from ..layout import text_language
from ..models import SelfAssessmentReport

register = template.Library()


@register.inclusion_tag("selfassessment/profile_reports.html", takes_context=True)
def published_self_assessments(context, page):
    """Links to the PDFs of the institution's published reports, newest year first (one query).

    Reports belong to the Kyrgyz page; its translations share its translation key.
    """
    reports = visible(
        SelfAssessmentReport.objects.filter(
            institution__translation_key=page.translation_key,
            published=True,
            status=SelfAssessmentReport.Status.ACCEPTED,
        )
    ).order_by("-year").only("pk", "year")
    # Kyrgyz and Russian are the template's languages; an English visitor gets the Russian PDF.
    language = "ky" if text_language() == "ky" else "ru"
    return {"reports": list(reports), "pdf_language": language}
