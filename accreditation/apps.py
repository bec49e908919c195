from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from pages.frontend_cache import register_list_page
        from roles.deadlines import register_deadline_source

        from . import stored_status
        from .dashboard import accreditation_expiry_deadlines, remediation_deadlines
        from .models import DecisionIndexPage

        stored_status.connect()
        register_list_page(DecisionIndexPage)  # the register lists every decision
        # Remediation due dates and an accreditation about to end appear among an institution's
        # deadlines on its editors' dashboard.
        register_deadline_source(remediation_deadlines)
        register_deadline_source(accreditation_expiry_deadlines)
