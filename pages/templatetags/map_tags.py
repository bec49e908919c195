"""The institution map: markers for the map script (assets/js/map.js) as JSON data, never inline JS."""

from django import template

register = template.Library()


def map_point(page, request):
    if page.latitude is None or page.longitude is None:
        return None
    return {
        "title": page.title,
        "url": page.get_url(request),
        "lat": float(page.latitude),
        "lon": float(page.longitude),
    }


@register.inclusion_tag("includes/map.html", takes_context=True)
def institution_map(context, institutions, map_id, label):
    """A map of the institution pages that have coordinates; nothing when none has any.

    `institutions` is one page, or a list of pages or of search hits (their `.page`)."""
    request = context.get("request")
    if hasattr(institutions, "latitude"):
        institutions = [institutions]
    pages = [getattr(item, "page", item) for item in institutions]
    points = [point for point in (map_point(page, request) for page in pages) if point]
    return {
        "points": points,
        "map_id": map_id,
        "points_id": f"{map_id}-points",
        "label": label,
        "single": points[0] if len(points) == 1 else None,
    }
