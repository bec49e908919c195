from django.core.management.base import BaseCommand
from tqdm import tqdm

from demo.loader import load_demo_data, read_fixture
from demo.planner import update_planner_statistics
from institutions.models import InstitutionPage


class Command(BaseCommand):
    help = "Load the demo regions, districts, classifiers and institutions. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when institutions already exist.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and InstitutionPage.objects.exists():
            self.stdout.write("Demo data already loaded; skipped.")
            return
        total = len(read_fixture("demo/institutions.json")["institutions"])
        with tqdm(total=total, desc="Institutions", unit="inst", disable=options["verbosity"] < 1) as bar:
            counts = load_demo_data(progress=lambda _record: bar.update())
        update_planner_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {regions} regions, {districts} districts, {institutions} institutions, "
                "{programmes} programmes ({created} new institutions).".format(**counts)
            )
        )
