from django import template
from django.utils import translation

from alerts import targets
from alerts.forms import FollowForm

register = template.Library()


@register.inclusion_tag("alerts/follow_form.html")
def institution_follow_form(institution):
    return {"form": FollowForm(), "follow_value": targets.value_of(targets.Target.INSTITUTION, institution)}


@register.inclusion_tag("alerts/follow_form.html", takes_context=True)
def area_follow_form(context):
    """The directory's form: its current district, region or type filter is preselected."""
    request = context.get("request")
    params = request.GET if request is not None else {}
    slugs = {
        targets.Target.REGION: params.get("region"),
        targets.Target.DISTRICT: params.get("district"),
        targets.Target.TYPE: params.get("type"),
    }
    choices, selected = targets.area_choices(translation.get_language(), slugs)
    return {"form": FollowForm(), "follow_choices": choices, "follow_value": selected}
