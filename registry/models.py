"""No tables: only the permission that lets a user import the registry in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

IMPORT_PERMISSION = "registry.import_institutions"


class RegistryImport(models.Model):
    """Holds the import permission (give it to the ministry's group); the model has no table."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("import_institutions", _("Can import institutions from the ministry's registry"))]
        verbose_name = _("registry import")
