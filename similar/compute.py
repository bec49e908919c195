"""The similarity rule, computed in bulk for every public institution and stored (SimilarInstitution).

Score of a candidate B for an institution A (higher is more similar; the weights are explained at
/<lang>/help/similar/):

- same type: TYPE_WEIGHT, larger than all the rest together, so an institution of the same type
  (and so the same level) always comes first; other types only fill a list their type cannot;
- place: PLACE_WEIGHT × the best of 1 (same district), 0.6 (same region) and 1 − km/PLACE_KM;
- programmes: PROGRAMME_WEIGHT × the share of qualifications in common (Jaccard index);
- size: SIZE_WEIGHT/2 each for learners and for staff, × 1 − the difference in orders of magnitude;
- transparency: SCORE_WEIGHT × 1 − |score difference| / SCORE_SPAN.

Each locale and type is one matrix problem, computed in blocks of rows (numpy), so 5,000
institutions take seconds and a few megabytes; no per-pair Python loop.
"""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from core import content_version
from core.visibility import visible
from institutions.models import InstitutionPage, ProgrammeEnrolment, ProgrammePage, StaffStatistic
from search.geo import EARTH_RADIUS_KM

from .models import SimilarInstitution

LISTED = 4
TYPE_WEIGHT = 100
PLACE_WEIGHT = 30
PROGRAMME_WEIGHT = 30
SIZE_WEIGHT = 20
SCORE_WEIGHT = 10
SAME_REGION = 0.6
PLACE_KM = 50  # beyond this distance, being near counts for nothing
SCORE_SPAN = 25  # a score this far apart counts for nothing
NEAR_KM = 25  # a "km away" reason is given within this distance
SIMILAR_SIZE = 0.7  # size similarity from which "similar size" is given as a reason
SIMILAR_SCORE = 10  # score difference up to which "similar transparency score" is a reason
BLOCK = 256


@dataclass
class Table:
    """One locale's institutions as parallel arrays (index i is one institution)."""

    ids: np.ndarray
    types: np.ndarray
    regions: np.ndarray
    districts: np.ndarray  # 0 when none
    lat: np.ndarray  # NaN when not known
    lon: np.ndarray
    learners: np.ndarray  # NaN when not known
    staff: np.ndarray
    scores: np.ndarray
    qualifications: np.ndarray  # institutions × qualifications, 0/1


def load_tables(institution_ids=None):
    """{locale id: Table} of the public institutions (all, or the locales of the given ids)."""
    pages = visible(InstitutionPage.objects.all())
    if institution_ids is not None:
        locales = InstitutionPage.objects.filter(id__in=institution_ids).values("locale_id")
        pages = pages.filter(locale_id__in=locales)
    rows = list(
        pages.values_list(
            "id",
            "locale_id",
            "institution_type_id",
            "region_id",
            "district_id",
            "latitude",
            "longitude",
            "stored_score__score",
        )
    )
    ids = [row[0] for row in rows]
    staff = _latest_staff(ids)
    learners = _latest_learners(ids)
    qualifications = defaultdict(set)
    for institution_id, qualification_id in visible(
        ProgrammePage.objects.filter(institution_id__in=pages.values("id"), qualification__isnull=False)
    ).values_list("institution_id", "qualification_id"):
        qualifications[institution_id].add(qualification_id)

    by_locale = defaultdict(list)
    for row in rows:
        by_locale[row[1]].append(row)
    tables = {}
    for locale_id, group in by_locale.items():
        columns = {q: n for n, q in enumerate(sorted({q for row in group for q in qualifications[row[0]]}))}
        matrix = np.zeros((len(group), max(len(columns), 1)), dtype=np.float32)
        for i, row in enumerate(group):
            for q in qualifications[row[0]]:
                matrix[i, columns[q]] = 1

        def column(values, nan=np.nan):
            return np.array([nan if v is None else float(v) for v in values], dtype=np.float64)

        tables[locale_id] = Table(
            ids=np.array([row[0] for row in group]),
            types=np.array([row[2] for row in group]),
            regions=np.array([row[3] for row in group]),
            districts=np.array([row[4] or 0 for row in group]),
            lat=column(row[5] for row in group),
            lon=column(row[6] for row in group),
            learners=column(learners.get(row[0]) for row in group),
            staff=column(staff.get(row[0]) for row in group),
            scores=column(row[7] for row in group),
            qualifications=matrix,
        )
    return tables


