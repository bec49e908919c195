"""`manage.py task_worker`: django-tasks-db's db_worker that first releases tasks a dead worker left
claimed (core.task_recovery), under a worker id that names this host and process, and that waits for
the database when it goes away (a restart, a failover) instead of exiting. Same options as db_worker."""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import (
    Command as DatabaseWorkerCommand,
)

from core.task_recovery import release_abandoned_tasks, task_worker_id

logger = logging.getLogger(__name__)

DATABASE_RETRY_SECONDS = 2


class Command(DatabaseWorkerCommand):
    help = "Release tasks left running by a dead worker, then run the database task worker"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=task_worker_id())

    def handle(self, *args, **options):
        while True:
            try:
                released = release_abandoned_tasks(own_worker_id=options["worker_id"])
                if released and options["verbosity"]:
                    self.stdout.write(f"Queued again {released} task(s) left running by a dead worker.")
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:  # refused or dropped; not a bug in a query
                logger.warning(
                    "Database unavailable (%s); the worker tries again in %d s.", error, DATABASE_RETRY_SECONDS
                )
                connections.close_all()
                time.sleep(DATABASE_RETRY_SECONDS)
