"""Russian and English versions of the demo pages, made through wagtail-localize as an editor would.

For each page a wagtail-localize Translation is created, its strings are exported as PO, filled
from the demo fixture (Kyrgyz source text → target text) and imported, and the translated page is
published. The translations stay in step with the Kyrgyz source through wagtail-localize's sync.
"""

from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import TranslatableMixin
from wagtail.models.copying import _copy, _copy_m2m_relations
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.ingest import ingest_segments

from institutions.disclosures import DISCLOSURES

from .publishing import add_published

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


def translate(instance, strings_by_locale):
    """Create or update the translations of one page ({target locale: source → target strings}) and
    publish them. The source's segments are read once for all the languages (wagtail-localize reads
    them again on every call of update_from_db, a third of the demo load's time)."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    segments = original = None
    for locale, strings in strings_by_locale.items():
        translation, new = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if new:
            if segments is None:
                segments = list(StringSegment.objects.filter(source=source).select_related("string"))
            _store_strings(segments, locale, strings)
        else:
            po = translation.export_po()
            for entry in po:
                entry.msgstr = strings.get(entry.msgid.strip(), "")
            translation.import_po(po)
        parent = instance.get_parent()
        translated_parent = None if parent.is_root() else parent.specific.get_translation_or_none(locale)
        if translated_parent is not None and not _translated(source, locale):
            original = original or source.as_instance()
            _add_translation(source, original, locale, translated_parent)
            continue
        # save_target(publish=True) defers publishing to transaction.on_commit with the page object
        # as it was before its children were added; publishing that later resets the tree's child
        # count. Save a draft, then publish the stored revision at once.
        source.create_or_update_translation(locale, publish=False, fallback=True, copy_parent_pages=True)
        source.get_translated_instance(locale).get_latest_revision().publish()


def _store_strings(segments, locale, strings):
    """What import_po stores for a new translation, without a PO file's round trip of lookups."""
    now, seen = timezone.now(), set()
    for segment in segments:
        target = strings.get(segment.string.data.strip(), "")
        if target and (segment.string_id, segment.context_id) not in seen:
            seen.add((segment.string_id, segment.context_id))
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                data=target,
                updated_at=now,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )


def _translated(source, locale):
    return (
        source.specific_content_type.model_class()
        .objects.filter(translation_key=source.object_id, locale=locale)
        .exists()
    )


def _add_translation(source, original, locale, translated_parent):
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
    ingest_segments(original, page, source.locale, locale, source._get_segments_for_translation(locale, fallback=True))
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
