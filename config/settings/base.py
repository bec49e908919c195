"""Settings shared by every environment. Secrets come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.release import release_id

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
    "glossary",
    "institutions",
    "search",
    "transparency",
    "similar",
    "selfassessment",
    "roles",
    "accreditation",
    "demo",
    "api",
    "registry",
    "signin",
    "alerts",
    # Wagtail.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "roles.users_app.UsersConfig",  # wagtail.users, its groups list in the admin language
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
    # Static files with far-future headers, before anything that touches the session or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control for proxies (public for anonymous pages, else private), then ETags and 304s;
    # outside the session middleware, so they see whether the session was read or a cookie set.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.headers.CacheControlMiddleware",
    # Public reads go to the read replica when DATABASE_REPLICA_URL is set (core.db_router).
    "core.db_router.ReplicaReadsMiddleware",
    "operations.errors.MaintenanceModeMiddleware",
    # Whole public pages for visitors without a session, from the shared cache (PAGE_CACHE_SECONDS);
    # inside the headers above, so a copy gets the same Cache-Control and ETag as a fresh page.
    "core.response_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.headers.PermissionsPolicyMiddleware",
    # The site of a page request from core.memo, not a query per request.
    "core.shared_site.SharedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "signin.middleware.SignInThrottleMiddleware",
    # Last, as django-axes asks: turns a lockout during authenticate() into the lockout page.
    "axes.middleware.AxesMiddleware",
    # process_exception runs bottom-up: a database that is restarting answers 503 before anything else.
    "operations.errors.DatabaseUnavailableMiddleware",
    # An upload that meets a full disk: the form again with a message, not a 500.
    "operations.storage_full.StorageFullMiddleware",
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
# The admin speaks Kyrgyz too: Wagtail ships no ky, so locale_admin/ holds the project's translation
# of Wagtail's and wagtail-localize's catalogues (manage.py update_admin_catalogues).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ky", "Кыргызча"), ("ru", "Русский"), ("en", "English")]
# The project's own strings come first: they win over the admin catalogues (and both over Django's
# and the apps' own), and makemessages writes only to the first path.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    # Django's FileSystemStorage that removes a partial file when the disk fills up mid-write.
    "default": {"BACKEND": "operations.storage_full.TidyFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Achyk Bilim"
# No Gravatar: it would send a hash of every editor's e-mail address abroad. Editors upload their own
# avatar in the account settings; without one the admin shows its default image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "signin.login_form.LoginForm"  # the password label in the admin language
# Public fragments and search answers are cached under the content version (core.content_version),
# so a change never waits for this; it only bounds how long unused entries take memory.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "3600"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site's address for links in alert e-mails and the notice's QR code (the same host as the
# admin unless set).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)
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
MAINTENANCE_EXEMPT_PATHS = ["/healthz", "/readyz", "/static/"]  # probes still answer (core/health.py)

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
# Browser features the site never uses (core.headers.PermissionsPolicyMiddleware).
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
# Alert sign-ups (alerts/throttle.py): each sends a confirmation mail.
ALERTS_SIGNUP_ADDRESS_RATE = "5/h"
ALERTS_SIGNUP_CLIENT_RATE = "20/h"
RATELIMIT_USE_CACHE = "default"
# The client address (signin/client_address.py): REMOTE_ADDR, unless the site runs behind
# TRUSTED_PROXY_COUNT reverse proxies that each append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "signin.client_address.client_ip"

# Approving a review workflow publishes the page even though district reviewers hold no publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "roles.publishing.publish_approved_workflow_state"

# ---- Production shape (issue 16): background tasks, shared cache. Everything from the environment;
# without it the site runs on nothing but itself (tasks inline, a per-process memory cache).
INSTALLED_APPS += [  # noqa: F405 - kept apart from the list above to ease merges
    # Background tasks: Wagtail 7.4 enqueues through the django-tasks package; django-tasks-db
    # holds the queue in the database when production selects its backend.
    "django_tasks",
    "django_tasks_db",
]
# Development and tests run every task at once, inside the request; production queues them
# (config/settings/production.py) for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A task still claimed this long after it started is taken as abandoned by a worker that died on
# another machine, and queued again (core.task_recovery; on the same host a dead worker is seen at once).
TASK_ABANDONED_AFTER_SECONDS = int(os.environ.get("TASK_ABANDONED_AFTER_SECONDS", str(6 * 3600)))
# Where core.mail.QueuedEmailBackend's worker hands messages (when EMAIL_BACKEND selects it).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Redis, shared by every process and machine, when REDIS_URL is set (redis://host:6379/0).
# core.cache.ResilientRedisCache turns a Redis outage into cache misses (logged), never an error.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis_options = {
        # A dead Redis must cost a request milliseconds, not the default minutes.
        "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
        "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
    }
    # Keys carry the release (config.release): a new release never reads what the last one rendered.
    RELEASE_ID = release_id(BASE_DIR)
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "achyk"),
            "VERSION": RELEASE_ID,
            "TIMEOUT": PUBLIC_CACHE_SECONDS,
            "OPTIONS": _redis_options,
        },
        # Wagtail looks up rendition rows through this alias.
        "renditions": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "achyk") + "-renditions",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": _redis_options,
        },
    }
    # Sessions read from Redis and fall back to the database when it is down.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Health endpoints (core.health, issue 16): /readyz answers 503 when one of these parts is down;
# the others (cache, search, tasks) are reported as "degraded", the site answering without them.
READYZ_REQUIRED = [p.strip() for p in os.environ.get("READYZ_REQUIRED", "database").split(",") if p.strip()]
# More queued tasks than this means the worker is stopped or overwhelmed.
READYZ_TASK_BACKLOG_LIMIT = int(os.environ.get("READYZ_TASK_BACKLOG_LIMIT", "1000"))

# Cache-Control (core.headers.CacheControlMiddleware, issue 16): browsers keep an anonymous public
# page for PUBLIC_MAX_AGE seconds, shared caches (the proxy, a CDN) for PUBLIC_S_MAXAGE; publishing
# purges the shared copies when WAGTAILFRONTENDCACHE is configured. These paths are never public.
# Whole anonymous public pages kept in the shared cache (core.response_cache), keyed by the content
# version and the day; 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
PUBLIC_S_MAXAGE = int(os.environ.get("PUBLIC_S_MAXAGE", "300"))
PRIVATE_PATH_PREFIXES = ["/admin/"]
# Front-end cache purging (core.frontend_cache): FRONTEND_CACHE_PURGE_URL is the proxy's purge
# address (Varnish, or nginx with a purge module), e.g. http://127.0.0.1:6081; unset, nothing is purged.
# Each translation's own URL is purged (translated slugs differ), so no language rewriting here.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []

# ---- Media on S3 (issue 16): with AWS_STORAGE_BUCKET_NAME set, uploaded documents and images go to
# that bucket (any S3-compatible service: AWS_S3_ENDPOINT_URL) through django-storages; otherwise to
# MEDIA_ROOT. The bucket stays private: documents are always served by Wagtail's serve view, which
# applies the collection's view restrictions, and image URLs are signed and expire (never a public
# bucket URL). Signed URLs outlive the cached fragments and proxy copies that may contain them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
                "location": os.environ.get("AWS_LOCATION", "media"),
                "default_acl": None,  # the bucket's own policy: private
                "querystring_auth": True,
                "signature_version": "s3v4",
                "querystring_expire": 2 * PUBLIC_CACHE_SECONDS + PUBLIC_S_MAXAGE,
                "file_overwrite": False,
            },
        },
    }
# Documents go through Django (restrictions checked, then streamed), whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# ---- PostgreSQL in production (issue 16): persistent connections checked before reuse, and an
# optional streaming replica that public page reads use (core.db_router); writes, the admin, the
# worker and commands use the primary. DB_CONN_MAX_AGE: seconds a connection is kept (0 = per request).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_REPLICA_ALIAS = None
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASE_REPLICA_ALIAS = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    # Tests run against the primary only; the replica is the same data.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]


_prepared_switch = os.environ.get("DB_PREPARED_STATEMENTS", "true").strip().lower()
if _prepared_switch not in ("true", "false", "1", "0", "yes", "no"):
    # A typo must not silently keep statements a pooler cannot hold.
    raise ImproperlyConfigured(f"DB_PREPARED_STATEMENTS must be true or false, not {_prepared_switch!r}.")
_PREPARED_STATEMENTS = _prepared_switch in ("true", "1", "yes")


def prepared_statements(database):
    """PostgreSQL binds parameters on the server and keeps a plan for a query psycopg has sent five times
    on a connection (psycopg's default threshold): a cold profile's 17 queries are then only executed,
    not parsed and planned again (34 to 28 ms measured). DB_PREPARED_STATEMENTS=false turns it off, as a
    PgBouncer older than 1.22 in transaction mode needs."""
    if _PREPARED_STATEMENTS and database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    return database


for _database in DATABASES.values():
    prepared_statements(_database)

# Only for `make prod` without a proxy: Django serves uploaded images under /media/ (never documents).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() == "true"
