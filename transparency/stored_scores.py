"""Keeping the stored scores (transparency.models.InstitutionScore) equal to the computed ones.

A score changes when an institution publishes, and by itself when a fresh item turns stale. The
first is handled by a background task enqueued on publishing (transparency.tasks); the second by
refresh_due_scores, run daily just after midnight by `manage.py refresh_transparency_scores` (the
achyk-daily systemd timer, deploy/systemd/) and by every index rebuild: it recomputes only the rows
whose change day has come (and rows never scored), so it is cheap. Searches and downloads only read
the scores (they never write: a visitor's request changes nothing).
Elasticsearch's copies of changed scores are brought up to date right after, within a short time
limit; rows it could not take stay marked and are retried later (or by the next index rebuild).
"""

import logging
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Q

from core import content_version
from institutions.models import InstitutionPage

from .models import InstitutionScore, ScoreHistory
from .score import FRESH_DAYS, scored_rows

logger = logging.getLogger(__name__)

# Score bands offered as a search facet: value → (lowest, highest) score, best first.
SCORE_BANDS = {"75-100": (75, 100), "50-74": (50, 74), "25-49": (25, 49), "0-24": (0, 24)}
# A visitor's search waits at most this long for Elasticsearch to take changed scores.
REINDEX_TIMEOUT = 0.5
REINDEX_BATCH = 500


def band_of(score):
    if score is None:
        return None
    for band, (low, high) in SCORE_BANDS.items():
        if low <= score <= high:
            return band
    return None


def band_label(band):
    low, high = SCORE_BANDS[band]
    return f"{low}–{high}"


def changes_on(items):
    """The first day on which one of the fresh items becomes stale (fresh while updated >= today - FRESH_DAYS)."""
    days = [item.updated + timedelta(days=FRESH_DAYS + 1) for item in items if item.fresh]
    return min(days) if days else None


def refresh_scores(queryset, today=None) -> list[int]:
    """Recompute and store the scores of the institutions in queryset; returns the ids whose score changed."""
    today = today or date.today()
    rows = scored_rows(queryset, today=today)
    if not rows:
        return []
    before = {
        pk: (score, indexed)
        for pk, score, indexed in InstitutionScore.objects.filter(
            institution_id__in=[row["id"] for row in rows]
        ).values_list("institution_id", "score", "indexed")
    }
    changed = [row["id"] for row in rows if before.get(row["id"], (None,))[0] != row["score"]]
    InstitutionScore.objects.bulk_create(
        [
            InstitutionScore(
                institution_id=row["id"],
                score=row["score"],
                computed_on=today,
                changes_on=changes_on(row["items"]),
                indexed=row["id"] in before and before[row["id"]] == (row["score"], True),
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["institution"],
        update_fields=["score", "computed_on", "changes_on", "indexed"],
        batch_size=500,
    )
    record_month([(row["id"], row["score"]) for row in rows], today)
    if changed:
        content_version.bump()  # bulk_create sends no post_save
    return changed


def record_month(scores, today):
    """Upsert each institution's score for today's month: one row per institution per month."""
    month = today.replace(day=1)
    ScoreHistory.objects.bulk_create(
        [ScoreHistory(institution_id=pk, month=month, score=score) for pk, score in scores],
        update_conflicts=True,
        unique_fields=["institution", "month"],
        update_fields=["score"],
        batch_size=500,
    )


def carry_scores_into_month(today):
    """Institutions whose score did not change this month still get this month's row (their stored score)."""
    month = today.replace(day=1)
    missing = InstitutionScore.objects.exclude(
        institution_id__in=ScoreHistory.objects.filter(month=month).values("institution_id")
    ).values_list("institution_id", "score")
    record_month(list(missing), today)


def due_institutions(today):
    """Live institutions never scored, or whose stored score changes by itself on or before today."""
    return InstitutionPage.objects.live().filter(Q(stored_score__isnull=True) | Q(stored_score__changes_on__lte=today))


def refresh_due_scores(today=None, reindex=True, force=False) -> list[int]:
    """Refresh the scores that are due; unless forced, checked at most once an hour (per cache) a day."""
    today = today or date.today()
    flag = f"transparency:scores-refreshed:{today.isoformat()}"
    if cache.get(flag) and not force:
        return []
    due = due_institutions(today)
    changed = refresh_scores(due, today) if due.exists() else []
    carry_scores_into_month(today)
    if reindex:
        reindex_pending(timeout=REINDEX_TIMEOUT)
    cache.set(flag, True, 3600)
    return changed


# The search index that holds copies of the scores, lent by the search app (search.apps):
# transparency sits below search and imports none of it (docs/architecture.md).
_search_index = {"is_configured": lambda: False, "reindex": None}


def register_search_index(is_configured, reindex):
    """`is_configured()`: is there an index to update; `reindex(ids, timeout=)` updates those institutions."""
    _search_index.update(is_configured=is_configured, reindex=reindex)


def reindex_pending(timeout=None, limit=REINDEX_BATCH):
    """Give Elasticsearch the scores it may not have yet; nothing without Elasticsearch. Never raises."""
    if not _search_index["is_configured"]():
        return 0
    ids = list(
        InstitutionScore.objects.filter(indexed=False).order_by("pk").values_list("institution_id", flat=True)[:limit]
    )
    if not ids:
        return 0
    try:
        _search_index["reindex"](ids, timeout=timeout)
    except Exception as error:  # noqa: BLE001 - kept for a later try; searching goes on
        logger.warning("Could not update %d transparency scores in the search index: %s", len(ids), error)
        return 0
    InstitutionScore.objects.filter(institution_id__in=ids).update(indexed=True)
    return len(ids)


def mark_all_indexed():
    """After a full index rebuild every stored score is in the index."""
    InstitutionScore.objects.filter(indexed=False).update(indexed=True)
