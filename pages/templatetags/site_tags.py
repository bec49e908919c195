"""Template helpers shared by every public page."""

from urllib.parse import unquote

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from accreditation.models import DecisionIndexPage, MinistryDocumentIndexPage
from core import content_version, memo
from core.visibility import live_translations, visible
from institutions.models import InstitutionIndexPage

register = template.Library()


def share_site_root_paths(request):
    """Wagtail reads the sites' root paths (two queries) once per request to build any page URL; they are
    the same for every page, so they are read once per process and content version (core.memo)."""
    if request is not None and not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = memo.remember_shared("site-root-paths", Site.get_site_root_paths)


def translation_urls(page, request) -> dict:
    """Language code → (URL, full URL) of each live version of the page; for the language links and
    hreflang, once per request and cached under the content version."""
    if page is None or not getattr(page, "pk", None):
        return {}
    cached = getattr(page, "_translation_urls", None)
    if cached is None:
        share_site_root_paths(request)
        host = request.get_host() if request is not None else ""
        key = content_version.cache_key("translation-urls", page.pk, host)
        cached = cache.get(key)
        if cached is None:
            cached = {
                code: (translated.get_url(request), translated.get_full_url(request))
                for code, translated in live_translations(page).items()
            }
            cache.set(key, cached, settings.PUBLIC_CACHE_SECONDS)
        page._translation_urls = cached
    return cached


def subpage_suffix(page, request) -> str:
    """The path after the page's own URL when a routable page serves one of its sub-views (a
    decision's evidence/), so the other languages link to the same view, not to the page."""
    if request is None or getattr(request, "routable_resolver_match", None) is None or page is None:
        return ""
    own = unquote(page.get_url(request) or "")  # request.path is decoded; a slug may not be ASCII
    if own.endswith("/") and request.path.startswith(own):
        return request.path[len(own) :]
    return ""


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page=None):
    """A link per site language: to this page's translation where it exists; on a view that is not a
    page (compare, transparency), the same view and parameters in that language."""
    request = context.get("request")
    translations = translation_urls(page, request)
    suffix = subpage_suffix(page, request)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        urls = translations.get(code)
        if urls is not None and urls[0]:
            url = urls[0] + suffix
        elif page is not None and getattr(page, "pk", None):
            # Say that this page is not translated, rather than silently landing elsewhere.
            with translation.override(code):
                url = reverse("page-not-translated", args=[page.pk])
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        # Each language is named in itself, so a reader finds their own.
        name = translation.get_language_info(code)["name_local"]
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


def _index_url(context, model):
    """The URL of the live `model` index page in the current language; looked up once per process and
    content version (core.memo: every page's menu shows them)."""
    request = context.get("request")
    language = translation.get_language()
    share_site_root_paths(request)
    host = request.get_host() if request is not None else ""
    cached = memo.remember_shared(("index-urls", language, host), lambda: _find_index_urls(language, request))
    return cached.get(model._meta.label)


def _index_models():
    return [
        (model._meta.label, model) for model in (InstitutionIndexPage, DecisionIndexPage, MinistryDocumentIndexPage)
    ]


def _find_index_urls(language, request):
    """Model label → URL of its live index page in `language` (else in any language), all in one query:
    filtered by content type, which the page table indexes. The lowest id wins, as it always did."""
    models = dict(_index_models())
    label_of = {ContentType.objects.get_for_model(model).pk: label for label, model in models.items()}
    indexes = visible(Page.objects.filter(content_type_id__in=label_of)).select_related("locale").order_by("pk")
    chosen = {}
    for index in indexes:
        label = label_of[index.content_type_id]
        if label not in chosen or (index.locale.language_code == language != chosen[label].locale.language_code):
            chosen[label] = index
    return {label: (chosen[label].get_url(request) if label in chosen else None) for label in models}


@register.simple_tag(takes_context=True)
def directory_url(context):
    """The URL of the institution directory in the current language."""
    return _index_url(context, InstitutionIndexPage) or f"/{translation.get_language()}/"


@register.simple_tag(takes_context=True)
def decisions_url(context):
    """The URL of the register of accreditation decisions in the current language ("" without one)."""
    return _index_url(context, DecisionIndexPage) or ""


@register.simple_tag(takes_context=True)
def documents_url(context):
    """The URL of the ministry documents in the current language ("" without them)."""
    return _index_url(context, MinistryDocumentIndexPage) or ""


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context, page=None):
    """<link rel="alternate" hreflang> for every live translation of the page."""
    request = context.get("request")
    links = []
    suffix = subpage_suffix(page, request)
    for code, (_url, url) in translation_urls(page, request).items():
        if url:
            links.append({"code": code, "url": url + suffix})
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    return {"links": links, "default": default}
