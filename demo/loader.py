"""Loads the demo data set: classifiers in three languages, the page tree and the demo institutions.

Every step finds what an earlier run made and updates it, so loading twice gives the same counts.
"""

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from core import upkeep
from glossary.seed import load_glossary
from institutions.disclosures import DISCLOSURES
from institutions.models import (
    InstitutionIndexPage,
    InstitutionLicence,
    InstitutionPage,
    ProgrammeEnrolment,
    ProgrammePage,
    StaffStatistic,
)
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, InstructionLanguage, Qualification, Region

from .decisions import load_decisions, load_ministry_documents
from .deferred import upkeep_deferred
from .emblems import emblem_png
from .publishing import add_published
from .reports import load_reports
from .translations import (
    DIRECTORY,
    HOME,
    PROGRAMME_TEXTS,
    TARGET_LANGUAGES,
    institution_strings,
    programme_strings,
    translate,
)
from .updates import assign, replace_rows, replace_set

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEFAULT_LANGUAGE = "ky"
STAFF_YEARS = range(date.today().year - 4, date.today().year + 1)
# The child rows' fields a later load compares with the fixture's (demo.updates).
LICENCE_FIELDS = ("number", "issued_on", "issuer", "programmes")
STAFF_FIELDS = ("year", "teaching_staff", "support_staff")
ENROLMENT_FIELDS = ("year", "learners")

HOME_TITLE, HOME_INTRO = HOME[DEFAULT_LANGUAGE][0], f"<p>{HOME[DEFAULT_LANGUAGE][1]}</p>"
DIRECTORY_TITLE = DIRECTORY[DEFAULT_LANGUAGE]


def read_fixture(name):
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return json.load(handle)


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


def _translated_rows(model, lookup, names, extra, all_locales):
    """One row per language sharing a translation key; Kyrgyz is the source."""
    source = model.objects.filter(locale=all_locales[DEFAULT_LANGUAGE], **lookup).first()
    rows = {}
    for code, locale in all_locales.items():
        fields = {"name": names[code], **extra(code)}
        if source is None:
            row = model.objects.create(locale=locale, **lookup, **fields)
            source = row
        else:
            row = model.objects.filter(translation_key=source.translation_key, locale=locale).first()
            if row is None:
                row = model(translation_key=source.translation_key, locale=locale, **lookup)
            for key, value in fields.items():
                setattr(row, key, value)
            row.save()
        rows[code] = row
    return rows


def load_classifiers():
    all_locales = locales()
    regions = read_fixture("regions.json")["regions"]
    for order, region in enumerate(regions):
        region_rows = _translated_rows(
            Region,
            {"slug": region["slug"]},
            region["name"],
            lambda code, r=region, o=order: {
                "centre_latitude": r["centre"]["lat"],
                "centre_longitude": r["centre"]["lon"],
                "sort_order": o,
            },
            all_locales,
        )
        for district in region["districts"]:
            _translated_rows(
                District,
                {"slug": district["slug"]},
                district["name"],
                lambda code, rows=region_rows: {"region": rows[code]},
                all_locales,
            )
    for order, kind in enumerate(read_fixture("institution_types.json")["types"]):
        _translated_rows(
            InstitutionType, {"slug": kind["slug"]}, kind["name"], lambda code, o=order: {"sort_order": o}, all_locales
        )
    for qualification in read_fixture("demo/institutions.json")["qualifications"]:
        _translated_rows(
            Qualification,
            {"code": qualification["code"]},
            qualification["name"],
            lambda code, q=qualification: {"level": q["level"]},
            all_locales,
        )


def ensure_page_tree():
    """The Kyrgyz home page as the site root, with the institution directory below it."""
    locale = locales()[DEFAULT_LANGUAGE]
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        # Wagtail's installer leaves a placeholder "Welcome" page with the slug we want.
        for placeholder in root.get_children().filter(slug="home").exclude(content_type__model="homepage"):
            Site.objects.filter(root_page=placeholder).update(root_page=root)
            placeholder.delete()
        home = add_published(root, HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, locale=locale))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Achyk Bilim"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    directory = InstitutionIndexPage.objects.child_of(home).first()
    if directory is None:
        directory = add_published(home, InstitutionIndexPage(title=DIRECTORY_TITLE, slug="institutions", locale=locale))
    return home, directory


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Demo images").first()
    return existing or root.add_child(name="Demo images")


