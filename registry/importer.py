"""Creating and updating institutions from the ministry's registry, matched by registry code.

Every row is checked first. By default nothing is written when any row is invalid; with
skip_invalid the valid rows are written and the invalid ones reported. A column missing from the
file leaves that field as it is; an empty cell empties it. A row that would change nothing is not
saved again, so importing the same file twice changes nothing the second time.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from institutions.models import InstitutionIndexPage, InstitutionPage
from institutions.validators import validate_phone, validate_phone_list, validate_year_not_in_future
from search.transliteration import spelling_key
from taxonomy.geo import validate_latitude, validate_longitude
from taxonomy.models import District, InstitutionType, Region

# File column → InstitutionPage field, for the plain text columns.
TEXT_COLUMNS = {
    "name": "title",
    "short_name": "short_name",
    "address": "address",
    "phones": "phones",
    "fax": "fax",
    "email": "email",
    "website": "website",
    "head_name": "head_name",
    "head_phone": "head_phone",
    "head_email": "head_email",
}
OTHER_COLUMNS = ("registry_code", "type", "ownership", "region", "district", "latitude", "longitude", "year_founded")
COLUMNS = ("registry_code", *TEXT_COLUMNS, *OTHER_COLUMNS[1:])
REQUIRED_COLUMNS = ("registry_code", "name")
MAX_LENGTHS = {column: InstitutionPage._meta.get_field(f).max_length for column, f in TEXT_COLUMNS.items()}

CREATE, UPDATE, UNCHANGED, INVALID = "create", "update", "unchanged", "invalid"


class RegistryImportError(Exception):
    """The import cannot start (no directory, missing columns); nothing was written."""


@dataclass
class RowReport:
    line: int
    code: str
    name: str
    errors: list = field(default_factory=list)
    action: str = INVALID
    changes: list = field(default_factory=list)  # the fields an update changes
    values: dict = field(default_factory=dict)  # InstitutionPage field → value


@dataclass
class ImportReport:
    rows: list
    notes: list
    dry_run: bool
    written: bool = False

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def invalid(self):
        return [row for row in self.rows if row.errors]

    def summary(self):
        return {action: self.count(action) for action in (CREATE, UPDATE, UNCHANGED, INVALID)}


def import_registry(registry_file, dry_run=False, skip_invalid=False, progress=None) -> ImportReport:
    """Check every row, then (unless a dry run, or invalid rows without skip_invalid) write the valid ones."""
    missing = [column for column in REQUIRED_COLUMNS if column not in registry_file.columns]
    if missing:
        raise RegistryImportError(
            _("The file has no column %(columns)s. The first row must name the columns, e.g. %(example)s.")
            % {"columns": ", ".join(missing), "example": ",".join(COLUMNS[:6])}
        )
    directory = _kyrgyz_directory()
    notes = [
        _("Column “%(column)s” is not known and was ignored.") % {"column": column}
        for column in registry_file.columns
        if column not in COLUMNS
    ]
    places = _Places()
    rows = [_check_row(line, cells, places) for line, cells in registry_file.rows]
    _flag_repeated_codes(rows)
    existing = {
        page.registry_code: page
        for page in InstitutionPage.objects.filter(
            locale=directory.locale, registry_code__in=[row.code for row in rows if row.code]
        )
    }
    for row in rows:
        if not row.errors:
            _plan(row, existing.get(row.code))
    report = ImportReport(rows=rows, notes=notes, dry_run=dry_run)
    if dry_run or (report.invalid and not skip_invalid):
        return report
    to_write = [row for row in rows if row.action in (CREATE, UPDATE)]
    with transaction.atomic():
        taken = set(InstitutionPage.objects.child_of(directory).values_list("slug", flat=True))
        for row in progress(to_write) if progress else to_write:
            _write(row, existing.get(row.code), directory, taken)
    report.written = True
    return report


def _kyrgyz_directory():
    directory = (
        InstitutionIndexPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
        or InstitutionIndexPage.objects.order_by("pk").first()
    )
    if directory is None:
        raise RegistryImportError(_("There is no institution directory page to import into."))
    return directory


class _Places:
    """Regions, districts and types by slug or by name in any language, as the Kyrgyz rows."""

    def __init__(self):
        self.regions = self._lookup(Region.objects.all())
        self.districts = self._lookup(District.objects.select_related("region"))
        self.types = self._lookup(InstitutionType.objects.all())

    @staticmethod
    def _lookup(queryset):
        default = Locale.get_default()
        rows = list(queryset)
        by_key = {row.translation_key: row for row in rows if row.locale_id == default.pk}
        lookup = {}
        for row in rows:
            if row.translation_key in by_key:
                lookup.setdefault(row.slug.casefold(), by_key[row.translation_key])
                lookup.setdefault(row.name.casefold(), by_key[row.translation_key])
        return lookup


def _check_row(line, cells, places) -> RowReport:
    row = RowReport(line=line, code=cells.get("registry_code", ""), name=cells.get("name", ""))
    errors, values = row.errors, row.values
    if not row.code:
        errors.append(_("The registry code is missing."))
    if not row.name:
        errors.append(_("The name is missing."))
    for column, field_name in TEXT_COLUMNS.items():
        if column in cells:
            if len(cells[column]) > MAX_LENGTHS[column]:
                errors.append(
                    _("“%(column)s” is longer than %(max)d characters.")
                    % {"column": column, "max": MAX_LENGTHS[column]}
                )
            values[field_name] = cells[column]
    if len(row.code) > InstitutionPage._meta.get_field("registry_code").max_length:
        errors.append(_("The registry code is too long."))
    values["registry_code"] = row.code

    _check_places(cells, places, errors, values)
    _check_contacts(cells, errors)
    _check_coordinates(cells, errors, values)

    if "ownership" in cells:
        ownership = cells["ownership"].lower() or InstitutionPage.Ownership.STATE
        if ownership not in InstitutionPage.Ownership.values:
            errors.append(
                _("Unknown ownership “%(value)s”; use state, municipal or private.") % {"value": cells["ownership"]}
            )
        values["ownership"] = ownership
    if "year_founded" in cells:
        values["year_founded"] = _year(cells["year_founded"], errors)
    return row


def _check_places(cells, places, errors, values):
    region = district = None
    if cells.get("region"):
        region = places.regions.get(cells["region"].casefold())
        if region is None:
            errors.append(_("Unknown region “%(value)s”.") % {"value": cells["region"]})
        values["region"] = region
    if "district" in cells:
        if cells["district"]:
            district = places.districts.get(cells["district"].casefold())
            if district is None:
                errors.append(_("Unknown district “%(value)s”.") % {"value": cells["district"]})
            elif region is not None and district.region_id != region.pk:
                errors.append(
                    _("District “%(district)s” is not in region “%(region)s”.")
                    % {"district": cells["district"], "region": cells["region"]}
                )
        values["district"] = district
    if cells.get("type"):
        kind = places.types.get(cells["type"].casefold())
        if kind is None:
            errors.append(_("Unknown institution type “%(value)s”.") % {"value": cells["type"]})
        values["institution_type"] = kind


def _check_contacts(cells, errors):
    for column in ("email", "head_email"):
        if cells.get(column):
            try:
                validate_email(cells[column])
            except ValidationError:
                errors.append(_("“%(value)s” is not an e-mail address.") % {"value": cells[column]})
    for column, validator in (("phones", validate_phone_list), ("fax", validate_phone), ("head_phone", validate_phone)):
        if cells.get(column):
            try:
                validator(cells[column])
            except ValidationError as error:
                errors.extend(error.messages)
    if cells.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(cells["website"])
        except ValidationError:
            errors.append(_("“%(value)s” is not a web address.") % {"value": cells["website"]})


def _check_coordinates(cells, errors, values):
    if "latitude" not in cells and "longitude" not in cells:
        return
    raw_lat, raw_lon = cells.get("latitude", ""), cells.get("longitude", "")
    if bool(raw_lat) != bool(raw_lon):
        errors.append(_("Give both latitude and longitude, or neither."))
        return
    coordinates = []
    for raw, validator in ((raw_lat, validate_latitude), (raw_lon, validate_longitude)):
        if not raw:
            coordinates.append(None)
            continue
        try:
            value = Decimal(raw.replace(",", ".")).quantize(Decimal("0.000001"))
        except InvalidOperation:
            errors.append(_("“%(value)s” is not a coordinate in degrees, e.g. 42.8746.") % {"value": raw})
            return
        try:
            validator(value)
        except ValidationError as error:
            errors.extend(error.messages)
            return
        coordinates.append(value)
    values["latitude"], values["longitude"] = coordinates


def _year(raw, errors):
    if not raw:
        return None
    try:
        year = int(raw)
    except ValueError:
        errors.append(_("The year founded “%(value)s” is not a year.") % {"value": raw})
        return None
    if year < 1800:
        errors.append(_("The year founded %(value)s is before 1800.") % {"value": year})
    try:
        validate_year_not_in_future(year)
    except ValidationError as error:
        errors.extend(error.messages)
    return year


def _flag_repeated_codes(rows):
    lines = {}
    for row in rows:
        if row.code:
            lines.setdefault(row.code, []).append(row.line)
    for row in rows:
        others = [line for line in lines.get(row.code, []) if line != row.line]
        if others:
            row.errors.append(
                _("The registry code %(code)s is also on row %(lines)s.")
                % {"code": row.code, "lines": ", ".join(str(line) for line in others)}
            )


def _plan(row, page):
    """Decide what the row does; for a new institution check the fields a page cannot be without."""
    if page is None:
        if row.values.get("region") is None:
            row.errors.append(_("The region is missing (needed for a new institution)."))
        if row.values.get("institution_type") is None:
            row.errors.append(_("The institution type is missing (needed for a new institution)."))
        row.action = INVALID if row.errors else CREATE
        return
    row.changes = [name for name, value in row.values.items() if _current(page, name) != _comparable(value)]
    region_id = row.values["region"].pk if row.values.get("region") else page.region_id
    district = row.values.get("district", page.district)
    if district is not None and district.region_id != region_id:
        row.errors.append(_("The district is not in the institution's region."))
        row.action = INVALID
        return
    row.action = UPDATE if row.changes else UNCHANGED


def _current(page, name):
    if name in ("region", "district", "institution_type"):
        return getattr(page, f"{name}_id")
    return getattr(page, name)


def _comparable(value):
    return value.pk if hasattr(value, "pk") else value


def _write(row, page, directory, taken):
    if page is None:
        page = InstitutionPage(locale=directory.locale, slug=_free_slug(row, taken), **_model_values(row.values))
    else:
        for name, value in _model_values(row.values).items():
            setattr(page, name, value)
    try:
        if page.pk is None:
            directory.add_child(instance=page)  # validates the page (full_clean) before saving
        page.save_revision().publish()
    except ValidationError as error:
        # Checked above already; anything left stops the whole import (the transaction rolls back).
        raise RegistryImportError(
            _("Row %(line)d: %(errors)s") % {"line": row.line, "errors": " ".join(error.messages)}
        ) from None


def _model_values(values):
    return {
        name: value for name, value in values.items() if value is not None or name not in ("region", "institution_type")
    }


def _free_slug(row, taken):
    base = slugify(spelling_key(row.name))[:60].strip("-") or slugify(row.code) or "institution"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
