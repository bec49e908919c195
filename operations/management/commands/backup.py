import os

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one dated archive (tar.gz) with the database (pg_dump custom format, or the SQLite file), "
        "every file in the default storage (media and documents) and a manifest with SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR", "backups"),
            help="Folder for the archive (default: $BACKUP_DIR or ./backups).",
        )
        parser.add_argument(
            "--without-renditions",
            action="store_true",
            help="Leave out image renditions (images/); Wagtail makes them again on demand.",
        )

    def handle(self, *args, output_dir, without_renditions, **options):
        try:
            path, manifest = create_backup(output_dir, include_renditions=not without_renditions)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {path} ({manifest['database_vendor']} database, "
                f"{len(manifest['files'])} files, {size} bytes of files)."
            )
        )
