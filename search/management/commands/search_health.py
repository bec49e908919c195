"""Which search engine answers, and whether the Elasticsearch index is reachable and complete.

Exit code 0 when healthy or when Elasticsearch is not configured (the database answers); 1 when it
is configured but unreachable or has no index (visitors then get the database fallback).
"""

from django.core.management.base import BaseCommand, CommandError

from core.task_backlog import backlog
from institutions.models import InstitutionPage
from search.es_client import alias_name, get_client, is_configured
from search.indexing import concrete_indexes


class Command(BaseCommand):
    help = "Report which search engine answers and whether the Elasticsearch index is healthy."

    def handle(self, *args, **options):
        self.report_tasks()
        live = InstitutionPage.objects.live().count()
        if not is_configured():
            self.stdout.write("Engine: database (ELASTICSEARCH_URL is not set)")
            self.stdout.write(f"Live institutions: {live}")
            return

        from django.conf import settings

        self.stdout.write(f"Engine: elasticsearch ({settings.ELASTICSEARCH_URL})")
        client = get_client()
        try:
            info = client.info().body
            indexes = concrete_indexes(client)
            documents = client.count(index=alias_name()).body["count"] if indexes else None
        except Exception as error:  # noqa: BLE001 - any failure means "unreachable" here
            self.stdout.write(f"Reachable: no ({type(error).__name__}: {error})")
            self.stdout.write("Searches are answered by the database fallback.")
            raise CommandError("Elasticsearch is unreachable.", returncode=1) from error

        version = info.get("version", {}).get("number", "?")
        self.stdout.write(f"Reachable: yes (version {version})")
        if not indexes:
            self.stdout.write(f"Alias: {alias_name()} -> missing; run manage.py rebuild_search_index")
            raise CommandError("The search index alias is missing.", returncode=1)
        self.stdout.write(f"Alias: {alias_name()} -> {', '.join(indexes)}")
        self.stdout.write(f"Documents: {documents} / live institutions: {live}")
        if documents != live:
            self.stdout.write(self.style.WARNING("The index is out of step; run manage.py rebuild_search_index."))
        else:
            self.stdout.write(self.style.SUCCESS("Healthy."))

    def report_tasks(self):
        """The background queue, which carries the index writes (a stopped worker leaves them waiting)."""
        waiting = backlog()
        if waiting["queue"] == "inline":
            self.stdout.write("Tasks: run inline (no queue)")
            return
        self.stdout.write(
            f"Tasks: {waiting['queued']} queued (oldest {waiting['oldest_queued_seconds']} s), "
            f"{waiting['running']} running, {waiting['failed_last_day']} failed in the last day"
        )
