from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = "Self-assessment"

    def ready(self):
        # In ready(): these modules use models, which load only once the app registry is ready.
        from core.visibility import register_subject
        from roles.dashboard import register_sections
        from roles.deadlines import register_deadline_source

        from . import dashboard
        from .models import SelfAssessmentReport

        # A report is about its institution: hidden while that page is in a private section.
        register_subject(SelfAssessmentReport, "institution")
        # This year's report on the editors' deadlines and on the reviewers' and the ministry's panels.
        register_deadline_source(dashboard.self_assessment_deadline)
        register_sections("reviewer", 10, dashboard.reviewer_report_sections)
        register_sections("ministry", 20, dashboard.ministry_report_sections)
