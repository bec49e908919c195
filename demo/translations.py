"""Russian and English versions of the demo pages, made through wagtail-localize as an editor would.

A page's first translations are written as the rows wagtail-localize would leave (its source and
segments, a Translation and string translations per language, the translated page, published); a
page translated before goes through wagtail-localize itself (its strings exported as PO, filled
from the demo fixture and imported, the translated page synced and published). Either way the
translations stay in step with the Kyrgyz source through wagtail-localize's sync.
"""

from functools import lru_cache

from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import TranslatableMixin
from wagtail.models.copying import _copy, _copy_m2m_relations
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import RelatedObjectSegmentValue, StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue, validate_translation_links

from institutions.disclosures import DISCLOSURES

from .publishing import add_published
from .translation_sources import create_source, existing_source

TARGET_LANGUAGES = ("ru", "en")

HOME = {
    "ky": (
        "Ачык билим: билим берүү уюмдары жөнүндө ачык маалымат",
        "Кыргыз Республикасынын мектептери, лицейлери, колледждери жана жогорку окуу жайлары "
        "өздөрү жөнүндө жарыялаган маалымат бир жерде.",
    ),
    "ru": (
        "Ачык Билим: открытая информация об образовательных организациях",
        "Сведения, которые школы, лицеи, колледжи и вузы Кыргызской Республики публикуют о себе, "
        "собраны в одном месте.",
    ),
    "en": (
        "Achyk Bilim: open information on education organizations",
        "What the schools, lyceums, colleges and universities of the Kyrgyz Republic publish about "
        "themselves, in one place.",
    ),
}
DIRECTORY = {"ky": "Билим берүү уюмдары", "ru": "Образовательные организации", "en": "Education organizations"}

PROGRAMME_TEXTS = {
    "ky": (
        "Бүтүрүүчү «{name}» программасы боюнча теориялык билимди жана практикалык көндүмдөрдү "
        "өздөштүрөт, аларды окуу жана эмгек ишмердүүлүгүндө колдоно алат.",
        "Учурдагы, аралык жана жыйынтыктоочу баалоо жүргүзүлөт; жыйынтыктоочу аттестация "
        "мамлекеттик талаптарга ылайык өткөрүлөт.",
    ),
    "ru": (
        "Выпускник программы «{name}» осваивает теоретические знания и практические навыки и умеет "
        "применять их в учёбе и работе.",
        "Проводятся текущее, промежуточное и итоговое оценивание; итоговая аттестация проходит в "
        "соответствии с государственными требованиями.",
    ),
    "en": (
        "Graduates of the “{name}” programme master its theory and practical skills and can apply "
        "them in further study and at work.",
        "Learners are assessed continuously, at mid-term and at the end; the final examination follows "
        "the state requirements.",
    ),
}


def translate(instance, strings_by_locale, changed=True):
    """Create or update the translations of one page ({target locale: source → target strings}) and
    publish them. `changed`: whether the page was changed since it was last translated; if not, and
    its translations hold these strings, nothing is done."""
    instance = instance.specific  # the copy for a language needs every field of the page's type
    source = existing_source(instance)
    if source is None:
        parents = {locale: _translated_parent(instance, locale) for locale in strings_by_locale}
        if all(parents.values()) and not _translated_count(instance, parents):
            _translate_new(instance, strings_by_locale, parents)
            return
    elif not changed and _up_to_date(source, instance, strings_by_locale):
        return
    _translate_again(instance, strings_by_locale)


def _translated_parent(instance, locale):
    parent = instance.get_parent()
    return None if parent.is_root() else parent.specific.get_translation_or_none(locale)


def _translated_count(instance, locales):
    return type(instance).objects.filter(translation_key=instance.translation_key, locale__in=list(locales)).count()


def _up_to_date(source, instance, strings_by_locale):
    """Whether the page exists in every target locale, and its source's strings are translated
    as given (as far as they are given: a string without a target stays untranslated)."""
    if _translated_count(instance, strings_by_locale) < len(strings_by_locale):
        return False
    for locale, strings in strings_by_locale.items():
        stored = (
            StringSegment.objects.filter(source=source)
            .annotate_translation(locale, include_errors=True)
            .values_list("string__data", "translation")
        )
        if any((strings.get(data.strip()) or None) != translation for data, translation in stored):
            return False
    return True


def _translate_new(instance, strings_by_locale, parents):
    """A page's first translations, with the rows wagtail-localize's editor would leave: the source
    and its segments (demo.translation_sources), a Translation and the string translations per
    language, and the translated page made from them and published."""
    source, segments = create_source(instance)
    Translation.objects.bulk_create(
        Translation(source=source, target_locale=locale, enabled=True) for locale in strings_by_locale
    )
    for locale, strings in strings_by_locale.items():
        translated = _store_strings(segments, locale, strings)
        _add_translation(source, instance, locale, parents[locale], _segments_for(segments, translated, locale))


