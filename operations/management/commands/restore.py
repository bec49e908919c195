from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, counts, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by manage.py backup into an empty database and an empty storage; "
        "every checksum is verified before and after."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The backup-….tar.gz file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even if the database has pages or the storage has files (replaces them).",
        )

    def handle(self, *args, archive, force, **options):
        try:
            manifest = restore_backup(archive, force=force)
        except (BackupError, FileNotFoundError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}: every checksum matches.")
        )
        for name, number in counts().items():
            self.stdout.write(f"  {name}: {number}")
