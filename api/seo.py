"""sitemap.xml with every language version of every page, and robots.txt."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page

from accreditation.models import DecisionIndexPage
from core.visibility import visible

KEYS_PER_QUERY = 5000


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists only the site root's tree (the Kyrgyz one); this one lists the Russian
    and English trees too, and gives each URL its language versions as hreflang alternates."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return visible(Page.objects.filter(in_a_tree)).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        versions = self._versions(items)
        urls, last_mods = [], set()
        for item in items:
            alternates = versions.get(item.translation_key, [])
            default = [alt for alt in alternates if alt["lang_code"] == settings.LANGUAGE_CODE]
            for url_info in item.get_sitemap_urls(self.request):
                # Only the page's own URL has language versions (not extra URLs a page type adds).
                if len(alternates) > 1 and url_info.get("location") in {alt["location"] for alt in alternates}:
                    url_info["alternates"] = alternates + [
                        {"lang_code": "x-default", "location": alt["location"]} for alt in default
                    ]
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _versions(self, pages):
        """translation key → [{lang_code, location}] of the live public versions, in one query."""
        keys = sorted({page.translation_key for page in pages})
        versions = {}
        translated = []
        for start in range(0, len(keys), KEYS_PER_QUERY):  # SQLite caps the number of query parameters
            translated += (
                visible(Page.objects.filter(translation_key__in=keys[start : start + KEYS_PER_QUERY]))
                .select_related("locale")
                .order_by("path")
            )
        for version in translated:
            location = version.get_full_url(self.request)
            if location:
                versions.setdefault(version.translation_key, []).append(
                    {"lang_code": version.locale.language_code, "location": location}
                )
        return versions


@require_GET
def sitemap(request):
    return wagtail_sitemap_view(request, sitemaps={"pages": MultilingualSitemap})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Downloads repeat the directory's content in bulk; crawlers need the pages, not the files.
        "Disallow: /*/institutions/download/",
    ]
    # The register's downloads are the register page with ?format= (after its filters, if any).
    for path in register_paths(request):
        lines += [f"Disallow: {path}?format=", f"Disallow: {path}*&format="]
    lines += [
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def register_paths(request):
    """The paths of the decision registers in every language (/ky/decisions/, …), whatever their slug."""
    paths = set()
    for register in visible(DecisionIndexPage.objects.all()):
        url = register.get_url(request)
        if url:
            paths.add(urlsplit(url).path)
    return sorted(paths)
