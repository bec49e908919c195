"""The directory's listing: simple filters by region, district and type, read from GET parameters.

Unknown or malformed values are dropped and reported, never turned into an error page.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

PAGE_SIZE = 20


@dataclass
class DirectoryQuery:
    region: object = None
    district: object = None
    institution_type: object = None
    notes: list = field(default_factory=list)
    page_obj: object = None
    total: int = 0
    regions: object = None
    districts: object = None
    types: object = None

    @classmethod
    def from_request(cls, request, index_page):
        from taxonomy.models import District, InstitutionType, Region

        from .models import InstitutionPage

        query = cls()
        locale = index_page.locale
        params = request.GET
        query.regions = Region.objects.filter(locale=locale)
        query.region = query._pick(params.get("region"), query.regions, _("region"))
        query.districts = District.objects.filter(locale=locale).select_related("region")
        if query.region is not None:
            query.districts = query.districts.filter(region=query.region)
        query.district = query._pick(params.get("district"), query.districts, _("district"))
        query.types = InstitutionType.objects.filter(locale=locale)
        query.institution_type = query._pick(params.get("type"), query.types, _("type"))

        institutions = (
            InstitutionPage.objects.live()
            .child_of(index_page)
            .select_related("region", "district", "institution_type", "logo")
            .order_by("title")
        )
        if query.region is not None:
            institutions = institutions.filter(region=query.region)
        if query.district is not None:
            institutions = institutions.filter(district=query.district)
        if query.institution_type is not None:
            institutions = institutions.filter(institution_type=query.institution_type)

        paginator = Paginator(institutions, PAGE_SIZE)
        # get_page never raises: a page past the end gives the last page, garbage gives the first.
        query.page_obj = paginator.get_page(params.get("page"))
        query.total = paginator.count
        return query

    def _pick(self, slug, queryset, label):
        if not slug:
            return None
        match = queryset.filter(slug=slug[:60]).first()
        if match is None:
            self.notes.append(
                _("No %(label)s “%(value)s” exists; that filter was ignored.") % {"label": label, "value": slug[:60]}
            )
        return match

    @property
    def active(self):
        return any([self.region, self.district, self.institution_type])
