from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api import downloads as open_data_downloads
from api import seo as open_data_seo
from api.endpoints import api as open_data_api
from pages import views as page_views
from search import views as search_views
from transparency import views as transparency_views

urlpatterns = [
    path("admin/", include("roles.admin_urls")),  # before Wagtail's admin: overrides some of its reports
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", open_data_api.urls),
    path("sitemap.xml", open_data_seo.sitemap, name="sitemap"),
    path("robots.txt", open_data_seo.robots_txt, name="robots-txt"),
    path("self-assessment/", include("selfassessment.urls")),
]

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
    path("institutions/download/", open_data_downloads.directory_download, name="institutions-download"),
    path("", include("accreditation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A friendly 500 in the address's language, rendered without the database (operations/errors.py).
handler500 = "operations.errors.server_error"