def _latest_staff(ids):
    """Teaching and support staff in each institution's latest year with figures."""
    latest = {}
    for institution_id, year, teaching, support in StaffStatistic.objects.filter(institution_id__in=ids).values_list(
        "institution_id", "year", "teaching_staff", "support_staff"
    ):
        if institution_id not in latest or year > latest[institution_id][0]:
            latest[institution_id] = (year, teaching + support)
    return {pk: total for pk, (_year, total) in latest.items()}


def _latest_learners(ids):
    """Learners on all public programmes in each institution's latest year with figures."""
    by_year = defaultdict(int)
    for institution_id, year, learners in ProgrammeEnrolment.objects.filter(
        programme__in=visible(ProgrammePage.objects.filter(institution_id__in=ids))
    ).values_list("programme__institution_id", "year", "learners"):
        by_year[(institution_id, year)] += learners
    latest = {}
    for (institution_id, year), learners in by_year.items():
        if institution_id not in latest or year > latest[institution_id][0]:
            latest[institution_id] = (year, learners)
    return {pk: total for pk, (_year, total) in latest.items()}


def _size_similarity(a, b):
    """1 for the same size, 0 for a tenfold difference or more; 0 when either is unknown."""
    difference = np.abs(np.log10(a[:, None] + 1) - np.log10(b[None, :] + 1))
    return np.nan_to_num(np.clip(1 - difference, 0, 1), nan=0.0)


def _distances_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    d_phi = phi2 - phi1
    d_lambda = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    a = np.sin(d_phi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def rank_block(table, rows, cols):
    """For the institutions at positions `rows`, against the candidates at positions `cols`:
    (positions in `cols` of the LISTED most similar, the totals, the parts behind them)."""
    t = table
    same_type = t.types[rows][:, None] == t.types[cols][None, :]
    same_district = (t.districts[rows][:, None] == t.districts[cols][None, :]) & (t.districts[rows][:, None] != 0)
    same_region = t.regions[rows][:, None] == t.regions[cols][None, :]
    km = _distances_km(t.lat[rows], t.lon[rows], t.lat[cols], t.lon[cols])
    near = np.nan_to_num(np.clip(1 - km / PLACE_KM, 0, 1), nan=0.0)
    place = np.maximum.reduce([same_district.astype(float), same_region * SAME_REGION, near])

    mine, theirs = t.qualifications[rows], t.qualifications[cols]
    shared = mine @ theirs.T
    union = mine.sum(axis=1)[:, None] + theirs.sum(axis=1)[None, :] - shared
    programmes = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)

    learners = _size_similarity(t.learners[rows], t.learners[cols])
    staff = _size_similarity(t.staff[rows], t.staff[cols])
    score_gap = np.abs(t.scores[rows][:, None] - t.scores[cols][None, :])
    scores = np.nan_to_num(np.clip(1 - score_gap / SCORE_SPAN, 0, 1), nan=0.0)

    total = (
        TYPE_WEIGHT * same_type
        + PLACE_WEIGHT * place
        + PROGRAMME_WEIGHT * programmes
        + SIZE_WEIGHT / 2 * (learners + staff)
        + SCORE_WEIGHT * scores
    )
    total[rows[:, None] == cols[None, :]] = -np.inf  # never oneself
    # The LISTED best (argpartition: no full sort of thousands), then those few in order: best
    # first, among equals the lower id.
    k = min(LISTED, len(cols))
    top = (
        np.argpartition(-total, k - 1, axis=1)[:, :k]
        if k < len(cols)
        else np.tile(np.arange(len(cols)), (len(rows), 1))
    )
    top_totals = np.take_along_axis(total, top, axis=1)
    order = np.take_along_axis(top, np.lexsort((t.ids[cols][top], -top_totals), axis=1), axis=1)
    parts = {
        "same_type": same_type, "same_district": same_district, "same_region": same_region, "km": km,
        "shared": shared, "learners": learners, "staff": staff, "score_gap": score_gap,
    }  # fmt: skip
    return order, total, parts