def emblem_for(slug, collection):
    title = f"Emblem {slug}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=collection)
        image.file = ImageFile(BytesIO(emblem_png(slug)), name=f"emblem-{slug}.png")
        image.save()
    return image


def disclosure_plan(record, rng):
    """Which disclosures are published and when they were last updated, by the record's completeness."""
    today = date.today()
    keys = [d.field for d in DISCLOSURES]
    completeness = record["completeness"]
    if completeness == "complete":
        return {key: today - timedelta(days=rng.randint(10, 300)) for key in keys}
    if completeness == "partial":
        published = rng.sample(keys, rng.randint(4, 8))
        return {key: today - timedelta(days=rng.randint(10, 300)) for key in published}
    if completeness == "stale":
        return {key: today - timedelta(days=rng.randint(400, 900)) for key in keys}
    return {"mission": today - timedelta(days=rng.randint(500, 1200))}


def institution_fields(record, texts, classifiers, language=DEFAULT_LANGUAGE):
    rng = random.Random(record["code"])
    name = record["short_name"][language]
    fields = {
        "title": record["name"][language],
        "short_name": name,
        "registry_code": record["code"],
        "institution_type": classifiers["types"][record["type"]],
        "ownership": record["ownership"],
        "region": classifiers["regions"][record["region"]],
        "district": classifiers["districts"].get(record["district"]) if record["district"] else None,
        "address": record["address"][language],
        "latitude": Decimal(str(round(record["lat"], 6))),
        "longitude": Decimal(str(round(record["lon"], 6))),
        "phones": record["phone"],
        "fax": record.get("fax", ""),
        "email": record.get("email", ""),
        "website": record.get("website", ""),
        "year_founded": record["year_founded"],
        "founding_history": record["founding_history"][language],
        "head_name": record["head"]["name"][language],
        "head_phone": record["head"].get("phone", ""),
        "head_email": record["head"].get("email", ""),
    }
    plan = disclosure_plan(record, rng)
    for disclosure in DISCLOSURES:
        updated = plan.get(disclosure.field)
        template = texts[record["type"]][disclosure.field][language]
        fields[disclosure.field] = f"<p>{template.format(name=name)}</p>" if updated else ""
        fields[disclosure.updated_field] = updated
    return fields


