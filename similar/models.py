"""Each institution's most similar institutions, computed in bulk (similar.compute) and stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SimilarInstitution(models.Model):
    institution = models.ForeignKey(
        "institutions.InstitutionPage", on_delete=models.CASCADE, related_name="similar_institutions"
    )
    similar = models.ForeignKey("institutions.InstitutionPage", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("similarity"))
    # Why they are alike, as codes and figures; worded in the reader's language when shown (similar.reasons).
    reasons = models.JSONField(default=list)

    class Meta:
        verbose_name = _("similar institution")
        verbose_name_plural = _("similar institutions")
        ordering = ["institution", "rank"]
        constraints = [models.UniqueConstraint(fields=["institution", "rank"], name="one_similar_per_rank")]

    def __str__(self):
        return f"{self.institution_id} ~ {self.similar_id} (#{self.rank})"
