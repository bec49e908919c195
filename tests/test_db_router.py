"""The read-replica router: which database each kind of request reads from and writes to."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page

from core.db_router import PrimaryReplicaRouter, ReplicaReadsMiddleware

from .browser.conftest import restore_base_rows

router = PrimaryReplicaRouter()


def decisions_during(method, path):
    """(read, write) databases the router picks while the middleware handles this request."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Page)
        seen["write"] = router.db_for_write(Page)
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())(path)
    ReplicaReadsMiddleware(view)(request)
    return seen["read"], seen["write"]


@pytest.fixture
def replica(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"


def test_public_pages_read_from_the_replica_and_write_to_the_primary(replica):
    for path in ("/ky/", "/ky/institutions/?q=мектеп", "/api/v1/institutions", "/sitemap.xml"):
        assert decisions_during("GET", path) == ("replica", "default"), path
    assert decisions_during("HEAD", "/ru/") == ("replica", "default")


def test_the_admin_and_every_post_use_the_primary(replica):
    assert decisions_during("GET", "/admin/pages/") == ("default", "default")
    assert decisions_during("POST", "/ky/some-form/") == ("default", "default")
    assert decisions_during("POST", "/admin/login/") == ("default", "default")


def test_outside_a_request_everything_uses_the_primary(replica):
    # Management commands, the task worker, migrations.
    assert router.db_for_read(Page) == "default"
    assert router.allow_migrate("default", "wagtailcore") is True
    assert router.allow_migrate("replica", "wagtailcore") is False


@pytest.fixture
def base_rows_restored():
    # A transactional test's flush empties the data migrations' rows; later tests on this worker need them.
    # (serialized_rollback restored them by re-inserting content types, which clashed with those a flush's
    # post_migrate had already made again, depending on which tests ran before on the worker.)
    yield
    restore_base_rows()


@pytest.mark.django_db(transaction=True)
def test_a_request_that_has_started_writing_reads_its_own_writes(replica, base_rows_restored):
    seen = {}

    def view(request):
        with transaction.atomic():
            seen["read"] = router.db_for_read(Page)
        return HttpResponse()

    ReplicaReadsMiddleware(view)(RequestFactory().get("/ky/"))
    assert seen["read"] == "default"


def test_without_a_replica_everything_uses_the_primary(settings):
    settings.DATABASE_REPLICA_ALIAS = None
    assert decisions_during("GET", "/ky/") == ("default", "default")
