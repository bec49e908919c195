"""Production: every value comes from the environment (deploy/env.example lists them all).

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and an https WAGTAILADMIN_BASE_URL.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import STORAGES, os


def env_flag(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names).")
# Invitation and notification e-mails link to the admin through this address: never over plain http
# (except to this machine's loopback, where `make prod` runs the production shape without TLS).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip().rstrip("/")
_base_url = urlsplit(WAGTAILADMIN_BASE_URL)
_loopback = _base_url.scheme == "http" and _base_url.hostname in {"127.0.0.1", "localhost", "::1"}
if not (_base_url.scheme == "https" or _loopback) or not _base_url.hostname:
    raise ImproperlyConfigured(
        "Set WAGTAILADMIN_BASE_URL to the site's https address (e.g. https://achykbilim.kg); "
        "e-mailed admin links are built from it."
    )
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
] or [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
# Alert e-mails (their List-Unsubscribe address) and the notice's QR code: https as well (loopback
# http only for `make prod`, like the admin address above).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL).strip().rstrip("/")
if not (PUBLIC_BASE_URL.startswith("https://") or (_loopback and PUBLIC_BASE_URL == WAGTAILADMIN_BASE_URL)):
    raise ImproperlyConfigured("Set PUBLIC_BASE_URL to the public site's https address.")

# HTTPS is terminated by the proxy (deploy/nginx/achyk-bilim.conf), which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
# Probes reach the application directly over HTTP, not through the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload lists are hard to leave again: opt in once the whole domain is served over https.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "false").lower() == "true"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload off is a choice (above), not an oversight
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# ---- PostgreSQL (issue 16): keep connections for a minute by default (checked before reuse).
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))

# ---- Static files (issue 16): hashed, compressed names that whitenoise serves with far-future headers.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405

# ---- Background tasks (issue 16): queued in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ---- E-mail (issue 16): requests only queue messages (core.mail); the worker delivers them through
# EMAIL_DELIVERY_BACKEND, Django's SMTP backend by default, which reads the EMAIL_* values.
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# ---- Logging (issue 16): to stderr, which systemd's journal or the container runtime keeps.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
