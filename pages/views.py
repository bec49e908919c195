"""The page the language switcher opens when the current page has no translation in that language."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page


def not_translated(request, page_id):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404(_("No such page."))
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return render(
        request,
        "pages/not_translated.html",
        {"original": page, "translations": translations},
        status=404,
    )
