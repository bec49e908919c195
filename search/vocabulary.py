"""The values each filter can take in one language: for checking parameters and labelling facets."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from accreditation.status import AccreditationStatus
from core import content_version, memo
from institutions.models import InstitutionPage
from selfassessment.published import published_years
from taxonomy.models import District, InstitutionType, InstructionLanguage, Qualification, Region
from transparency.stored_scores import SCORE_BANDS, band_label


@dataclass
class Vocabulary:
    labels: dict = field(default_factory=dict)  # filter → {value: label}, in display order
    by_id: dict = field(default_factory=dict)  # filter → {database id: value}
    ids: dict = field(default_factory=dict)  # filter → {value: database id}

    def known_values(self):
        return {name: set(values) for name, values in self.labels.items()}

    def add(self, name, rows):
        """rows: (id, value, label) triples."""
        self.labels[name] = {value: label for _id, value, label in rows}
        self.by_id[name] = {_id: value for _id, value, _label in rows}
        self.ids[name] = {value: _id for _id, value, _label in rows}


def vocabulary_for(locale) -> Vocabulary:
    """The vocabulary of a locale, labelled in the active language; cached under the content version,
    and kept per process for it (every directory request reads it; nobody changes it once built)."""
    language = translation.get_language()
    return memo.remember_shared(("vocabulary", locale.pk, language), lambda: _cached_vocabulary(locale, language))


def _cached_vocabulary(locale, language) -> Vocabulary:
    key = content_version.cache_key("vocabulary", locale.pk, language)
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = _build_vocabulary(locale)
        cache.set(key, vocabulary, settings.PUBLIC_CACHE_SECONDS)
    return vocabulary


def _build_vocabulary(locale) -> Vocabulary:
    vocabulary = Vocabulary()
    vocabulary.add("region", Region.objects.filter(locale=locale).values_list("id", "slug", "name"))
    vocabulary.add("district", District.objects.filter(locale=locale).values_list("id", "slug", "name"))
    vocabulary.add("type", InstitutionType.objects.filter(locale=locale).values_list("id", "slug", "name"))
    vocabulary.add("ownership", [(value, value, str(label)) for value, label in InstitutionPage.Ownership.choices])
    vocabulary.add("language", [(lang.id, lang.code, str(lang)) for lang in InstructionLanguage.objects.all()])
    vocabulary.add("qualification", Qualification.objects.filter(locale=locale).values_list("id", "code", "name"))
    vocabulary.add("status", [(code, code, str(label)) for code, label in AccreditationStatus.choices])
    vocabulary.add("transparency", [(band, band, band_label(band)) for band in SCORE_BANDS])
    vocabulary.add(
        "report", [(year, str(year), _("Report published for %(year)s") % {"year": year}) for year in published_years()]
    )
    return vocabulary
