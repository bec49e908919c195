"""The read-only JSON API (/api/v1/), built with django-ninja; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs/."""

from uuid import UUID

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger
from ninja.responses import Status

from accreditation.register import published_decisions, register_selection
from core.visibility import visible
from institutions.models import InstitutionPage, ProgrammePage
from search.query import FILTERS, RESULT_WINDOW
from taxonomy.models import District, Region

from . import schemas
from .language import locale_of, requested_language
from .records import (
    decision_detail,
    decision_records,
    decision_rows,
    institution_detail,
    institution_summaries,
    programme_record,
)
from .selection import search_window

ERRORS = {400: schemas.Error, 404: schemas.Error}

api = NinjaAPI(
    title="Achyk Bilim open data API",
    version="1",
    description=(
        "Read-only data on the education organizations of the Kyrgyz Republic. Names and texts come in "
        "Kyrgyz (default), Russian or English: `?lang=ky|ru|en` or the Accept-Language header. "
        "Institutions, programmes and accreditation decisions are identified by UUIDs that are the same "
        "in every language."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),  # served from ninja's own static files ("ninja" is in INSTALLED_APPS): no CDN
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    """Parameters that do not fit the schema: 400 with one readable line per problem."""
    errors = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
        errors.append(f"{where}: {error.get('msg', '')}" if where else error.get("msg", ""))
    return api.create_response(request, {"detail": _("Invalid parameters."), "errors": errors}, status=400)


def _version_in(versions, language):
    """The version (page with its locale loaded) in the language asked for, else the Kyrgyz one."""
    by_language = {version.locale.language_code: version for version in versions}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)


def _language(request, params):
    return requested_language(request, params.lang)


@api.get("/institutions", response={200: schemas.InstitutionList, **ERRORS}, tags=["institutions"])
def list_institutions(request, params: Query[schemas.InstitutionParams]):
    """Institutions matching the same filters as the directory page, in the same order."""
    language = _language(request, params)
    with translation.override(language):
        search_params = {
            name: str(value)
            for name, value in params.dict(exclude_none=True).items()
            if name in (*FILTERS, "q", "lat", "lon", "radius", "sort")
        }
        if params.offset + params.limit > RESULT_WINDOW:
            # The search lists no result past its window (as the directory): say so rather than answer empty.
            message = _(
                "offset + limit may not exceed %(window)d: results beyond the first %(window)d are not listed; "
                "narrow the search with filters."
            ) % {"window": RESULT_WINDOW}
            return Status(400, {"detail": _("Invalid parameters."), "errors": [message]})
        query, result, hits = search_window(search_params, locale_of(language), params.offset, params.limit)
        if query.notes:
            return Status(400, {"detail": _("Invalid parameters."), "errors": [str(note) for note in query.notes]})
        return {
            "total": result.total,
            "limit": params.limit,
            "offset": params.offset,
            "items": institution_summaries(request, [hit.page for hit in hits]),
        }


@api.get("/institutions/{institution_id}", response={200: schemas.InstitutionDetail, **ERRORS}, tags=["institutions"])
def get_institution(request, institution_id: UUID, params: Query[schemas.LanguageParams]):
    """One institution with everything it publishes; in Kyrgyz when it has no version in the language asked for."""
    language = _language(request, params)
    with translation.override(language):
        versions = visible(InstitutionPage.objects.filter(translation_key=institution_id)).select_related(
            "locale", "region", "district", "institution_type"
        )
        page = _version_in(versions, language)
        if page is None:
            return Status(404, {"detail": _("No published institution has this id.")})
        with translation.override(page.locale.language_code):
            return institution_detail(request, page)


