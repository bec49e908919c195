from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from core.frontend_cache import register_list_page
        from core.visibility import register_subject
        from roles.dashboard import register_sections
        from roles.deadlines import register_deadline_source
        from roles.signals import register_ministry_page

        from . import dashboard, stored_status
        from .dashboard import accreditation_expiry_deadlines, remediation_deadlines
        from .models import AccreditationDecisionPage, DecisionIndexPage, MinistryDocumentIndexPage, RemediationReport

        stored_status.connect()
        # A decision and a remediation report are about an institution: hidden with it.
        register_subject(AccreditationDecisionPage, "institution")
        register_subject(RemediationReport, "decision__institution")
        register_list_page(DecisionIndexPage)  # the register lists every decision
        # The register and the documents index are the ministry's: approvers publish there directly.
        register_ministry_page(DecisionIndexPage, approvers_publish=True)
        register_ministry_page(MinistryDocumentIndexPage, approvers_publish=True)
        # Remediation due dates and an accreditation about to end appear among an institution's
        # deadlines on its editors' dashboard.
        register_deadline_source(remediation_deadlines)
        register_deadline_source(accreditation_expiry_deadlines)
        # Expiring accreditations and remediation reports on the reviewers' and the ministry's panels.
        register_sections("reviewer", 20, dashboard.reviewer_sections)
        register_sections("ministry", 10, dashboard.accreditation_sections)
