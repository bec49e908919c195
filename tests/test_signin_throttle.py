"""Throttled sign-in (signin app, django-axes): five failures of one username from one address lock that
pair out for 15 minutes with a translated 429 page; the page and collection password forms are counted
the same way; a client address has a ceiling across usernames; password-reset mail is limited per
e-mail address and per client; every failure is listed for the ministry in Reports > Sign-in failures."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from .roles_setup import ministry_user
from .users import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "Tynystanov-1931!"
LOCKOUT_TEXT = {
    "ky": "Кирүүгө өтө көп ийгиликсиз аракет болду",
    "ru": "Слишком много неудачных попыток входа",
    "en": "Too many failed attempts to sign in",
}


@pytest.fixture
def user():
    return get_user_model().objects.create_user("aigul", "aigul@example.kg", PASSWORD, is_superuser=True)


def login(client, password, username="aigul", **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra)


def fail(client, times, username="aigul", **extra):
    return [login(client, "wrong-password", username, **extra).status_code for _ in range(times)]


def test_a_correct_password_signs_in(client, user):
    response = login(client, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_five_failures_lock_the_username_at_that_address_even_for_the_right_password(client, user):
    assert fail(client, 4) == [200, 200, 200, 200]
    assert fail(client, 1) == [429]
    response = login(client, PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert response["Retry-After"] == "900"
    # Another username from the same address, and the same username from another address, still sign in.
    assert fail(client, 1, username="someone-else") == [200]
    assert login(Client(), PASSWORD, REMOTE_ADDR="10.20.30.40").status_code == 302


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_lockout_page_speaks_the_visitors_language(client, user, language):
    fail(client, 5, HTTP_ACCEPT_LANGUAGE=language)
    response = login(client, PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKOUT_TEXT[language] in html and f'<html lang="{language}"' in html
    assert "15" in html  # the minutes to wait


def test_the_lock_ends_after_the_cool_off(client, user):
    fail(client, 5)
    assert login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, PASSWORD).status_code == 302


def test_axes_reset_unlocks_at_once(client, user):
    fail(client, 5)
    call_command("axes_reset")
    assert login(client, PASSWORD).status_code == 302


def test_one_address_has_a_ceiling_across_usernames(client, user, settings):
    settings.SIGNIN_CLIENT_FAILURE_RATE = "6/h"
    statuses = [login(client, "wrong", username=f"guess-{n}").status_code for n in range(8)]
    assert statuses[:6] == [200] * 6 and statuses[-1] == 429
    with translation.override("en"):
        response = login(client, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429 and "from your network" in response.content.decode()
    # Another address is not affected.
    assert login(Client(), PASSWORD, REMOTE_ADDR="10.20.30.40").status_code == 302


def test_behind_a_proxy_the_address_comes_from_the_proxy_entry(client, user, settings):
    """With TRUSTED_PROXY_COUNT=1 the address is the one the proxy appended; a forged entry to its left
    does not give a locked-out client a fresh count."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxied = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    fail(client, 5, **proxied)
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"}
    assert login(client, PASSWORD, **forged).status_code == 429
    assert login(Client(), PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


def test_failures_are_listed_for_the_ministry_only(client, user):
    fail(client, 5)
    client.force_login(ministry_user())
    with translation.override("en"):
        html = client.get(reverse("signin_failures")).content.decode()
    assert html.count('class="signin-failure"') >= 5 and html.count('class="signin-locked"') == 1
    assert "aigul" in html
    assert AccessFailureLog.objects.filter(username="aigul", locked_out=True).exists()
    client.force_login(make_user("plain-user"))
    response = client.get(reverse("signin_failures"))
    assert response.status_code in (302, 403) and "aigul" not in response.content.decode()


def test_the_page_password_form_locks_out(client, home):
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password="Ala-Too"
    )
    with translation.override("ky"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, home.pk])
    guess = lambda password, c=client, **extra: c.post(url, {"password": password, "return_url": home.url}, **extra)
    assert [guess("wrong").status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    locked = guess("Ala-Too")
    assert locked.status_code == 429 and LOCKOUT_TEXT["ky"] in locked.content.decode()
    assert AccessFailureLog.objects.filter(username=f"page-password:{restriction.pk}").count() >= 5
    assert guess("Ala-Too", Client(), REMOTE_ADDR="10.20.30.40").status_code == 302


def test_the_collection_password_form_locks_out(client):
    collection = Collection.get_first_root_node().add_child(name="Жабык")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="Ala-Too"
    )
    document = Document.objects.create(title="Отчёт", collection=collection)
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    guess = lambda password: client.post(url, {"password": password, "return_url": f"/documents/{document.pk}/x.pdf"})
    assert [guess("wrong").status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert guess("Ala-Too").status_code == 429


def test_password_reset_mail_is_limited_per_address(client, user):
    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": "aigul@example.kg"}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    with translation.override("ru"):
        response = client.post(url, {"email": "AIGUL@example.kg"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429 and "Слишком много запросов" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_mail_is_limited_per_client(client, user):
    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": f"nobody-{n}@example.kg"}).status_code for n in range(10)]
    assert statuses == [302] * 10
    assert client.post(url, {"email": "aigul@example.kg"}).status_code == 429
    assert len(mail.outbox) == 0
    assert Client().post(url, {"email": "aigul@example.kg"}, REMOTE_ADDR="10.20.30.40").status_code == 302
    assert len(mail.outbox) == 1


def test_the_front_end_login_locks_out_too(client, user):
    """The login page Wagtail shows for pages restricted to signed-in users goes through django-axes."""
    with translation.override("ru"):
        url = reverse("wagtailcore_login")
    statuses = [client.post(url, {"username": "aigul", "password": "wrong"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = client.post(url, {"username": "aigul", "password": PASSWORD})
    assert locked.status_code == 429 and LOCKOUT_TEXT["ru"] in locked.content.decode()


def account_form(old_password):
    """Account page POST data: every panel's fields, so only the password can be wrong."""
    return {
        "name_email-first_name": "Айгүл",
        "name_email-last_name": "Осмонова",
        "name_email-email": "aigul@example.kg",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        "password-old_password": old_password,
        "password-new_password1": "Manas-Ata-1995!",
        "password-new_password2": "Manas-Ata-1995!",
    }


def test_guessing_the_current_password_on_the_account_page_locks_out(client, user):
    """A borrowed session cannot guess the current password without limit."""
    client.force_login(user)
    url = reverse("wagtailadmin_account")

    def change(old):
        return client.post(url, account_form(old)).status_code

    assert [change("wrong") for _ in range(5)] == [200, 200, 200, 200, 429]
    assert change(PASSWORD) == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert AccessFailureLog.objects.filter(username="aigul").count() >= 5


def test_the_right_current_password_still_changes_it(client, user):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_account"), account_form(PASSWORD))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Manas-Ata-1995!") and not AccessFailureLog.objects.exists()
