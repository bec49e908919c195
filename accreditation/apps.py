from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from core.visibility import register_subject
        from core.frontend_cache import register_list_page
        from roles.deadlines import register_deadline_source

        from . import stored_status
        from .dashboard import accreditation_expiry_deadlines, remediation_deadlines
        from .models import AccreditationDecisionPage, DecisionIndexPage, RemediationReport

        stored_status.connect()
        # A decision and a remediation report are about an institution: hidden with it.
        register_subject(AccreditationDecisionPage, "institution")
        register_subject(RemediationReport, "decision__institution")
        register_list_page(DecisionIndexPage)  # the register lists every decision
        # Remediation due dates and an accreditation about to end appear among an institution's
        # deadlines on its editors' dashboard.
        register_deadline_source(remediation_deadlines)
        register_deadline_source(accreditation_expiry_deadlines)
