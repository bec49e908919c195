from django import template

from core.visibility import visible

from ..models import SimilarInstitution
from ..reasons import why_line

register = template.Library()


@register.inclusion_tag("institutions/includes/similar_list.html")
def similar_institutions(page):
    """The stored similar institutions of a profile: one query, public pages only (core.visibility)."""
    rows = (
        visible(SimilarInstitution.objects.filter(institution=page, similar__live=True))
        .select_related("similar", "similar__institution_type", "similar__region", "similar__district")
        .order_by("rank")
    )
    return {"items": [{"page": row.similar, "why": why_line(row.reasons)} for row in rows]}
