"""Rebuild the Elasticsearch index of institutions without downtime (new index, then alias swap)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.documents import indexable_pages
from search.es_client import alias_name, get_client, is_configured
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Index every live institution into a new Elasticsearch index and switch the alias to it."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=200, help="Documents per bulk request.")

    def handle(self, *args, **options):
        if not is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set; the database engine needs no index.")
        total = indexable_pages().count()
        show_progress = options["verbosity"] > 0
        with tqdm(total=total, unit="doc", desc="Indexing", disable=not show_progress, file=self.stderr) as bar:
            try:
                index, count = rebuild(get_client(), progress=bar, chunk_size=options["chunk_size"])
            except Exception as error:
                raise CommandError(f"Rebuild failed, the alias was left as it was: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} of {total} live institutions into {index}; {alias_name()} now points to it."
            )
        )
