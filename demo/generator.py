"""Generates many synthetic institutions fast, for scale tests and benchmarks.

Wagtail pages use multi-table inheritance, which Django's bulk_create refuses; so the base Page rows
are bulk-created with their tree paths computed here, and the InstitutionPage/ProgrammePage rows are
inserted in batches beside them. The result is the same tree Wagtail's add_child would build.
"""

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from accreditation import stored_status
from accreditation.dates import remediation_due
from accreditation.models import AccreditationDecisionPage as Decision
from institutions.disclosures import DISCLOSURES
from institutions.models import InstitutionPage, ProgrammeEnrolment, ProgrammePage, StaffStatistic
from search.names import institution_search_names, institution_title_keys, translated_names
from taxonomy.geo import LATITUDE_RANGE, LONGITUDE_RANGE
from taxonomy.models import District, InstitutionType, InstructionLanguage, Qualification, Region
from transparency.stored_scores import refresh_scores

BATCH = 500
KIND_NAMES = {
    "general-school": "№{n} жалпы билим берүүчү орто мектеби",
    "gymnasium": "№{n} гимназия-мектеби",
    "lyceum": "№{n} лицейи",
    "vocational-lyceum": "№{n} кесиптик лицейи",
    "college": "№{n} колледжи",
    "university": "№{n} мамлекеттик университети",
}
PROGRAMME_NAMES = [
    "Башталгыч жалпы билим берүү",
    "Негизги жалпы билим берүү",
    "Орто жалпы билим берүү",
    "Программалык камсыздоо",
    "Бухгалтердик эсеп",
    "Мугалимдик билим берүү",
    "Тигүүчү",
    "Электр монтёру",
]


def _page_fields(title, slug, path, depth, url_path, locale_id, content_type, now, numchild=0):
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        path=path,
        depth=depth,
        numchild=numchild,
        url_path=url_path,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=locale_id,
        translation_key=uuid.uuid4(),
        content_type=content_type,
    )


