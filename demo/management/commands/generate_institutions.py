from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.generator import generate_institutions
from demo.loader import ensure_page_tree, load_classifiers
from demo.planner import update_planner_statistics


class Command(BaseCommand):
    help = "Generate N synthetic institutions (with programmes) for scale tests and benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many institutions to add.")
        parser.add_argument("--programmes", type=int, default=4, help="Programmes per institution (default 4).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")

    def handle(self, *args, count, programmes, seed, **options):
        if count < 1 or count > 200_000:
            raise CommandError("--count must be between 1 and 200000.")
        if programmes < 0 or programmes > 50:
            raise CommandError("--programmes must be between 0 and 50.")
        load_classifiers()
        _home, directory = ensure_page_tree()
        with tqdm(total=count, desc="Institutions", unit="inst", disable=options["verbosity"] < 1) as bar:
            made = generate_institutions(directory, count, programmes, seed, progress=bar.update)
        update_planner_statistics()
        self.stdout.write(self.style.SUCCESS(f"Generated {made} institutions with {made * programmes} programmes."))
