"""The Kyrgyz catalogues of the Wagtail admin: which English catalogues they translate, and their merge.

Wagtail and wagtail-localize ship no Kyrgyz. The project ships it from its own LOCALE_PATHS entry,
locale_admin/ky/LC_MESSAGES/{django,djangojs}.po, one entry per (domain, msgctxt, msgid) of the
English catalogues the packages install (the English catalogue of an app lists every msgid it has).
"""

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

PACKAGES = ("wagtail", "wagtail_localize")
DOMAINS = ("django", "djangojs")
LANGUAGE = "ky"
# The project's own ky catalogue uses two forms; both catalogues keep to it (Django's ky has one:
# each catalogue is read with its own plural rule, see docs/decisions.md).
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def admin_locale_dir() -> Path:
    return Path(settings.BASE_DIR) / "locale_admin"


def catalogue_path(domain: str, locale_dir: Path | None = None) -> Path:
    return (locale_dir or admin_locale_dir()) / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


@dataclass
class Source:
    """One English entry and the apps whose catalogues hold it."""

    entry: polib.POEntry
    apps: list = field(default_factory=list)


def key(domain, entry):
    return (domain, entry.msgctxt or None, entry.msgid)


def _package_dirs():
    for package in PACKAGES:
        yield Path(importlib.import_module(package).__file__).resolve().parent


def english_catalogues(installed_only=False):
    """(app, domain, path) of each English catalogue: of the installed Wagtail apps only, or of all
    the apps the two packages ship (so a Wagtail app added to INSTALLED_APPS later is covered too)."""
    if installed_only:
        roots = [
            (config.name, Path(config.path))
            for config in apps.get_app_configs()
            if config.name.split(".")[0] in PACKAGES
        ]
        found = []
        for app, root in roots:
            for path in sorted((root / "locale" / "en" / "LC_MESSAGES").glob("*.po")):
                found.append((app, path.stem, path))
        return found
    found = []
    for package_dir in _package_dirs():
        site = package_dir.parent
        for path in sorted(package_dir.glob("**/locale/en/LC_MESSAGES/*.po")):
            app = os.path.relpath(path, site).split("/locale/")[0].replace("/", ".")
            found.append((app, path.stem, path))
    return found


def source_entries(installed_only=False) -> dict:
    """Every English msgid once, keyed by (domain, msgctxt, msgid), in catalogue order."""
    sources = {}
    for app, domain, path in english_catalogues(installed_only):
        if domain not in DOMAINS:
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            source = sources.setdefault(key(domain, entry), Source(entry))
            if app not in source.apps:
                source.apps.append(app)
    return sources


def is_translated(entry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translations(paths) -> dict:
    """Finished translations from .po files (later files win), keyed like source_entries.

    A file's domain is its name's first part: django.po, django-03.po, djangojs-01.po."""
    found = {}
    for path in paths:
        domain = Path(path).stem.split("-")[0]
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid and is_translated(entry):
                found[key(domain, entry)] = entry
    return found


def merge(domain, sources, translated) -> polib.POFile:
    """The catalogue of one domain: every source msgid, with its translation where there is one."""
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "Achyk Bilim: Wagtail admin in Kyrgyz",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    for (entry_domain, msgctxt, msgid), source in sources.items():
        if entry_domain != domain:
            continue
        english = source.entry
        done = translated.get((entry_domain, msgctxt, msgid))
        entry = polib.POEntry(
            msgid=msgid,
            msgctxt=msgctxt,
            msgid_plural=english.msgid_plural,
            comment=english.comment,
            tcomment="from: " + ", ".join(sorted(source.apps)),
            flags=[flag for flag in english.flags if flag.endswith("-format")],
        )
        if english.msgid_plural:
            forms = done.msgstr_plural if done is not None and done.msgid_plural else {}
            entry.msgstr_plural = {0: forms.get(0, ""), 1: forms.get(1, forms.get(0, ""))}
        else:
            entry.msgstr = done.msgstr if done is not None and not done.msgid_plural else ""
        po.append(entry)
    return po
