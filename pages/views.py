"""The page the language switcher opens when the current page has no translation in that language."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.visibility import restricted_paths, visible


def not_translated(request, page_id):
    paths = restricted_paths()
    page = visible(Page.objects.filter(pk=page_id), paths=paths).first()
    if page is None:
        raise Http404(_("No such page."))
    translations = visible(page.get_translations(inclusive=True), paths=paths).select_related("locale")
    return render(
        request,
        "pages/not_translated.html",
        {"original": page, "translations": translations},
        status=404,
    )
