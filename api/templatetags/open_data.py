"""Template tags of the open-data app: download links for the directory, JSON-LD for profiles."""

import json

from django import template
from django.utils.safestring import mark_safe

from ..downloads import download_links
from ..json_ld import educational_organization

register = template.Library()


@register.inclusion_tag("api/download_links.html")
def directory_download_links(query):
    return {"links": download_links(query)}


@register.simple_tag(takes_context=True)
def institution_json_ld(context, page):
    """A schema.org EducationalOrganization data block (not executed, so a strict CSP allows it)."""
    data = educational_organization(context.get("request"), page)
    text = json.dumps(data, ensure_ascii=False, cls=_Encoder)
    # "<", ">" and "&" escaped as in Django's json_script, so no text can close the script element.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


class _Encoder(json.JSONEncoder):
    def default(self, value):
        return str(value)
