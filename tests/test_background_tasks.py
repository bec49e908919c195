"""Background work: what leaves the request, how the worker runs it, and retries of what fails."""

import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from roles.invitations import invite_editor
from search.es_client import alias_name, get_client
from transparency.models import InstitutionScore

from .factories import InstitutionPageFactory
from .task_samples import calls, flaky, run_worker

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_paths():
    return sorted(DBTaskResult.objects.ready().values_list("task_path", flat=True))


@pytest.fixture
def queue(settings):
    settings.TASKS = QUEUED
    calls.clear()


def test_a_failing_task_is_retried_then_given_up_with_an_error(caplog):
    calls.clear()
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        flaky.enqueue(fail_times=5)
    assert len(calls) == 3  # three attempts in all
    assert caplog.text.count("will retry") == 2
    assert "failed for good (attempt 3 of 3)" in caplog.text


def test_a_task_that_fails_once_succeeds_on_the_retry(caplog):
    calls.clear()
    flaky.enqueue(fail_times=1)
    assert len(calls) == 2
    assert "failed for good" not in caplog.text


def test_with_the_database_queue_a_retry_waits_its_turn(queue, db):
    flaky.enqueue(fail_times=1)
    assert calls == []  # nothing runs in the request
    run_worker()
    assert len(calls) == 1
    assert DBTaskResult.objects.failed().count() == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["_attempt"] == 2
    assert retry.run_after > retry.enqueued_at  # deferred, not hammering what just failed


def test_publishing_leaves_the_index_write_and_the_score_to_the_worker(queue, directory, elasticsearch):
    call_command("rebuild_search_index", verbosity=0)
    school = InstitutionPageFactory(parent=directory, title="Жаңы мектеп")
    school.save_revision().publish()
    assert "search.tasks.update_institution" in queued_paths()
    assert "transparency.tasks.refresh_institution_score" in queued_paths()
    # Wagtail's own search index and reference index updates are tasks on the same queue.
    assert "modelsearch.tasks.insert_or_update_object_task" in queued_paths()
    assert "wagtail.tasks.update_reference_index_task" in queued_paths()
    client = get_client()
    assert not client.exists(index=alias_name(), id=school.pk)  # the request did not write it
    assert not InstitutionScore.objects.filter(institution=school).exists()

    out = StringIO()
    call_command("search_health", stdout=out)
    assert "Tasks: " in out.getvalue() and "queued" in out.getvalue()

    run_worker()
    assert client.exists(index=alias_name(), id=school.pk)
    assert InstitutionScore.objects.filter(institution=school).exists()
    assert queued_paths() == []


def test_mail_is_queued_and_delivered_by_the_worker(queue, settings, directory):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    school = InstitutionPageFactory(parent=directory)
    invite_editor("editor@example.kg", school)
    assert mail.outbox == []
    assert "core.mail.deliver_email" in queued_paths()
    run_worker()
    assert [message.to for message in mail.outbox] == [["editor@example.kg"]]
    assert "editor@example.kg" in mail.outbox[0].body


def test_inline_tasks_deliver_mail_at_once(settings, directory):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invite_editor("other@example.kg", InstitutionPageFactory(parent=directory))
    assert len(mail.outbox) == 1


def test_search_health_reports_the_backlog(queue, db):
    flaky.enqueue(fail_times=0)
    out = StringIO()
    call_command("search_health", stdout=out)
    assert "Tasks: 1 queued" in out.getvalue()
