"""Write the Kyrgyz catalogues of the Wagtail admin from the installed packages' English catalogues.

Run it after upgrading Wagtail or wagtail-localize: new msgids appear with an empty msgstr (to
translate in locale_admin/ky/LC_MESSAGES/*.po), msgids the packages dropped go, translations stay.
To share the translating out, `--split DIR` writes the untranslated entries into DIR/django-01.po,
… (at most --size each); `--from DIR/*.po` takes the finished ones back.
"""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand

from core import admin_catalogues


class Command(BaseCommand):
    help = "Rebuild locale_admin/ky/LC_MESSAGES/{django,djangojs}.po from Wagtail's English catalogues, keeping translations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="sources",
            nargs="*",
            default=[],
            metavar="PO",
            help="more .po files to take finished translations from (a file's domain is its name up to the first '-')",
        )
        parser.add_argument("--split", metavar="DIR", help="also write the untranslated entries into DIR, in parts")
        parser.add_argument("--size", type=int, default=340, help="entries per part with --split (default 340)")

    def handle(self, *args, sources, split, size, **options):
        sources_by_key = admin_catalogues.source_entries()
        existing = [
            path for domain in admin_catalogues.DOMAINS if (path := admin_catalogues.catalogue_path(domain)).exists()
        ]
        translated = admin_catalogues.translations([*existing, *sources])
        for domain in admin_catalogues.DOMAINS:
            po = admin_catalogues.merge(domain, sources_by_key, translated)
            path = admin_catalogues.catalogue_path(domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            done = sum(admin_catalogues.is_translated(entry) for entry in po)
            self.stdout.write(f"{path.relative_to(path.parents[3])}: {done} of {len(po)} msgids translated")
            if split:
                self.split(po, domain, Path(split), size)

    def split(self, po, domain, directory, size):
        todo = [entry for entry in po if not admin_catalogues.is_translated(entry)]
        directory.mkdir(parents=True, exist_ok=True)
        for number, start in enumerate(range(0, len(todo), size), start=1):
            part = polib.POFile(wrapwidth=po.wrapwidth)
            part.metadata = po.metadata
            part.extend(todo[start : start + size])
            part_path = directory / f"{domain}-{number:02d}.po"
            part.save(str(part_path))
            self.stdout.write(f"  {part_path}: {len(part)} to translate")