def staff_rows(record):
    if record["completeness"] == "minimal":
        return []
    rng = random.Random(record["code"] + "staff")
    base = {"university": 220, "college": 70, "vocational-lyceum": 40}.get(record["type"], 45)
    teachers = rng.randint(int(base * 0.7), int(base * 1.3))
    rows = []
    for year in STAFF_YEARS:
        teachers = max(5, teachers + rng.randint(-4, 6))
        rows.append(
            StaffStatistic(year=year, teaching_staff=teachers, support_staff=max(2, teachers // rng.randint(3, 6)))
        )
    return rows


def licence_rows(record, language=DEFAULT_LANGUAGE):
    return [
        InstitutionLicence(
            number=licence["number"],
            issued_on=date.fromisoformat(licence["date"]),
            issuer=licence["issuer"][language],
            programmes=licence["programmes"][language],
        )
        for licence in record.get("licences", [])
    ]


def classifier_maps(locale):
    return {
        "types": {t.slug: t for t in InstitutionType.objects.filter(locale=locale)},
        "regions": {r.slug: r for r in Region.objects.filter(locale=locale)},
        "districts": {d.slug: d for d in District.objects.filter(locale=locale)},
        "qualifications": {q.code: q for q in Qualification.objects.filter(locale=locale)},
        "languages": {lang.code: lang for lang in InstructionLanguage.objects.all()},
    }


def save_and_publish(page):
    page.save_revision().publish()


def upsert_institution(directory, record, texts, classifiers, collection, translate_into=None):
    page = InstitutionPage.objects.child_of(directory).filter(slug=record["slug"]).first()
    fields = institution_fields(record, texts, classifiers)
    logo = emblem_for(record["slug"], collection)
    languages = [classifiers["languages"][code] for code in record["languages"]]
    created = page is None
    if created:
        page = InstitutionPage(slug=record["slug"], locale=directory.locale, logo=logo, **fields)
        page.licences = licence_rows(record)
        page.staff_statistics = staff_rows(record)
        page.languages.set(languages)
        add_published(directory, page)
        changed = True
    else:
        changed = assign(page, {**fields, "logo": logo})
        changed |= replace_rows(page, "licences", licence_rows(record), LICENCE_FIELDS)
        changed |= replace_rows(page, "staff_statistics", staff_rows(record), STAFF_FIELDS)
        changed |= replace_set(page, "languages", languages)
        if changed:
            save_and_publish(page)
    # Publishing saved fresh licence rows; programmes must point at those, not the in-memory copies.
    page = InstitutionPage.objects.get(pk=page.pk)
    programmes = upsert_programmes(page, record, classifiers)
    if translate_into:
        translate(
            page,
            {locale: institution_strings(record, texts, language) for language, locale in translate_into.items()},
            changed=changed,
        )
        for programme_page, programme, programme_changed in programmes:
            translate(
                programme_page,
                {locale: programme_strings(programme, language) for language, locale in translate_into.items()},
                changed=programme_changed,
            )
    return created


def programme_slug(programme, taken):
    base = slugify(programme["name"]["en"])[:50] or slugify(programme["code"]) or "programme"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def upsert_programmes(institution, record, classifiers, language=DEFAULT_LANGUAGE):
    existing = {p.slug: p for p in ProgrammePage.objects.child_of(institution)}
    licences = list(institution.licences.all())
    taken = set()
    pages = []
    for programme in record["programmes"]:
        slug = programme_slug(programme, taken)
        page = existing.get(slug)
        texts = programme_texts(programme, record, language)
        fields = {
            "title": programme["name"][language],
            "code": programme["code"],
            "qualification": classifiers["qualifications"].get(programme["qualification"]),
            "form_of_study": programme["form"],
            "duration_months": programme["duration_months"],
            "language": classifiers["languages"].get(programme["language"]),
            "passing_score": programme.get("passing_score"),
            "licence": licences[0] if licences else None,
            **texts,
        }
        enrolments = [
            ProgrammeEnrolment(year=int(year), learners=count) for year, count in sorted(programme["learners"].items())
        ]
        if page is None:
            page = ProgrammePage(slug=slug, locale=institution.locale, **fields)
            page.enrolments = enrolments
            add_published(institution, page)
            changed = True
        else:
            changed = assign(page, fields) | replace_rows(page, "enrolments", enrolments, ENROLMENT_FIELDS)
            if changed:
                save_and_publish(page)
        pages.append((page, programme, changed))
    return pages


def programme_texts(programme, record, language):
    outcomes, assessment = PROGRAMME_TEXTS[language]
    if record["completeness"] == "minimal":
        return {"learning_outcomes": "", "assessment": ""}
    return {
        "learning_outcomes": f"<p>{outcomes.format(name=programme['name'][language])}</p>",
        "assessment": f"<p>{assessment}</p>",
    }


def translate_page_tree(home, directory):
    all_locales = locales()
    translate(
        home,
        {
            all_locales[language]: {
                HOME[DEFAULT_LANGUAGE][0]: HOME[language][0],
                HOME[DEFAULT_LANGUAGE][1]: HOME[language][1],
            }
            for language in TARGET_LANGUAGES
        },
        changed=False,  # the loader makes these two pages and never changes them
    )
    translate(
        directory,
        {all_locales[language]: {DIRECTORY[DEFAULT_LANGUAGE]: DIRECTORY[language]} for language in TARGET_LANGUAGES},
        changed=False,
    )
    return {language: all_locales[language] for language in TARGET_LANGUAGES}


@transaction.atomic
def load_demo_data(progress=None, limit=None, translations=True):
    with upkeep_deferred(), upkeep.batched():
        return _load(progress, limit, translations)


def _load(progress, limit, translations):
    load_classifiers()
    home, directory = ensure_page_tree()
    translate_into = translate_page_tree(home, directory) if translations else None
    data = read_fixture("demo/institutions.json")
    classifiers = classifier_maps(directory.locale)
    collection = demo_collection()
    created = 0
    for record in data["institutions"][:limit]:
        created += upsert_institution(
            directory, record, data["disclosure_texts"], classifiers, collection, translate_into
        )
        if progress:
            progress(record)
    decisions = load_decisions(home, data["institutions"][:limit], translate_into)
    load_ministry_documents(home, read_fixture("demo/order-1482-1-2021.json"), translate_into)
    reports = load_reports()
    load_glossary()
    return {
        "regions": Region.objects.filter(locale=directory.locale).count(),
        "districts": District.objects.filter(locale=directory.locale).count(),
        "institutions": InstitutionPage.objects.filter(locale=directory.locale).count(),
        "programmes": ProgrammePage.objects.filter(locale=directory.locale).count(),
        "created": created,
        "decisions": decisions,
        "published_reports": reports,
    }
