from django import template

from core.visibility import visible

from ..models import SimilarInstitution
from ..reasons import why_line

register = template.Library()


@register.inclusion_tag("institutions/includes/similar_list.html", takes_context=True)
def similar_institutions(context, page):
    """The stored similar institutions of a profile: one query, public pages only (core.visibility). The
    request goes along so their URLs reuse its site root paths (Wagtail reads them again without it)."""
    rows = (
        visible(SimilarInstitution.objects.filter(institution=page, similar__live=True))
        .select_related("similar", "similar__institution_type", "similar__region", "similar__district")
        # Only the columns the list shows (and a URL needs): a whole institution page is about 70.
        .only(
            "reasons",
            "similar__title",
            "similar__url_path",
            "similar__institution_type__name",
            "similar__region__name",
            "similar__district__name",
        )
        .order_by("rank")
    )
    return {
        "items": [{"page": row.similar, "why": why_line(row.reasons)} for row in rows],
        "request": context.get("request"),
    }
