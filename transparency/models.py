"""A stored copy of each institution's transparency score, for filtering and sorting searches.

The score itself is computed (transparency.score); profiles and /transparency/ compute it live. The
search engines need it as a column and an indexed field, so it is stored here together with the
day it will next change by itself (when a fresh item turns stale), which makes refreshing exact.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionScore(models.Model):
    institution = models.OneToOneField(
        "institutions.InstitutionPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_score",
    )
    score = models.PositiveSmallIntegerField(_("transparency score"))
    computed_on = models.DateField()
    # The first day on which an item that is fresh now turns stale; none when nothing is fresh.
    changes_on = models.DateField(null=True, blank=True, db_index=True)
    # False when Elasticsearch may still hold an older score (always False without Elasticsearch).
    indexed = models.BooleanField(default=False, db_index=True)

    class Meta:
        verbose_name = _("stored transparency score")
        indexes = [models.Index(fields=["score"])]

    def __str__(self):
        return f"{self.institution_id}: {self.score}"


class ScoreHistory(models.Model):
    """An institution's transparency score in one month (the last one computed that month)."""

    institution = models.ForeignKey(
        "institutions.InstitutionPage", on_delete=models.CASCADE, related_name="score_history"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    score = models.PositiveSmallIntegerField(_("transparency score"))

    class Meta:
        verbose_name = _("transparency score in a month")
        verbose_name_plural = _("transparency score history")
        ordering = ["institution", "month"]
        constraints = [models.UniqueConstraint(fields=["institution", "month"], name="one_score_per_month")]

    def __str__(self):
        return f"{self.institution_id} {self.month:%Y-%m}: {self.score}"
