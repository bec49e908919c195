from django.core.management.base import BaseCommand
from tqdm import tqdm

from institutions.models import InstitutionPage
from roles.groups import sync_all
from roles.models import InstitutionEditors, ReviewArea


class Command(BaseCommand):
    help = (
        "Create or repair the editors group and collection of every institution, the reviewers group and "
        "review workflow of every district, and the Ministry group. Safe to run again."
    )

    def handle(self, *args, **options):
        total = InstitutionPage.objects.count()
        with tqdm(total=total, desc="Institutions", unit="page", disable=options["verbosity"] < 1) as bar:
            count = sync_all(progress=lambda _page: bar.update())
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles in step for {count} institutions: {InstitutionEditors.objects.count()} editors groups, "
                f"{ReviewArea.objects.count()} reviewers groups, the Ministry group."
            )
        )
