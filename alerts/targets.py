"""What can be followed: an institution, a region, a district or an institution type, named by the
translation key shared by all their language versions."""

from functools import partial

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import memo
from core.visibility import visible
from institutions.models import InstitutionPage
from taxonomy.models import District, InstitutionType, Region

from .models import Subscription

Target = Subscription.Target
MODELS = {
    Target.INSTITUTION: InstitutionPage,
    Target.REGION: Region,
    Target.DISTRICT: District,
    Target.TYPE: InstitutionType,
}
# The most specific first: an address that follows an institution and its region gets one e-mail,
# with the institution's unsubscribe link.
SPECIFICITY = [Target.INSTITUTION, Target.DISTRICT, Target.REGION, Target.TYPE]
LABELS = {
    Target.INSTITUTION: _("the institution “%(name)s”"),
    Target.REGION: _("the region “%(name)s”"),
    Target.DISTRICT: _("the district “%(name)s”"),
    Target.TYPE: _("institutions of the type “%(name)s”"),
}


def _queryset(target):
    model = MODELS[target]
    return visible(model.objects.all()) if model is InstitutionPage else model.objects.all()


def parse(value):
    """(target, object) for a form value such as "institution:12" or "region:3"; None when it names
    nothing a visitor may follow (unknown, deleted, or an institution that is not public)."""
    kind, _sep, pk = (value or "").partition(":")
    if kind not in MODELS or not pk.isdigit():
        return None
    obj = _queryset(kind).filter(pk=int(pk)).first()
    return (kind, obj) if obj is not None else None


def value_of(target, obj):
    return f"{target}:{obj.pk}"


def name_in(target, key, language):
    """The followed item's name in a language (the Kyrgyz one when it has no translation); None when
    it is gone or no longer public."""
    items = _queryset(target).filter(translation_key=key)
    item = (
        items.filter(locale__language_code=language).first()
        or items.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or items.first()
    )
    if item is None:
        return None
    return item.title if target == Target.INSTITUTION else item.name


def describe(target, key, language):
    name = name_in(target, key, language)
    return LABELS[target] % {"name": name} if name else ""


def keys_of(institution):
    """(target, translation key) pairs whose followers hear about an institution, most specific first."""
    pairs = [(Target.INSTITUTION, institution.translation_key)]
    if institution.district_id:
        pairs.append((Target.DISTRICT, institution.district.translation_key))
    pairs.append((Target.REGION, institution.region.translation_key))
    pairs.append((Target.TYPE, institution.institution_type.translation_key))
    return pairs


def _area_items(target, model, language):
    """(value, name, slug) of every region, district or type in a language (else in Kyrgyz); kept per
    process and content version: every directory page offers them."""
    items = list(model.objects.filter(locale__language_code=language))
    if not items:
        items = list(model.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    return [(value_of(target, item), item.name, item.slug) for item in items]


def area_choices(language, selected_slugs=None):
    """Option groups for following a region, a district or a type, in a language, and the value to
    preselect from the directory's current filters (its district, else its region, else its type)."""
    selected_slugs = selected_slugs or {}
    groups, matches = [], {}
    for target, model, label in (
        (Target.REGION, Region, _("Regions")),
        (Target.DISTRICT, District, _("Districts")),
        (Target.TYPE, InstitutionType, _("Institution types")),
    ):
        items = memo.remember_shared(("area-items", target, language), partial(_area_items, target, model, language))
        groups.append((label, [(value, name) for value, name, _slug in items]))
        slug = selected_slugs.get(target)
        matches[target] = next((value for value, _name, item_slug in items if slug and item_slug == slug), "")
    selected = matches[Target.DISTRICT] or matches[Target.REGION] or matches[Target.TYPE]
    return groups, selected
