from django import template
from django.urls import reverse

from accreditation.status_check import absolute

register = template.Library()


@register.inclusion_tag("accreditation/status_check_panel.html")
def status_check_panel(institution):
    """The profile's badge preview, its embed code and the printable notice link."""
    badge_url = reverse("institution-badge", args=[institution.pk])
    return {
        "institution": institution,
        "badge_url": badge_url,
        "notice_url": reverse("institution-notice", args=[institution.pk]),
        "profile_url": absolute(institution.url),
        "absolute_badge_url": absolute(badge_url),
    }
