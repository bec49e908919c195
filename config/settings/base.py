"""Settings shared by every environment. Secrets come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    # Project apps, one per domain; core is what they all share.
    "core",
    "operations",
    "pages",
    "taxonomy",
    "institutions",
    "search",
    "transparency",
    "selfassessment",
    "roles",
    "accreditation",
    "demo",
    "api",
    "registry",
    "signin",
    # Wagtail.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Elasticsearch mapping and model binding (used only when ELASTICSEARCH_URL is set).
    "django_elasticsearch_dsl",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # The JSON API (api/); listed so its docs page uses the bundled Swagger UI files, not a CDN.
    "ninja",
    # Content-Security-Policy header (django-csp 4).
    "csp",
    # Failed sign-ins: counting, lockout, and the records listed in Reports > Sign-in failures.
    "axes",
]

MIDDLEWARE = [
    # First: every response, even a refused one, carries the request id its log lines carry.
    "operations.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "operations.errors.MaintenanceModeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pages.headers.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "signin.middleware.SignInThrottleMiddleware",
    # Last, as django-axes asks: turns a lockout during authenticate() into the lockout page.
    "axes.middleware.AxesMiddleware",
    # process_exception runs bottom-up: a database that is restarting answers 503 before anything else.
    "operations.errors.DatabaseUnavailableMiddleware",
]

# django-axes checks every authenticate() call first (it needs the request, as every login form passes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Kyrgyz first, then Russian and English.
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", _("Kyrgyz")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail has no Kyrgyz admin translation; the admin is offered in Russian and English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Achyk Bilim"
# Public fragments and search answers are cached under the content version (pages.content_version),
# so a change never waits for this; it only bounds how long unused entries take memory.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "3600"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
# Upload caps, checked by Wagtail's upload forms with a translated message (nothing is stored above
# them); the web server's own body limit (e.g. nginx client_max_body_size 25m) should sit just above.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024  # a request body without its files (forms, JSON)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default: larger uploads go to a temporary file, not memory

# Operations (issue 17): every log line carries the request id (also sent as X-Request-ID);
# maintenance mode answers 503 with Retry-After, switched by the environment or by a file's presence.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.request_id.RequestIdFilter"}},
    "formatters": {
        "with_request_id": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "with_request_id"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
MAINTENANCE_MODE = os.environ.get("MAINTENANCE_MODE", "") in ("1", "true", "yes")
MAINTENANCE_FILE = os.environ.get("MAINTENANCE_FILE", str(BASE_DIR / "MAINTENANCE"))
MAINTENANCE_EXEMPT_PATHS = ["/health", "/static/"]

# Elasticsearch 8 (optional). Without ELASTICSEARCH_URL the database engine answers every search.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Index names start with this prefix, so environments sharing a cluster never touch each other's data.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "achyk-dev")
# A search slower than this (seconds) is abandoned and the database engine answers instead.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "1.0"))
# Dotted path of an elastic_transport node class; None is the client's default (urllib3). Tests point
# it at a node that speaks to osmem-server.
ELASTICSEARCH_NODE_CLASS = os.environ.get("ELASTICSEARCH_NODE_CLASS") or None
# django-elasticsearch-dsl reads these. Our client factory (search.es_client) reads the settings above
# at call time, and search.signals syncs live InstitutionPages on Wagtail's publish signals, so the
# package's own save/delete signal processor is switched off (the base class does nothing).
ELASTICSEARCH_DSL = {"default": {"hosts": ELASTICSEARCH_URL or "http://localhost:9200"}}
ELASTICSEARCH_DSL_SIGNAL_PROCESSOR = "django_elasticsearch_dsl.signals.BaseSignalProcessor"
ELASTICSEARCH_DSL_AUTOSYNC = False
ELASTICSEARCH_DSL_AUTO_REFRESH = False

# Kyrgyz date and number formats (Django's own use Russian-style "5 Ноябрь 2026 ж.").
FORMAT_MODULE_PATH = ["config.formats"]

# Security headers on every response. The public pages run no inline script or style: scripts and
# stylesheets are our own static files, map tiles come from OpenStreetMap. The Wagtail admin needs
# inline scripts and the API documentation page loads its own viewer, so both are left out of the CSP.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Browser features the site never uses (pages.headers.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Sign-in throttling (signin app, django-axes; docs/decisions.md "Sign-in throttling"). Five failures of
# one username from one address lock that pair out for 15 minutes; a client address alone may fail 50
# times an hour (any usernames), because schools and offices share one address behind NAT.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "signin.responses.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # Django's admin is not routed; Reports > Sign-in failures lists the records
SIGNIN_CLIENT_FAILURE_RATE = "50/h"
PASSWORD_RESET_ADDRESS_RATE = "3/h"
PASSWORD_RESET_CLIENT_RATE = "10/h"
RATELIMIT_USE_CACHE = "default"
# The client address (signin/client_address.py): REMOTE_ADDR, unless the site runs behind
# TRUSTED_PROXY_COUNT reverse proxies that each append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "signin.client_address.client_ip"

# Approving a review workflow publishes the page even though district reviewers hold no publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "roles.publishing.publish_approved_workflow_state"
