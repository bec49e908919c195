from django import template

from ..lookup import term

register = template.Library()


@register.inclusion_tag("glossary/term.html")
def glossary_term(slug, label=None):
    """An accessible disclosure: the term as a <summary>, its plain explanation and a link to the
    glossary inside (no hover-only tooltip, no script). Nothing when the term is not in the glossary."""
    return {"term": term(slug), "label": label}