def _store_strings(segments, locale, strings):
    """What import_po stores for a new translation, in one insert; returns {(string, context): text}
    of the valid ones (an invalid one is kept but flagged, as StringTranslation.save does)."""
    now, rows = timezone.now(), {}
    for value, row in segments:
        if not isinstance(value, StringSegmentValue):
            continue
        target = strings.get(row.string.data.strip(), "")
        if target and (row.string_id, row.context_id) not in rows:
            rows[row.string_id, row.context_id] = StringTranslation(
                translation_of=row.string,
                locale=locale,
                context=row.context,
                data=target,
                updated_at=now,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                has_error=not _valid(row.string.data, target),
            )
    StringTranslation.objects.bulk_create(rows.values())
    return {key: row.data for key, row in rows.items() if not row.has_error}


@lru_cache(maxsize=4096)  # the same disclosure and programme texts recur on many pages
def _valid(source, target):
    try:
        StringValue.from_translated_html(target)
        validate_translation_links(source, target)
    except ValueError:
        return False
    return True


def _segments_for(segments, translated, locale):
    """What source._get_segments_for_translation(locale, fallback=True) reads back from the rows just
    written: the translated strings (the source's where there is none), the templates, the related
    objects that exist in the locale; no overrides yet."""
    strings, templates, related = [], [], []
    for value, row in segments:
        if isinstance(value, StringSegmentValue):
            text = translated.get((row.string_id, row.context_id), row.string.data)
            strings.append(StringSegmentValue(value.path, StringValue(text), attrs=value.attrs).with_order(value.order))
        elif isinstance(value, TemplateSegmentValue):
            templates.append(value)
        elif isinstance(value, RelatedObjectSegmentValue) and row.object.has_translation(locale):
            related.append(value)
    return strings + templates + related


def _translate_again(instance, strings_by_locale):
    """Through wagtail-localize as an editor would: the source read again, the strings filled in its
    PO files, the translated pages synced and published."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    for locale, strings in strings_by_locale.items():
        translation, _new = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid.strip(), "")
        translation.import_po(po)
        # save_target(publish=True) defers publishing to transaction.on_commit with the page object
        # as it was before its children were added; publishing that later resets the tree's child
        # count. Save a draft, then publish the stored revision at once.
        source.create_or_update_translation(locale, publish=False, fallback=True, copy_parent_pages=True)
        source.get_translated_instance(locale).get_latest_revision().publish()


def _add_translation(source, original, locale, translated_parent, segments):
    """A first translation made as wagtail-localize's create_or_update_translation makes it (a copy
    of the source for the locale, the translated segments ingested, view restrictions synced), but
    saved once and published at once (demo.publishing) instead of copied, saved, revised and
    published in turn."""
    exclude = original.default_exclude_fields_in_copy + original.exclude_fields_in_copy
    attrs = {"locale": locale, "alias_of": None, "live_revision": None, "latest_revision": None}
    page, children = _copy(original, exclude_fields=exclude, update_attrs=attrs)
    for child in children.values():
        if isinstance(child, TranslatableMixin):
            child.locale = locale
    ingest_segments(original, page, source.locale, locale, segments)
    # The slug is a segment too: made valid once ingested, as wagtail-localize does.
    page.slug = find_available_slug(translated_parent, slugify(page.slug))
    add_published(translated_parent, page)
    _copy_m2m_relations(original, page, exclude_fields=exclude, update_attrs=attrs)
    source.sync_view_restrictions(original, page)


def _pairs(values, language):
    """Source (Kyrgyz) → target strings for a dict of {field: {ky, ru, en}}."""
    return {v["ky"].strip(): v[language].strip() for v in values if v and v.get("ky") and v.get(language)}


def institution_strings(record, texts, language):
    names = [
        record["name"],
        record["short_name"],
        record["address"],
        record["founding_history"],
        record["head"]["name"],
    ]
    strings = _pairs(names, language)
    short = record["short_name"]
    for disclosure in DISCLOSURES:
        template = texts[record["type"]][disclosure.field]
        strings[template["ky"].format(name=short["ky"]).strip()] = template[language].format(name=short[language])
    for licence in record.get("licences", []):
        strings.update(_pairs([licence["issuer"], licence["programmes"]], language))
    return strings


def programme_strings(programme, language):
    strings = _pairs([programme["name"]], language)
    outcomes_ky, assessment_ky = PROGRAMME_TEXTS["ky"]
    outcomes, assessment = PROGRAMME_TEXTS[language]
    strings[outcomes_ky.format(name=programme["name"]["ky"])] = outcomes.format(name=programme["name"][language])
    strings[assessment_ky] = assessment
    return strings
