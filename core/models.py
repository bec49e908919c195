"""The one row every cached public fragment's key depends on (core.content_version)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number changes whenever public content may have changed (core.content_version).

    It lives in the database, not in the cache, so every server process sees a change at once, even
    with a per-process cache."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        # Made by the pages app before core had models; the table keeps its name.
        db_table = "pages_contentversion"
        verbose_name = _("content version")
