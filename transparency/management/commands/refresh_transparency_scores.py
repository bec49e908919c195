"""Recompute the stored transparency scores that turned by date (run once a day, e.g. by the
systemd timer in deploy/systemd/); searches only read them."""

from django.core.management.base import BaseCommand

from transparency.stored_scores import refresh_due_scores


class Command(BaseCommand):
    help = "Recompute the stored transparency scores that are due today and update the search index."

    def handle(self, *args, **options):
        changed = refresh_due_scores(force=True)
        self.stdout.write(f"Transparency scores changed: {len(changed)}")