@api.get("/programmes", response={200: schemas.ProgrammeList, **ERRORS}, tags=["programmes"])
def list_programmes(request, params: Query[schemas.ProgrammeParams]):
    """Programmes, by institution, qualification and form of study."""
    language = _language(request, params)
    with translation.override(language):
        programmes = visible(ProgrammePage.objects.all(), locale_of(language))
        if params.institution:
            programmes = programmes.filter(institution__translation_key=params.institution)
        if params.qualification:
            programmes = programmes.filter(qualification__code=params.qualification)
        if params.form_of_study:
            programmes = programmes.filter(form_of_study=params.form_of_study)
        total = programmes.count()
        window = (
            programmes.select_related("qualification", "language", "licence", "institution")
            .prefetch_related("enrolments")
            .order_by("institution_id", "path")[params.offset : params.offset + params.limit]
        )
        return {
            "total": total,
            "limit": params.limit,
            "offset": params.offset,
            "items": [programme_record(request, programme) for programme in window],
        }


@api.get("/decisions", response={200: schemas.DecisionList, **ERRORS}, tags=["decisions"])
def list_decisions(request, params: Query[schemas.DecisionParams]):
    """Accreditation decisions matching the same filters as the register page (/ky/decisions/), newest first."""
    language = _language(request, params)
    with translation.override(language):
        filters = {
            "region": params.region,
            "district": params.district,
            "outcome": params.outcome,
            "kind": params.kind,
            "year": params.year,
            "expiring": "1" if params.expiring else None,
        }
        # The register's own selection: a value it would drop with a note is a 400 here.
        selection = register_selection(
            {name: str(value) for name, value in filters.items() if value is not None}, locale_of(language)
        )
        if selection.notes:
            return Status(400, {"detail": _("Invalid parameters."), "errors": [str(note) for note in selection.notes]})
        window = selection.decisions.prefetch_related("programmes")[params.offset : params.offset + params.limit]
        return {
            "total": selection.decisions.count(),
            "limit": params.limit,
            "offset": params.offset,
            "items": decision_records(request, list(window)),
        }


@api.get("/decisions/{decision_id}", response={200: schemas.DecisionDetail, **ERRORS}, tags=["decisions"])
def get_decision(request, decision_id: UUID, params: Query[schemas.LanguageParams]):
    """One accreditation decision; in Kyrgyz when it has no version in the language asked for."""
    language = _language(request, params)
    with translation.override(language):
        versions = decision_rows(published_decisions().filter(translation_key=decision_id)).select_related("locale")
        decision = _version_in(versions, language)
        if decision is None:
            return Status(404, {"detail": _("No published decision has this id.")})
        with translation.override(decision.locale.language_code):
            return decision_detail(request, decision)


@api.get("/regions", response={200: list[schemas.Region], **ERRORS}, tags=["places"])
def list_regions(request, params: Query[schemas.LanguageParams]):
    """Regions with their districts; slugs are the directory's filter values."""
    locale = locale_of(_language(request, params))
    districts = {}
    for district in District.objects.filter(locale=locale).select_related("region"):
        districts.setdefault(district.region_id, []).append({"slug": district.slug, "name": district.name})
    return [
        {
            "slug": region.slug,
            "name": region.name,
            "centre_latitude": None if region.centre_latitude is None else float(region.centre_latitude),
            "centre_longitude": None if region.centre_longitude is None else float(region.centre_longitude),
            "districts": districts.get(region.id, []),
        }
        for region in Region.objects.filter(locale=locale)
    ]


@api.get("/districts", response={200: list[schemas.District], **ERRORS}, tags=["places"])
def list_districts(request, params: Query[schemas.DistrictParams]):
    language = _language(request, params)
    with translation.override(language):
        districts = District.objects.filter(locale=locale_of(language)).select_related("region")
        if params.region:
            if not Region.objects.filter(locale=locale_of(language), slug=params.region).exists():
                message = _("Unknown region “%(value)s”.") % {"value": params.region}
                return Status(400, {"detail": _("Invalid parameters."), "errors": [message]})
            districts = districts.filter(region__slug=params.region)
        return [{"slug": d.slug, "name": d.name, "region": d.region.slug} for d in districts]
