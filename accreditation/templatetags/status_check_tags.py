from django import template
from django.urls import reverse

from accreditation.status_check import absolute

register = template.Library()


@register.inclusion_tag("accreditation/status_check_panel.html", takes_context=True)
def status_check_panel(context, institution):
    """The profile's badge preview, its embed code and the printable notice link (the URL built with the
    request, so Wagtail reuses the request's site root paths instead of reading them again)."""
    badge_url = reverse("institution-badge", args=[institution.pk])
    return {
        "institution": institution,
        "badge_url": badge_url,
        "notice_url": reverse("institution-notice", args=[institution.pk]),
        "profile_url": absolute(institution.get_url(context.get("request"))),
        "absolute_badge_url": absolute(badge_url),
    }
