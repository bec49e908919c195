from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from . import compute


@cache_control(public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
def help_similar(request):
    """The rule that chooses similar institutions, with its weights (the ones similar.compute uses)."""
    return render(
        request,
        "similar/help.html",
        {
            "listed": compute.LISTED,
            "type_weight": compute.TYPE_WEIGHT,
            "place_weight": compute.PLACE_WEIGHT,
            "programme_weight": compute.PROGRAMME_WEIGHT,
            "size_weight": compute.SIZE_WEIGHT,
            "half_size_weight": compute.SIZE_WEIGHT // 2,
            "score_weight": compute.SCORE_WEIGHT,
            "region_points": round(compute.PLACE_WEIGHT * compute.SAME_REGION),
            "place_km": compute.PLACE_KM,
            "score_span": compute.SCORE_SPAN,
        },
    )
