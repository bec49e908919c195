from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backups and restores, maintenance mode, error pages and request ids."""

    name = "operations"
    default_auto_field = "django.db.models.BigAutoField"
