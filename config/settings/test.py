"""Test runs: fast hashing, in-memory e-mail, media in a temporary folder."""

import atexit
import shutil
import tempfile

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="achyk-bilim-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, True)
# An empty collected-static folder, so whitenoise has one to watch (tests never run collectstatic there).
STATIC_ROOT = tempfile.mkdtemp(prefix="achyk-bilim-test-static-")
atexit.register(shutil.rmtree, STATIC_ROOT, True)
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "http://testserver"
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX_PREFIX = "achyk-test"
# Each test builds its own data; a cache shared between tests would answer from another test's data.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Sign-in and password-reset counters must count; tests/conftest.py empties this before each test.
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
}
RATELIMIT_USE_CACHE = "throttle"
# Pages are rendered afresh in every test (tests/test_page_cache.py turns the whole-page cache on).
PAGE_CACHE_SECONDS = 0
