from django.core.management.base import BaseCommand

from similar.compute import refresh_similar


class Command(BaseCommand):
    help = "Recompute every public institution's similar institutions (similar.compute)."

    def handle(self, *args, **options):
        written = refresh_similar()
        self.stdout.write(f"Stored {written} similar institutions.")
