from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = "Accreditation"

    def ready(self):
        # Remediation due dates appear among an institution's deadlines on its editors' dashboard.
        from roles.deadlines import register_deadline_source

        from .dashboard import remediation_deadlines

        register_deadline_source(remediation_deadlines)
