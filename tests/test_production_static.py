"""Static files in production: hashed, compressed copies that whitenoise serves with far-future headers.

The collection runs over one small folder (the whole project's takes a minute), through the same
storage and middleware that production uses.
"""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

CSS = "body { color: #222; }\n" * 200  # large enough for whitenoise to keep a compressed copy


@pytest.fixture
def collected(settings, tmp_path):
    source = tmp_path / "assets"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text(CSS)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_static_files_get_hashed_names_and_far_future_headers(collected, db):
    url = static("css/site.css")
    assert url != "/static/css/site.css"  # a content hash in the name, so a change is a new URL
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == CSS
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert "max-age=315360000" in cache_control


def test_static_files_are_served_compressed_to_browsers_that_accept_it(collected, db):
    response = Client().get(static("css/site.css"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]

