"""The API's request parameters and response shapes (Pydantic, via django-ninja); they make the OpenAPI schema."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from accreditation.models import AccreditationDecisionPage
from accreditation.status import AccreditationStatus

Language = Literal["ky", "ru", "en"]
Outcome = AccreditationDecisionPage.Outcome
Kind = AccreditationDecisionPage.Kind
MAX_LIMIT = 100
MAX_OFFSET = 100_000


class Error(Schema):
    detail: str
    errors: list[str] = []


class Named(Schema):
    slug: str
    name: str


class Choice(Schema):
    value: str
    label: str


class Accreditation(Schema):
    status: AccreditationStatus = Field(description="Derived from the latest live institutional decision.")
    label: str
    valid_until: date | None = Field(
        description="The last valid day (accredited, with conditions, expired); null when refused or none."
    )


class InstitutionSummary(Schema):
    id: UUID = Field(description="Stable identifier: the same in every language (the pages' translation key).")
    name: str
    short_name: str
    registry_code: str
    type: Named
    ownership: Choice
    region: Named
    district: Named | None
    address: str
    latitude: float | None
    longitude: float | None
    transparency_score: int | None = Field(description="0–100, see /transparency/.")
    accreditation: Accreditation
    url: str | None


class InstitutionList(Schema):
    total: int
    limit: int
    offset: int
    items: list[InstitutionSummary]


class Head(Schema):
    name: str
    phone: str
    email: str


class InstructionLanguage(Schema):
    code: str
    name: str


class Disclosure(Schema):
    key: str
    label: str
    criteria: list[str]
    text: str = Field(description="HTML; empty when not published.")
    document_url: str | None
    updated: date | None


class Qualification(Schema):
    code: str
    name: str
    level: str


class LearnersInYear(Schema):
    year: int
    learners: int


class Programme(Schema):
    id: UUID
    name: str
    code: str
    institution_id: UUID | None
    qualification: Qualification | None
    form_of_study: Choice
    duration_months: int | None
    language_of_instruction: str | None
    passing_score: int | None
    licence_number: str | None
    learning_outcomes: str
    assessment: str
    learners_by_year: list[LearnersInYear]
    url: str | None


class ProgrammeList(Schema):
    total: int
    limit: int
    offset: int
    items: list[Programme]


class Licence(Schema):
    number: str
    issued_on: date
    issuer: str
    programmes: str
    scan_url: str | None


class StaffInYear(Schema):
    year: int
    teaching_staff: int
    support_staff: int


class LearnersInYear(Schema):
    year: int
    learners: int


class ScoreInMonth(Schema):
    month: str = Field(description="YYYY-MM.")
    score: int


class MediaLink(Schema):
    title: str
    url: str
    published_on: date | None


class ChecklistItem(Schema):
    key: str
    label: str
    criteria: list[str]
    present: bool
    fresh: bool
    updated: date | None


class Transparency(Schema):
    score: int
    items: list[ChecklistItem]


class StatusChoice(Schema):
    value: AccreditationStatus
    label: str


class ProgrammeName(Schema):
    id: UUID = Field(description="The programme's stable id, as in /programmes.")
    name: str


class Decision(Schema):
    id: UUID = Field(description="Stable identifier: the same in every language (the decision page's translation key).")
    number: str
    decision_date: date
    kind: Choice = Field(description="institutional or programme.")
    outcome: Choice = Field(description="accredited, conditional or refused.")
    valid_from: date | None
    valid_until: date | None = Field(description="The last valid day.")
    status: StatusChoice = Field(
        description="What this decision gives today: expired once valid_until has passed (never none)."
    )
    institution_id: UUID | None = Field(description="The institution's stable id; null once its page is deleted.")
    institution_name: str
    programmes: list[ProgrammeName] = Field(description="The programmes a programme decision covers.")
    remediation_due: date | None = Field(description="3 months after the decision (Order 1482/1, item 1c).")
    remediation: Choice = Field(
        description="not-required, pending, under-review (submitted, awaiting the reviewer), submitted (accepted) or overdue."
    )
    conclusion_url: str | None = Field(description="The expert commission's conclusion (PDF).")
    url: str | None


class DecisionList(Schema):
    total: int
    limit: int
    offset: int
    items: list[Decision]


class DecisionDetail(Decision):
    language: Language = Field(description="The language of this version (Kyrgyz when not translated).")
    shortcomings: str = Field(description="HTML; empty when none.")
    recommendations: str = Field(description="HTML; empty when none.")


class InstitutionDetail(InstitutionSummary):
    language: Language = Field(description="The language of this version (Kyrgyz when not translated).")
    phones: list[str]
    fax: str
    email: str
    website: str
    year_founded: int | None
    founding_history: str
    head: Head
    languages_of_instruction: list[InstructionLanguage]
    disclosures: list[Disclosure]
    programmes: list[Programme]
    licences: list[Licence]
    staff_statistics: list[StaffInYear]
    staff_history: list[StaffInYear] = Field(description="Staff in every year with figures, oldest first.")
    learner_history: list[LearnersInYear] = Field(
        description="Learners on all the institution's public programmes in each year, oldest first."
    )
    score_history: list[ScoreInMonth] = Field(description="The transparency score kept each month, oldest first.")
    media_links: list[MediaLink]
    transparency: Transparency
    decisions: list[Decision] = Field(description="Accreditation decisions about the institution, newest first.")
    translations: dict[str, str | None]
    last_published_at: datetime | None


class District(Schema):
    slug: str
    name: str
    region: str = Field(description="The region's slug.")


class Region(Schema):
    slug: str
    name: str
    centre_latitude: float | None
    centre_longitude: float | None
    districts: list[Named]


# Query parameters ---------------------------------------------------------------------------------


class LanguageParams(Schema):
    lang: Language | None = Field(None, description="Language of names and texts; else Accept-Language, else ky.")


class Paging(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class InstitutionParams(LanguageParams, Paging):
    """The directory's own parameters (/ky/institutions/?…), plus limit and offset instead of page."""

    q: str = Field("", max_length=200, description="Words of a name, place or programme, in any script.")
    region: str | None = Field(None, max_length=80, description="Region slug, see /regions.")
    district: str | None = Field(None, max_length=80, description="District slug, see /districts.")
    type: str | None = Field(None, max_length=80, description="Institution type slug.")
    ownership: Literal["state", "municipal", "private"] | None = None
    language: str | None = Field(None, max_length=80, description="Language of instruction code (ky, ru, uz…).")
    qualification: str | None = Field(None, max_length=80, description="Qualification code.")
    lat: float | None = Field(None, description="Latitude of a place to search near (with lon).")
    lon: float | None = Field(None, description="Longitude of a place to search near (with lat).")
    radius: float | None = Field(None, description="Radius around lat/lon in km (0.5–500, default 10).")
    status: AccreditationStatus | None = Field(
        None, description="Accreditation status, derived from the latest institutional decision."
    )
    transparency: Literal["75-100", "50-74", "25-49", "0-24"] | None = Field(
        None, description="Band of the transparency score (0–100)."
    )
    sort: Literal["relevance", "name", "distance", "transparency"] | None = None


class ProgrammeParams(LanguageParams, Paging):
    institution: UUID | None = Field(None, description="Only this institution's programmes.")
    qualification: str | None = Field(None, max_length=80, description="Qualification code.")
    form_of_study: Literal["full-time", "part-time", "evening", "distance"] | None = None


class DistrictParams(LanguageParams):
    region: str | None = Field(None, max_length=80, description="Only this region's districts (slug).")


class DecisionParams(LanguageParams, Paging):
    """The register's own parameters (/ky/decisions/?…), plus limit and offset instead of page."""

    region: str | None = Field(None, max_length=80, description="Region slug, see /regions.")
    district: str | None = Field(None, max_length=80, description="District slug, see /districts.")
    outcome: Outcome | None = None
    kind: Kind | None = None
    year: int | None = Field(None, ge=1991, le=9999, description="Year of the decision date (not in the future).")
    expiring: bool = Field(False, description="Only accreditations that end within 90 days.")