def _child_path(parent_path, step):
    return Page._get_path(parent_path, len(parent_path) // Page.steplen + 1, step)


def _insert_specific(model, objects):
    """Insert the subclass rows of pages whose base rows already exist."""
    model.objects.all()._batched_insert(objects, model._meta.local_concrete_fields, BATCH)


def _jitter(value, spread, bounds, rng):
    low, high = (float(b) for b in bounds)
    return Decimal(str(round(min(high - 0.01, max(low + 0.01, value + rng.uniform(-spread, spread))), 6)))


@transaction.atomic
def generate_institutions(directory, count, programmes_per_institution=4, seed=1, progress=None):
    rng = random.Random(seed)
    locale_id = directory.locale_id
    regions = list(Region.objects.filter(locale_id=locale_id))
    districts_by_region = {}
    for district in District.objects.filter(locale_id=locale_id):
        districts_by_region.setdefault(district.region_id, []).append(district)
    types = list(InstitutionType.objects.filter(locale_id=locale_id))
    qualifications = list(Qualification.objects.filter(locale_id=locale_id)) or [None]
    languages = list(InstructionLanguage.objects.filter(code__in=["ky", "ru", "uz"]))
    region_names = {r.pk: translated_names(r) for r in regions}
    district_names = {d.pk: translated_names(d) for ds in districts_by_region.values() for d in ds}
    institution_ct = ContentType.objects.get_for_model(InstitutionPage)
    programme_ct = ContentType.objects.get_for_model(ProgrammePage)
    now = timezone.now()
    today = date.today()

    directory = Page.objects.get(pk=directory.pk)
    last = directory.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    existing_slugs = set(directory.get_children().values_list("slug", flat=True))
    made = 0

    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        bases, specifics, programme_plan = [], [], []
        for offset in range(size):
            number = first_step + start + offset
            region = rng.choice(regions)
            district = rng.choice(districts_by_region.get(region.pk) or [None])
            kind = rng.choice(types)
            place = district.name if district else region.name
            title = f"{place}: " + KIND_NAMES.get(kind.slug, "№{n} билим берүү уюму").format(n=number)
            slug = f"generated-{number:06d}"
            if slug in existing_slugs:
                continue
            path = _child_path(directory.path, number)
            base = _page_fields(
                title,
                slug,
                path,
                directory.depth + 1,
                f"{directory.url_path}{slug}/",
                locale_id,
                institution_ct,
                now,
                numchild=programmes_per_institution,
            )
            bases.append(base)
            fields = {
                "registry_code": f"GEN-{number:06d}",
                "short_name": KIND_NAMES.get(kind.slug, "№{n}").format(n=number),
                "institution_type_id": kind.pk,
                "ownership": rng.choice(["state", "state", "municipal", "private"]),
                "region_id": region.pk,
                "district_id": district.pk if district else None,
                "address": f"{place}, Мектеп көчөсү, {rng.randint(1, 200)}",
                "latitude": _jitter(float(region.centre_latitude or 41.5), 0.3, LATITUDE_RANGE, rng),
                "longitude": _jitter(float(region.centre_longitude or 74.5), 0.4, LONGITUDE_RANGE, rng),
                "phones": f"+996 312 {rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                "email": f"info{number}@edu.kg",
                "year_founded": rng.randint(1930, 2020),
            }
            published = rng.sample([d for d in DISCLOSURES], rng.randint(0, len(DISCLOSURES)))
            for disclosure in published:
                fields[disclosure.field] = f"<p>{title}: {disclosure.field.replace('_', ' ')}.</p>"
                fields[disclosure.updated_field] = today - timedelta(days=rng.randint(1, 900))
            named = InstitutionPage(
                title=title,
                address=fields["address"],
                registry_code=fields["registry_code"],
                short_name=fields["short_name"],
            )
            fields["search_names"] = institution_search_names(
                named, region_names[region.pk], district_names.get(district.pk if district else None, [])
            )
            fields["title_keys"] = institution_title_keys(named)
            specifics.append(fields)
            programme_plan.append((path, slug, number))

        Page.objects.bulk_create(bases, batch_size=BATCH)
        ids = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
        institutions = [InstitutionPage(page_ptr_id=ids[base.path], **fields) for base, fields in zip(bases, specifics)]
        _insert_specific(InstitutionPage, institutions)
        InstitutionPage.languages.through.objects.bulk_create(
            [
                InstitutionPage.languages.through(institutionpage_id=ids[b.path], instructionlanguage_id=lang.pk)
                for b in bases
                for lang in rng.sample(languages, rng.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        StaffStatistic.objects.bulk_create(
            [
                StaffStatistic(
                    institution_id=ids[b.path],
                    year=year,
                    teaching_staff=rng.randint(10, 120),
                    support_staff=rng.randint(2, 30),
                )
                for b in bases
                for year in range(today.year - 4, today.year + 1)
            ],
            batch_size=BATCH,
        )

        programme_bases, programme_specifics = [], []
        for inst_path, inst_slug, number in programme_plan:
            institution_id = ids[inst_path]
            for step in range(1, programmes_per_institution + 1):
                name = PROGRAMME_NAMES[(number + step) % len(PROGRAMME_NAMES)]
                slug = f"programme-{step}"
                programme_bases.append(
                    _page_fields(
                        name,
                        slug,
                        _child_path(inst_path, step),
                        directory.depth + 2,
                        f"{directory.url_path}{inst_slug}/{slug}/",
                        locale_id,
                        programme_ct,
                        now,
                    )
                )
                qualification = rng.choice(qualifications)
                programme_specifics.append(
                    {
                        "institution_id": institution_id,
                        "code": f"{number}-{step}",
                        "qualification_id": qualification.pk if qualification else None,
                        "form_of_study": rng.choice(["full-time", "full-time", "part-time", "evening"]),
                        "duration_months": rng.choice([10, 24, 34, 48]),
                        "language_id": rng.choice(languages).pk,
                    }
                )
        Page.objects.bulk_create(programme_bases, batch_size=BATCH)
        programme_ids = dict(Page.objects.filter(path__in=[b.path for b in programme_bases]).values_list("path", "pk"))
        _insert_specific(
            ProgrammePage,
            [
                ProgrammePage(page_ptr_id=programme_ids[b.path], **fields)
                for b, fields in zip(programme_bases, programme_specifics)
            ],
        )
        ProgrammeEnrolment.objects.bulk_create(
            [
                ProgrammeEnrolment(programme_id=programme_ids[b.path], year=year, learners=rng.randint(5, 300))
                for b in programme_bases
                for year in range(today.year - 2, today.year + 1)
            ],
            batch_size=BATCH,
        )
        index_pages(list(ids.values()), list(programme_ids.values()))
        # bulk_create publishes nothing, so the stored transparency scores are computed here.
        refresh_scores(InstitutionPage.objects.filter(pk__in=list(ids.values())), today)
        made += len(bases)
        if progress:
            progress(len(bases))

    # get_children() trusts numchild, which is what is being fixed here: count by path instead.
    children = Page.objects.filter(path__startswith=directory.path, depth=directory.depth + 1).count()
    Page.objects.filter(pk=directory.pk).update(numchild=children)
    return made


def index_pages(institution_ids, programme_ids):
    """Add the new pages to Wagtail's search index (bulk_create sends no signals)."""
    backend = get_search_backend()
    backend.add_bulk(InstitutionPage, list(InstitutionPage.objects.filter(pk__in=institution_ids)))
    backend.add_bulk(ProgrammePage, list(ProgrammePage.objects.filter(pk__in=programme_ids)))


@transaction.atomic
def generate_decisions(register, share=0.7, seed=1, progress=None):
    """Institutional decisions for a share of the register's language's institutions that have none:
    accredited (some expired, some expiring soon), with conditions, or refused. Bulk-written like the
    institutions, for benchmarks: the search facets and profiles then meet decisions at scale."""

    rng = random.Random(seed)
    decision_ct = ContentType.objects.get_for_model(Decision)
    now, today = timezone.now(), date.today()
    register = Page.objects.get(pk=register.pk)
    decided = Decision.objects.values_list("institution_id", flat=True)
    institutions = list(
        InstitutionPage.objects.filter(locale_id=register.locale_id)
        .exclude(pk__in=decided)
        .order_by("pk")
        .values_list("pk", "title")
    )
    chosen = [row for row in institutions if rng.random() < share]
    last = register.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    outcomes = [Decision.Outcome.ACCREDITED] * 6 + [Decision.Outcome.CONDITIONAL] * 3 + [Decision.Outcome.REFUSED]
    made = 0
    for start in range(0, len(chosen), BATCH):
        bases, specifics = [], []
        for pk, title in chosen[start : start + BATCH]:
            slug = f"generated-decision-{step:06d}"
            bases.append(
                _page_fields(
                    f"Чечим: {title}"[:255],
                    slug,
                    _child_path(register.path, step),
                    register.depth + 1,
                    f"{register.url_path}{slug}/",
                    register.locale_id,
                    decision_ct,
                    now,
                )
            )
            decided_on = today - timedelta(days=rng.randint(30, 6 * 365))
            outcome = rng.choice(outcomes)
            valid = outcome != Decision.Outcome.REFUSED
            specifics.append(
                {
                    "number": f"G-{step}",
                    "decision_date": decided_on,
                    "institution_id": pk,
                    "institution_name": title[:255],
                    "kind": Decision.Kind.INSTITUTIONAL,
                    "outcome": outcome,
                    "valid_from": decided_on if valid else None,
                    "valid_until": decided_on + timedelta(days=5 * 365) if valid else None,
                    "remediation_due": remediation_due(decided_on),
                }
            )
            step += 1
        Page.objects.bulk_create(bases, batch_size=BATCH)
        ids = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
        _insert_specific(Decision, [Decision(page_ptr_id=ids[b.path], **f) for b, f in zip(bases, specifics)])
        made += len(bases)
        if progress:
            progress(len(bases))
    children = Page.objects.filter(path__startswith=register.path, depth=register.depth + 1).count()
    Page.objects.filter(pk=register.pk).update(numchild=children)
    stored_status.refresh()  # bulk writes send no signals (this also moves the content version)
    return made
