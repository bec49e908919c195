from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from roles.deadlines import register_deadline_source

        from . import stored_status
        from .dashboard import remediation_deadlines

        stored_status.connect()
        # Remediation due dates appear among an institution's deadlines on its editors' dashboard.
        register_deadline_source(remediation_deadlines)
