"""`manage.py task_worker`: django-tasks-db's db_worker that first releases tasks a dead worker left
claimed (core.task_recovery), under a worker id that names this host and process. Same options."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.task_recovery import release_abandoned_tasks, task_worker_id


class Command(DatabaseWorkerCommand):
    help = "Release tasks left running by a dead worker, then run the database task worker"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=task_worker_id())

    def handle(self, *args, **options):
        released = release_abandoned_tasks()
        if released and options["verbosity"]:
            self.stdout.write(f"Queued again {released} task(s) left running by a dead worker.")
        super().handle(*args, **options)
