"""The Elasticsearch document of an institution: mapping, analyzers, and how a page becomes a document.

The document class is registered with django-elasticsearch-dsl for its mapping and prepare_* methods;
connections, index names and syncing are ours (search.es_client, search.indexing, search.signals),
because they must follow settings read at call time and only ever index live pages.
"""

from django.utils.html import strip_tags
from django_elasticsearch_dsl import Document, fields
from django_elasticsearch_dsl.registries import registry
from elasticsearch.dsl import Text, analyzer, token_filter

from accreditation.status import latest_outcomes
from core.visibility import visible
from institutions.models import InstitutionPage, ProgrammePage
from selfassessment.published import report_years_by_key

from .es_client import alias_name
from .names import institution_title_keys

# Frequent function words of Kyrgyz that carry no meaning in a search; kept short on purpose.
KYRGYZ_STOP_WORDS = [
    "жана", "менен", "же", "да", "дагы", "үчүн", "бул", "ушул", "ошол", "деп", "эле", "эмес",
    "болуп", "боюнча", "аркылуу", "тууралуу", "жөнүндө",
]  # fmt: skip

kyrgyz_stop = token_filter("kyrgyz_stop", type="stop", stopwords=KYRGYZ_STOP_WORDS)
# Every prefix of every word, so "Сатыл" finds "Сатылганов" while typing.
prefix_ngram = token_filter("prefix_ngram", type="edge_ngram", min_gram=1, max_gram=20)

kyrgyz = analyzer("kyrgyz", tokenizer="standard", filter=["lowercase", kyrgyz_stop])
kyrgyz_prefix = analyzer("kyrgyz_prefix", tokenizer="standard", filter=["lowercase", kyrgyz_stop, prefix_ngram])
# search_names holds Latin spelling keys already split into words (search.transliteration).
names_prefix = analyzer("names_prefix", tokenizer="whitespace", filter=["lowercase", prefix_ngram])


def _text(prefix=False):
    """Kyrgyz text with Russian and English subfields; the locale decides which one matches best."""
    subfields = {"ru": Text(analyzer="russian"), "en": Text(analyzer="english")}
    if prefix:
        subfields["prefix"] = Text(analyzer=kyrgyz_prefix, search_analyzer=kyrgyz)
    return fields.TextField(analyzer=kyrgyz, fields=subfields)


TEXT_FIELDS = ["title", "short_name", "address", "mission", "educational_goals"]


@registry.register_document
class InstitutionDocument(Document):
    id = fields.IntegerField()
    locale = fields.KeywordField()
    url_path = fields.KeywordField()
    title = _text(prefix=True)
    short_name = _text(prefix=True)
    address = _text(prefix=True)
    mission = _text()
    educational_goals = _text()
    search_names = fields.TextField(
        analyzer="whitespace",
        fields={"prefix": Text(analyzer=names_prefix, search_analyzer="whitespace")},
    )
    # Spelling keys of the name alone: a name match ranks above a match on the place or address.
    title_keys = fields.TextField(
        analyzer="whitespace",
        fields={"prefix": Text(analyzer=names_prefix, search_analyzer="whitespace")},
    )
    region = fields.KeywordField()
    district = fields.KeywordField()
    type = fields.KeywordField()
    ownership = fields.KeywordField()
    languages = fields.KeywordField(multi=True)
    qualifications = fields.KeywordField(multi=True)
    title_sort = fields.KeywordField()
    transparency_score = fields.IntegerField()
    # Years with a published self-assessment report (as text: filtered like the other keyword facets).
    report_years = fields.KeywordField(multi=True)
    # The latest institutional decision; the status is worked out at query time, because it
    # changes by date alone (the day after expiry) with nothing saved.
    accreditation_outcome = fields.KeywordField()
    accreditation_until = fields.DateField()
    location = fields.GeoPointField()
    suggest = fields.CompletionField(contexts=[{"name": "locale", "type": "category", "path": "locale"}])

    class Index:
        # The alias; concrete indexes are "<alias>-<timestamp>" (see search.indexing).
        name = alias_name()
        settings = {"number_of_shards": 1}

    class Django:
        model = InstitutionPage
        fields = []
        # search.signals syncs on Wagtail's publish signals instead of every save.
        ignore_signals = True

    def get_queryset(self):
        return indexable_pages()

    def should_index_object(self, obj):
        return obj.live

    def prepare_id(self, page):
        return page.pk

    def prepare_locale(self, page):
        return page.locale.language_code

    def prepare_mission(self, page):
        return strip_tags(page.mission or "")

    def prepare_educational_goals(self, page):
        return strip_tags(page.educational_goals or "")

    def prepare_title_keys(self, page):
        return institution_title_keys(page)

    def prepare_region(self, page):
        return page.region.slug if page.region_id else None

    def prepare_district(self, page):
        return page.district.slug if page.district_id else None

    def prepare_type(self, page):
        return page.institution_type.slug if page.institution_type_id else None

    def prepare_languages(self, page):
        return sorted(language.code for language in page.languages.all())

    def prepare_qualifications(self, page):
        codes = getattr(page, "qualification_codes", None)
        if codes is None:
            codes = qualification_codes([page.pk]).get(page.pk, [])
        return codes

    def _latest_decision(self, page):
        latest = getattr(page, "latest_decision", False)  # set in bulk by search.indexing
        if latest is False:
            latest = latest_outcomes([page.translation_key]).get(page.translation_key)
        return latest or (None, None)

    def prepare_accreditation_outcome(self, page):
        return self._latest_decision(page)[0]

    def prepare_accreditation_until(self, page):
        return self._latest_decision(page)[1]

    def prepare_report_years(self, page):
        years = getattr(page, "report_years", None)  # set in bulk by search.indexing
        if years is None:
            years = report_years_by_key([page.translation_key]).get(page.translation_key, [])
        return [str(year) for year in years]

    def prepare_transparency_score(self, page):
        stored = getattr(page, "stored_score", None)  # transparency.InstitutionScore, kept by publishing
        return stored.score if stored is not None else None

    def prepare_title_sort(self, page):
        # Exact title: the database engine sorts by title too, so both engines list names alike.
        return page.title

    def prepare_location(self, page):
        if page.latitude is None or page.longitude is None:
            return None
        return {"lat": float(page.latitude), "lon": float(page.longitude)}

    def prepare_suggest(self, page):
        inputs = [page.title, page.short_name]
        inputs += [word for word in (page.title or "").split() if len(word) > 2]
        inputs += (page.search_names or "").split()
        return {"input": list(dict.fromkeys(i for i in inputs if i))}


def indexable_pages():
    return (
        InstitutionPage.objects.live()
        .select_related("locale", "region", "district", "institution_type", "stored_score")
        .prefetch_related("languages")
    )


def qualification_codes(institution_ids) -> dict:
    """Institution id → sorted codes of the qualifications its live programmes award."""
    codes = {}
    rows = (
        visible(ProgrammePage.objects.filter(institution_id__in=list(institution_ids)))
        .exclude(qualification=None)
        .values_list("institution_id", "qualification__code")
    )
    for institution_id, code in rows:
        codes.setdefault(institution_id, set()).add(code)
    return {pk: sorted(values) for pk, values in codes.items()}
