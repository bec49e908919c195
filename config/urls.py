from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api import downloads as open_data_downloads
from api import seo as open_data_seo
from api.endpoints import api as open_data_api
from core import health, media_views
from glossary import views as glossary_views
from pages import views as page_views
from search import views as search_views
from similar import views as similar_views
from transparency import views as transparency_views

urlpatterns = [
    # Probes for the proxy and the orchestrator (core.health); outside the language prefixes.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include("roles.admin_urls")),  # before Wagtail's admin: overrides some of its reports
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", open_data_api.urls),
    path("sitemap.xml", open_data_seo.sitemap, name="sitemap"),
    path("robots.txt", open_data_seo.robots_txt, name="robots-txt"),
    path("self-assessment/", include("selfassessment.urls")),
]

if settings.SERVE_MEDIA and not settings.DEBUG:
    # `make prod` has no proxy in front: Django serves uploaded images (documents never: they go
    # through Wagtail's serve view and its restrictions). Behind nginx, nginx serves /media/.
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", media_views.serve_image)]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under /ky/, /ru/ and /en/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("search/suggest/", search_views.suggest, name="search-suggest"),
    path("not-translated/<int:page_id>/", page_views.not_translated, name="page-not-translated"),
    path("transparency/", transparency_views.transparency_index, name="transparency"),
    path("compare/", transparency_views.compare, name="compare"),
    path("help/similar/", similar_views.help_similar, name="help-similar"),
    path("self-assessment/", include("selfassessment.public_urls")),
    path("glossary/", glossary_views.glossary, name="glossary"),
    path("institutions/download/", open_data_downloads.directory_download, name="institutions-download"),
    path("", include("accreditation.urls")),
    path("", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A friendly 500 in the address's language, rendered without the database (operations/errors.py).
handler500 = "operations.errors.server_error"
