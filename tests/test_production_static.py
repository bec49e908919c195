"""Static files in production: hashed, compressed copies that whitenoise serves with far-future headers.

The collection runs over one small folder (the whole project's takes a minute), through the same
storage and middleware that production uses.
"""

import importlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import clear_url_caches

import config.urls

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


@pytest.fixture
def media_served_by_django(settings):
    """The URLs as `make prod` builds them (SERVE_MEDIA=true: no proxy in front)."""
    settings.SERVE_MEDIA = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield Path(settings.MEDIA_ROOT)
    settings.SERVE_MEDIA = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_without_a_proxy_images_are_served_but_documents_never(media_served_by_django, db):
    media = media_served_by_django
    (media / "images").mkdir(exist_ok=True)
    (media / "documents").mkdir(exist_ok=True)
    (media / "images" / "emblem.png").write_bytes(b"\x89PNG emblem")
    (media / "documents" / "internal.pdf").write_bytes(b"%PDF internal")
    client = Client()
    response = client.get("/media/images/emblem.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG emblem"
    for url in (
        "/media/documents/internal.pdf",
        "/media/images/../documents/internal.pdf",
        "/media/images%2F..%2Fdocuments/internal.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"internal" not in response.content