def reasons_for(table, parts, i, c, j):
    """The reasons (codes and figures) why the candidate at column c (position j) is listed for block row i."""
    reasons = []
    if parts["same_type"][i, c]:
        reasons.append({"code": "type"})
    if parts["same_district"][i, c]:
        reasons.append({"code": "district"})
    elif not np.isnan(parts["km"][i, c]) and parts["km"][i, c] <= NEAR_KM:
        reasons.append({"code": "km", "km": round(float(parts["km"][i, c]), 1)})
    elif parts["same_region"][i, c]:
        reasons.append({"code": "region"})
    if parts["shared"][i, c] >= 1:
        reasons.append({"code": "programmes", "count": int(parts["shared"][i, c])})
    if min(parts["learners"][i, c], parts["staff"][i, c]) >= SIMILAR_SIZE:
        reasons.append({"code": "size", "learners": int(table.learners[j]), "staff": int(table.staff[j])})
    elif parts["learners"][i, c] >= SIMILAR_SIZE:
        reasons.append({"code": "learners", "learners": int(table.learners[j])})
    if not np.isnan(parts["score_gap"][i, c]) and parts["score_gap"][i, c] <= SIMILAR_SCORE:
        reasons.append({"code": "score", "score": int(table.scores[j])})
    return reasons


def similar_rows(table, positions=None):
    """SimilarInstitution objects for the institutions at `positions` (all when None).

    Rows are compared per type, with the candidates of their own type only: the type's weight
    outranks everything else, so other types could only fill a list their own type cannot; a type
    with too few members is compared with every institution instead.
    """
    positions = np.arange(len(table.ids)) if positions is None else np.asarray(positions)
    everyone = np.arange(len(table.ids))
    objects = []
    for kind in np.unique(table.types[positions]):
        of_kind = everyone[table.types == kind]
        cols = of_kind if len(of_kind) > LISTED else everyone
        kind_rows = positions[table.types[positions] == kind]
        for start in range(0, len(kind_rows), BLOCK):
            rows = kind_rows[start : start + BLOCK]
            order, total, parts = rank_block(table, rows, cols)
            for i, row in enumerate(rows):
                for rank, c in enumerate(order[i], start=1):
                    if not np.isfinite(total[i, c]):
                        continue
                    j = cols[c]
                    objects.append(
                        SimilarInstitution(
                            institution_id=int(table.ids[row]),
                            similar_id=int(table.ids[j]),
                            rank=rank,
                            score=round(float(total[i, c]), 2),
                            reasons=reasons_for(table, parts, i, c, j),
                        )
                    )
    return objects


def refresh_similar(institution_ids=None) -> int:
    """Recompute and store the lists (of every institution, or of those given); returns the rows written."""
    tables = load_tables(institution_ids)
    wanted = None if institution_ids is None else set(institution_ids)
    objects = []
    for table in tables.values():
        if wanted is None:
            positions = None
        else:
            positions = [n for n, pk in enumerate(table.ids.tolist()) if pk in wanted]
            if not positions:
                continue
        objects += similar_rows(table, positions)
    with transaction.atomic():
        stale = SimilarInstitution.objects.all()
        if wanted is not None:
            stale = stale.filter(institution_id__in=wanted)
        stale.delete()
        SimilarInstitution.objects.bulk_create(objects, batch_size=1000)
    content_version.bump()
    return len(objects)


def affected_by(page):
    """Institutions whose list may change when `page` changes: its own type in its language, and
    those listing it now."""
    same_type = InstitutionPage.objects.filter(locale_id=page.locale_id, institution_type_id=page.institution_type_id)
    listing = SimilarInstitution.objects.filter(similar=page).values_list("institution_id", flat=True)
    return {page.pk, *same_type.values_list("id", flat=True), *listing}
