"""E-mail alerts, the whole way: sign-up, confirmation mail, confirmation, an event, the alert in
the subscriber's language with one-click unsubscribe, the unsubscribe itself (the row is gone), and
no more mail; the daily digest and the daily deadline check; sign-up limits; restricted institutions
are never announced."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts.delivery import link
from alerts.models import AnnouncedEvent, PendingAlert, Subscription
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory

LINK = re.compile(r"http://testserver(/\w\w/alerts/(?:confirm|unsubscribe)/[^/\s]+/)")


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publishes a page the way the admin does (page_published), running the after-commit work."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return run


def sign_up(client, language, follow, email, frequency="immediate", **extra):
    return client.post(
        f"/{language}/alerts/follow/", {"email": email, "follow": follow, "frequency": frequency}, **extra
    )


def confirm(client, message):
    path = LINK.search(message.body).group(1)
    page = client.get(path)
    assert page.status_code == 200 and b'method="post"' in page.content  # a button, not a GET that confirms
    assert Subscription.objects.get().confirmed_at is None
    return client.post(path)


def subscribe(email, target, key, language="ky", frequency="immediate"):
    return Subscription.objects.create(
        email=email, target=target, target_key=key, language=language, frequency=frequency, confirmed_at=timezone.now()
    )


def test_sign_up_confirm_alert_unsubscribe(client, world, register, publish):
    college = world["college"]
    answer = sign_up(client, "ru", f"institution:{college.pk}", " Parent@Example.KG ")
    assert answer.status_code == 200
    assert "Проверьте почту" in answer.content.decode()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["parent@example.kg"]
    assert confirmation.subject == "Подтвердите оповещения от Ачык Билим"
    assert college.title in confirmation.body

    # Nothing is sent before the address is confirmed.
    publish(AccreditationDecisionPageFactory(parent=register, institution=college, number="7/R"))
    assert len(mail.outbox) == 1

    assert "Оповещения подтверждены" in confirm(client, confirmation).content.decode()
    publish(
        AccreditationDecisionPageFactory(
            parent=register,
            institution=college,
            number="8/R",
            outcome="conditional",
            decision_date=date(2026, 3, 2),
            valid_until=date(2031, 3, 1),
        )
    )
    assert len(mail.outbox) == 2
    alert = mail.outbox[1]
    assert alert.to == ["parent@example.kg"]
    assert "Решение об аккредитации № 8/R" in alert.body  # in the subscriber's language
    assert "Аккредитована с условиями" in alert.body or "с условиями" in alert.body
    assert "/ru/" in alert.body
    unsubscribe_url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith("http://testserver/ru/alerts/unsubscribe/")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in alert.body

    # The mail client's one-click POST: no session, no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    answer = csrf_client.post(urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert not Subscription.objects.exists()  # deleted, not flagged

    publish(AccreditationDecisionPageFactory(parent=register, institution=college, number="9/R"))
    assert len(mail.outbox) == 2
    # The old link still answers, without an error.
    assert csrf_client.post(urlsplit(unsubscribe_url).path).status_code == 200


def test_unsubscribe_link_opened_in_a_browser_asks_first(client, world):
    subscription = subscribe("a@example.kg", "institution", world["college"].translation_key, language="en")
    mail.outbox.clear()
    path = urlsplit(link("alerts-unsubscribe", subscription, "alerts.unsubscribe")).path
    page = client.get(path)
    assert page.status_code == 200 and "Stop these alerts?" in page.content.decode()
    assert Subscription.objects.exists()
    client.post(path)
    assert not Subscription.objects.exists()


def test_each_subscriber_gets_their_language_and_one_mail(world, register, publish):
    college = world["college"]
    subscribe("ky@example.kg", "institution", college.translation_key, language="ky")
    subscribe("en@example.kg", "region", college.region.translation_key, language="en")
    # Follows both the institution and its type: one mail, with the institution's subscription.
    subscribe("both@example.kg", "type", college.institution_type.translation_key, language="en")
    subscribe("both@example.kg", "institution", college.translation_key, language="ru")
    subscribe("other@example.kg", "district", world["suzak"].district.translation_key, language="en")
    publish(AccreditationDecisionPageFactory(parent=register, institution=college, number="12/K"))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"ky@example.kg", "en@example.kg", "both@example.kg"}
    assert "Accreditation decision No. 12/K" in by_address["en@example.kg"].body
    assert "Аккредитация боюнча чечим № 12/K" in by_address["ky@example.kg"].body
    assert "Решение об аккредитации № 12/K" in by_address["both@example.kg"].body


def test_republishing_without_change_is_not_news(world, register, publish):
    college = world["college"]
    subscribe("p@example.kg", "institution", college.translation_key, language="en")
    decision = publish(AccreditationDecisionPageFactory(parent=register, institution=college))
    publish(decision)
    assert len(mail.outbox) == 1
    decision.outcome = "refused"
    publish(decision)  # a changed decision is news again
    assert len(mail.outbox) == 2 and "Refused" in mail.outbox[1].body


def test_daily_digest(client, world, register, publish):
    college = world["college"]
    sign_up(client, "en", f"district:{college.district.pk}", "d@example.kg", frequency="daily")
    confirm(client, mail.outbox[0])
    publish(AccreditationDecisionPageFactory(parent=register, institution=college, number="1/D"))
    publish(AccreditationDecisionPageFactory(parent=register, institution=world["gymnasium"], number="2/D"))
    assert len(mail.outbox) == 1  # queued for the digest, not sent
    assert PendingAlert.objects.count() == 2
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    assert digest.subject == "Achyk Bilim: your daily alerts (2)"
    assert "No. 1/D" in digest.body and "No. 2/D" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not PendingAlert.objects.exists()
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_daily_check_announces_expiry_and_overdue_once(world, register):
    college, gymnasium = world["college"], world["gymnasium"]
    today = date.today()
    subscribe("e@example.kg", "institution", college.translation_key, language="en")
    subscribe("g@example.kg", "institution", gymnasium.translation_key, language="en")
    subscribe("s@example.kg", "institution", world["suzak"].translation_key, language="en")
    AccreditationDecisionPageFactory(
        parent=register,
        institution=college,
        decision_date=today - timedelta(days=1800),
        valid_until=today + timedelta(days=40),
    )
    AccreditationDecisionPageFactory(
        parent=register,
        institution=gymnasium,
        decision_date=today - timedelta(days=1800),
        valid_until=today - timedelta(days=2),
    )
    # Shortcomings named 3 months and 5 days ago: the remediation report is overdue.
    AccreditationDecisionPageFactory(
        parent=register,
        institution=world["suzak"],
        number="5/O",
        decision_date=today - timedelta(days=97),
        shortcomings="<p>Китепкана жок.</p>",
    )
    mail.outbox.clear()
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_address) == {"e@example.kg", "g@example.kg", "s@example.kg"}
    assert "ends in 40 days" in by_address["e@example.kg"]
    assert "expired on" in by_address["g@example.kg"]
    assert "decision No. 5/O" in by_address["s@example.kg"] and "has not been submitted" in by_address["s@example.kg"]
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 3  # remembered: no duplicates
    assert AnnouncedEvent.objects.count() == 3


def test_published_self_assessment_report_is_announced(world, django_capture_on_commit_callbacks):
    college = world["college"]
    subscribe("r@example.kg", "institution", college.translation_key, language="en")
    report = create_report(college, date.today().year - 1)
    report.status = SelfAssessmentReport.Status.ACCEPTED
    report.save()
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        report.published = True
        report.save()
    with django_capture_on_commit_callbacks(execute=True):
        report.save()
    assert len(mail.outbox) == 1
    assert f"self-assessment report for {report.year} is published" in mail.outbox[0].body


def test_restricted_institution_is_never_announced(client, world, register, publish):
    college = world["college"]
    subscribe("region@example.kg", "region", college.region.translation_key, language="en")
    subscribe("inst@example.kg", "institution", college.translation_key, language="en", frequency="daily")
    PageViewRestriction.objects.create(page=college, restriction_type=PageViewRestriction.PASSWORD, password="x")
    publish(
        AccreditationDecisionPageFactory(
            parent=register, institution=college, valid_until=date.today() + timedelta(days=10)
        )
    )
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert not mail.outbox and not PendingAlert.objects.exists()
    # Nor can anyone sign up for it.
    answer = sign_up(client, "en", f"institution:{college.pk}", "new@example.kg")
    assert answer.status_code == 400
    assert "Choose an institution, a region, a district or a type to follow." in answer.content.decode()
    assert not mail.outbox


def test_a_decision_made_private_after_queueing_is_dropped_from_the_digest(world, register, publish):
    college = world["college"]
    subscribe("d@example.kg", "institution", college.translation_key, language="en", frequency="daily")
    publish(AccreditationDecisionPageFactory(parent=register, institution=college))
    assert PendingAlert.objects.count() == 1
    PageViewRestriction.objects.create(page=college, restriction_type=PageViewRestriction.LOGIN)
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert not mail.outbox and not PendingAlert.objects.exists()


def test_sign_ups_are_limited_per_address_and_per_client(client, world, settings):
    settings.ALERTS_SIGNUP_ADDRESS_RATE = "2/h"
    settings.ALERTS_SIGNUP_CLIENT_RATE = "4/h"
    college, gymnasium = world["college"], world["gymnasium"]
    assert sign_up(client, "ky", f"institution:{college.pk}", "x@example.kg").status_code == 200
    assert sign_up(client, "ky", f"institution:{gymnasium.pk}", "x@example.kg").status_code == 200
    refused = sign_up(client, "ru", f"region:{college.region.pk}", "X@example.kg")
    assert refused.status_code == 429
    assert "Слишком много подписок" in refused.content.decode()
    assert 'value="X@example.kg"' in refused.content.decode()  # the form keeps what was typed
    assert len(mail.outbox) == 2
    # Other addresses, same client: the client's limit.
    assert sign_up(client, "en", f"institution:{college.pk}", "y@example.kg").status_code == 200
    refused = sign_up(client, "en", f"institution:{college.pk}", "z@example.kg")
    assert refused.status_code == 429 and "Too many sign-ups" in refused.content.decode()
    # Another client may still sign up.
    other = sign_up(client, "en", f"institution:{college.pk}", "w@example.kg", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_bad_input_gets_a_message(client, world):
    answer = sign_up(client, "ky", f"institution:{world['college'].pk}", "not-an-address")
    assert answer.status_code == 400
    assert 'aria-invalid="true"' in answer.content.decode()
    assert sign_up(client, "en", "planet:3", "a@example.kg").status_code == 400
    for path in ("/en/alerts/confirm/garbage/", "/en/alerts/unsubscribe/garbage/"):
        answer = client.get(path)
        assert answer.status_code == 400 and "This link does not work" in answer.content.decode()
    assert not mail.outbox


def test_forms_on_the_profile_and_the_directory(client, world):
    college = world["college"]
    profile = client.get(college.url).content.decode()
    assert f'name="follow" value="institution:{college.pk}"' in profile
    assert 'action="/ky/alerts/follow/"' in profile
    directory = client.get(college.get_parent().url + "?district=lenin").content.decode()
    assert f'<option value="district:{college.district.pk}" selected>' in directory
    assert f'value="type:{college.institution_type.pk}"' in directory
    page = client.get(f"/en/alerts/follow/?follow=region:{college.region.pk}")
    assert page.status_code == 200 and "Follow the region" in page.content.decode()


def test_a_mail_server_failure_is_a_message_not_an_error(client, world, register, publish, monkeypatch):
    college = world["college"]
    subscribe("p@example.kg", "institution", college.translation_key, language="en")

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    publish(AccreditationDecisionPageFactory(parent=register, institution=college))  # the publish still works
    answer = sign_up(client, "en", f"institution:{college.pk}", "new@example.kg")
    assert answer.status_code == 503
    assert "could not be sent just now" in answer.content.decode()
    assert 'value="new@example.kg"' in answer.content.decode()
