"""Local development: debug on, a per-machine secret generated on first use."""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, os
from .secret_file import read_or_create_secret

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or read_or_create_secret(BASE_DIR / ".secret_key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
