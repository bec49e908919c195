"""Whole public pages from the shared cache (core.response_cache): only for visitors without a session,
never for signed-in users or pages behind a restriction, and never stale after a change."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.response_cache import HEADER

from .factories import InstitutionPageFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-cache-tests"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(directory):
    return InstitutionPageFactory(parent=directory, title="Токмоктогу №3 мектеп")


def test_an_anonymous_visitor_gets_the_second_request_from_the_cache(client, school):
    first = client.get(school.url)
    assert first.status_code == 200 and first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(school.url)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 1  # the content version, nothing else
    assert "public" in second["Cache-Control"] and second.has_header("ETag")


def test_a_committed_change_is_shown_at_once(client, school, django_capture_on_commit_callbacks):
    assert "Токмоктогу №3 мектеп" in client.get(school.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        school.title = "Токмоктогу №3 гимназия"
        school.save_revision().publish()
    response = client.get(school.url)
    assert response[HEADER] == "miss"
    assert "Токмоктогу №3 гимназия" in response.content.decode()


def test_signed_in_users_neither_get_nor_make_a_copy(client, admin_client, school):
    assert client.get(school.url)[HEADER] == "miss"  # an anonymous copy exists now
    for _ in range(2):
        response = admin_client.get(school.url)
        assert response.status_code == 200
        assert not response.has_header(HEADER)  # the session cookie keeps them away from the copies


def test_a_page_behind_a_password_is_never_copied(client, school):
    PageViewRestriction.objects.create(page=school, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    for _ in range(2):
        response = client.get(school.url)
        assert not response.has_header(HEADER)
        assert "Токмоктогу" not in response.content.decode()


def test_the_language_a_response_varies_on_is_part_of_the_key(client, world):
    english = client.get("/api/v1/regions", HTTP_ACCEPT_LANGUAGE="en")
    kyrgyz = client.get("/api/v1/regions", HTTP_ACCEPT_LANGUAGE="ky")
    assert "Bishkek City" in english.content.decode()
    assert "Bishkek City" not in kyrgyz.content.decode()
    assert client.get("/api/v1/regions", HTTP_ACCEPT_LANGUAGE="en")[HEADER] == "hit"


def test_probes_are_never_copied(client, db):
    for _ in range(2):
        assert not client.get("/readyz").has_header(HEADER)


def test_off_when_the_setting_is_zero(client, school, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert not client.get(school.url).has_header(HEADER)
