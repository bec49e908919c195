from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from core.visibility import register_subject

        from .models import SelfAssessmentReport

        # A report is about its institution: hidden while that page is in a private section.
        register_subject(SelfAssessmentReport, "institution")
