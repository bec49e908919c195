"""manage.py import_institutions FILE [--dry-run] [--skip-invalid]: the ministry's registry (CSV or XLSX)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from registry.files import RegistryFileError, read_registry_file
from registry.importer import RegistryImportError, import_registry
from registry.report import report_lines


class Command(BaseCommand):
    help = "Create or update institutions from a registry file (CSV or XLSX), matched by registry code."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8 or Windows-1251, comma or semicolon) or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; write nothing.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Write the valid rows even when some rows are invalid (by default nothing is written then).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            registry_file = read_registry_file(path.name, path.read_bytes())
            report = import_registry(
                registry_file,
                dry_run=options["dry_run"],
                skip_invalid=options["skip_invalid"],
                progress=lambda rows: tqdm(
                    rows, desc="Writing", unit="institution", disable=options["verbosity"] == 0, file=sys.stderr
                ),
            )
        except (RegistryFileError, RegistryImportError) as error:
            raise CommandError(str(error)) from None
        for line in report_lines(report):
            self.stdout.write(line)
        if report.invalid and not report.written and not report.dry_run:
            raise CommandError(_("Nothing was written: fix the invalid rows, or use --skip-invalid."))
