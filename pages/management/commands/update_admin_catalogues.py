"""Write the Kyrgyz catalogues of the Wagtail admin from the installed packages' English catalogues.

Run it after upgrading Wagtail or wagtail-localize: new msgids appear with an empty msgstr (to
translate in locale_admin/ky/LC_MESSAGES/*.po), msgids the packages dropped go, translations stay.
`--from` takes translations from other .po files too (e.g. a catalogue split among translators).
"""

from django.core.management.base import BaseCommand

from pages import admin_catalogues


class Command(BaseCommand):
    help = "Rebuild locale_admin/ky/LC_MESSAGES/{django,djangojs}.po from Wagtail's English catalogues, keeping translations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="sources", nargs="*", default=[], metavar="PO",
            help="more .po files to take finished translations from (a file's domain is its name up to the first '-')",
        )

    def handle(self, *args, sources, **options):
        sources_by_key = admin_catalogues.source_entries()
        existing = [
            path for domain in admin_catalogues.DOMAINS
            if (path := admin_catalogues.catalogue_path(domain)).exists()
        ]
        translated = admin_catalogues.translations([*existing, *sources])
        for domain in admin_catalogues.DOMAINS:
            po = admin_catalogues.merge(domain, sources_by_key, translated)
            path = admin_catalogues.catalogue_path(domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            done = sum(admin_catalogues.is_translated(entry) for entry in po)
            self.stdout.write(f"{path.relative_to(path.parents[3])}: {done} of {len(po)} msgids translated")
