"""Cache-Control for proxies and CDNs, conditional requests, and purging on publish.

Anonymous public pages may be kept (briefly by browsers, longer by shared caches); the admin, pages
behind a restriction and anything that sets a cookie never are.
"""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .conftest import locale_of
from .factories import InstitutionPageFactory, ProgrammePageFactory


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def school(directory):
    return InstitutionPageFactory(parent=directory)


def test_anonymous_public_pages_may_be_kept_by_shared_caches(client, school, directory):
    for url in ("/ky/", directory.url, directory.url + "?q=мектеп", school.url, "/ky/transparency/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == {"public", "max-age=60", "s-maxage=300"}, url
        assert response.has_header("ETag"), url
        assert not response.cookies, url


def test_an_unchanged_page_is_revalidated_with_304(client, school):
    first = client.get(school.url)
    again = client.get(school.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_admin_is_never_stored(client, admin_user):
    assert "no-store" in directives(client.get("/admin/"))  # the redirect to the login page
    assert "no-store" in directives(client.get("/admin/login/"))
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)
    assert not response.has_header("ETag")


def test_pages_behind_a_restriction_stay_private(client, school, directory):
    secret = InstitutionPageFactory(parent=directory, title="Жабык мектеп")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
    password_form = client.get(secret.url)
    assert password_form.status_code == 200
    assert {"private", "no-store"} <= directives(password_form)
    members_only = InstitutionPageFactory(parent=directory, title="Мүчөлөр үчүн")
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
    assert {"private", "no-store"} <= directives(client.get(members_only.url))


def test_a_response_that_sets_a_cookie_is_private(client, school, directory):
    secret = InstitutionPageFactory(parent=directory)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(secret.url)  # the password form carries a CSRF token and sets its cookie
    assert response.cookies
    assert "public" not in directives(response)


def test_not_found_and_language_redirects_are_not_kept(client, home):
    assert {"private", "no-store"} <= directives(client.get("/ky/no-such-page/"))
    assert {"private", "no-store"} <= directives(client.get("/", HTTP_ACCEPT_LANGUAGE="ru"))


def test_a_signed_in_editor_sees_the_same_public_page(client, school, admin_user):
    client.force_login(admin_user)
    response = client.get(school.url)
    assert "public" in directives(response)  # nothing in it depends on who asks: the session is never read


# Purging: a backend that records what it was asked to purge.
purged = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        purged.append(url)

    def purge_batch(self, urls):
        purged.extend(urls)


@pytest.fixture
def recorded_purges(settings):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "tests.test_cache_control.RecordingBackend"}}
    purged.clear()
    yield purged
    purged.clear()


def translate(page, code):
    copy = page.copy_for_translation(locale_of(code), copy_parents=True)
    copy.save_revision().publish()
    return copy


def test_publishing_purges_the_page_in_every_language_and_the_lists(
    recorded_purges, home, directory, django_capture_on_commit_callbacks
):
    register = DecisionIndexPageFactory(parent=home)
    school = InstitutionPageFactory(parent=directory, slug="mektep")
    russian = translate(school, "ru")
    translate(school, "en")  # a third language: its URL is purged as well
    russian.slug = "shkola"
    russian.save_revision().publish()
    recorded_purges.clear()

    with django_capture_on_commit_callbacks(execute=True):
        school.save_revision().publish()

    paths = {"/" + url.split("://", 1)[1].split("/", 1)[1] for url in recorded_purges}
    # The profile under each translation's own URL (the Russian slug differs).
    assert {"/ky/institutions/mektep/", "/ru/institutions/shkola/", "/en/institutions/mektep/"} <= paths
    # The lists that show it, in every language: home, directory, register.
    assert {"/ky/", "/ru/", "/en/", "/ky/institutions/", "/ru/institutions/", "/en/institutions/"} <= paths
    assert register.url in paths


def test_publishing_a_decision_purges_its_institution_profile(
    recorded_purges, home, directory, django_capture_on_commit_callbacks
):
    register = DecisionIndexPageFactory(parent=home)
    school = InstitutionPageFactory(parent=directory, slug="kolledj")
    decision = AccreditationDecisionPageFactory(parent=register, institution=school)
    programme = ProgrammePageFactory(parent=school)
    recorded_purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision.save_revision().publish()
        programme.save_revision().publish()
    assert any(url.endswith(school.url) for url in recorded_purges)


def test_nothing_is_purged_before_the_commit(recorded_purges, school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        school.save_revision().publish()
    assert recorded_purges == []
    assert callbacks
