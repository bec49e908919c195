"""The public glossary page: every term in the visitor's language, each with an anchor."""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse

from .lookup import terms_in_language


def glossary(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return TemplateResponse(request, "glossary/glossary.html", {"terms": terms_in_language()})
