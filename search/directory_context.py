"""What the directory template needs from a search: results, facets, chips and links."""

from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import content_version
from core.visibility import visible
from institutions.models import InstitutionPage
from transparency.selection import CompareSelection

from .query import FILTERS
from .service import search_institutions

FACET_LABELS = {
    "region": _("Region"),
    "district": _("District"),
    "type": _("Type"),
    "ownership": _("Ownership"),
    "language": _("Language of instruction"),
    "qualification": _("Qualification"),
    "status": _("Accreditation"),
    "transparency": _("Transparency score"),
    "report": _("Self-assessment report"),
}
ENGINE_LABELS = {"database": _("database"), "elasticsearch": "Elasticsearch"}
SORT_LABELS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "distance": _("Distance"),
    "transparency": _("Transparency score"),  # highest first
}


def directory_context(request, locale):
    query, result, vocabulary = search_institutions(request.GET, locale)
    compare = compare_context(request.GET, query, result)
    carry = compare["selection"].params()  # every link of the directory keeps the comparison choice
    facets = []
    for name in FILTERS:
        values = result.facets.get(name, [])
        for value in values:
            params = {**query.as_params(), name: value.value, **carry}
            params.pop("page", None)
            value.url = "?" + urlencode(params)
        facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    chips = [
        {
            "label": FACET_LABELS[name],
            "value": vocabulary.labels[name].get(value, value),
            "remove_url": "?" + urlencode({**query.without(name), **carry}),
        }
        for name, value in query.filters.items()
    ]
    if query.near:
        chips.append(
            {
                "label": _("Near"),
                "value": f"{query.near.lat:.3f}, {query.near.lon:.3f} ({query.near.radius_km:g} km)",
                "remove_url": "?" + urlencode({**query.without("near"), **carry}),
            }
        )
    # A place already chosen as a filter is not offered again.
    offered = [place for place in result.places if query.filters.get(place.name) != place.value]
    for place in offered:
        # The place as a filter instead of words: exactly the institutions located there.
        params = {k: v for k, v in query.as_params().items() if k not in ("q", "page")}
        place.url = "?" + urlencode({**params, place.name: place.value, **carry})
    page_params = {**{k: v for k, v in query.as_params().items() if k != "page"}, **carry}
    return {
        # The facets and the result cards are cached fragments: what they show depends on these.
        "content_key": content_version.cache_key(),
        "cache_seconds": settings.PUBLIC_CACHE_SECONDS,
        "fragment_key": f"{query.signature()}|{urlencode(carry)}|{result.engine}|{result.page}",
        "query": query,
        "result": result,
        "engine_label": ENGINE_LABELS.get(result.engine, result.engine),
        "facets": facets,
        "chips": chips,
        "place_filters": offered,
        "compare": compare,
        "clear_filters_query": _query_string({**({"q": query.text} if query.text else {}), **carry}),
        "sort_options": [(value, label) for value, label in SORT_LABELS.items() if value != "distance" or query.near],
        "hidden_params": {k: v for k, v in page_params.items() if k not in ("sort",)},
        "previous_url": "?" + urlencode({**page_params, "page": result.page - 1}) if result.has_previous else "",
        "next_url": "?" + urlencode({**page_params, "page": result.page + 1}) if result.has_next else "",
        "suggestion_url": "?" + urlencode({**page_params, "q": result.suggestion}) if result.suggestion else "",
    }


def compare_context(params, query, result):
    """The visitor's comparison choice (the `compare` parameter, published institutions only), and
    on each hit's page `compare_add_url` (this directory page with the hit added to the choice) or,
    when it is chosen, `compare_remove_url` (without it)."""
    selection = CompareSelection.from_params(params)
    chosen = []
    if selection.ids:
        titles = dict(visible(InstitutionPage.objects.filter(pk__in=selection.ids)).values_list("pk", "title"))
        selection = selection.only(titles)
        chosen = [{"pk": pk, "title": titles[pk]} for pk in selection.ids]
    for hit in result.hits:
        pk = hit.page.pk
        if pk not in selection and not selection.full:
            added = {**query.as_params(), **selection.with_added(pk).params()}
            hit.page.compare_add_url = f"?{urlencode(added)}#institution-{pk}"
        elif pk in selection:
            kept = {**query.as_params(), **selection.without(pk).params()}
            hit.page.compare_remove_url = f"?{urlencode(kept)}#institution-{pk}"
    return {
        "selection": selection,
        "chosen": chosen,
        "clear_url": _query_string(query.as_params()),  # after the directory path
    }


def _query_string(params):
    return "?" + urlencode(params) if params else ""
