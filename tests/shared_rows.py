"""Rows made once for a whole class or module of tests, and rolled back when it ends.

A demo load takes seconds; made again for every test, it dominated the run. A class- or module-scoped
fixture makes its rows inside `rolled_back_at_the_end`: one transaction, never committed, so the tests of
other modules on the same xdist worker never see them. Each test still runs in its own savepoint inside
that transaction (pytest-django's `db`), so what one test writes is undone before the next one starts.

    @pytest.fixture(scope="class")
    def translated_site(django_db_setup, django_db_blocker):
        with rolled_back_at_the_end(django_db_blocker):
            with making_rows(django_db_blocker):
                load_demo_data(limit=1)
            yield
"""

from contextlib import contextmanager

from django.db import transaction
from django.test import TestCase


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """The scope's transaction: open from here until the scope ends, then rolled back."""
    with django_db_blocker.unblock():
        scope = transaction.atomic()
        scope.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            scope.__exit__(None, None, None)


@contextmanager
def making_rows(django_db_blocker):
    """Database access for the scope's setup, running the on-commit callbacks its writes queue, as
    `django_capture_on_commit_callbacks(execute=True)` does inside a test (the scope never commits)."""
    with django_db_blocker.unblock(), TestCase.captureOnCommitCallbacks(execute=True):
        yield
