"""Publishing an institution recomputes its stored transparency score."""

from .stored_scores import refresh_scores, reindex_pending


def on_published(sender, instance, **kwargs):
    from institutions.models import InstitutionPage

    specific = instance.specific_deferred
    if not isinstance(specific, InstitutionPage):
        return
    if refresh_scores(InstitutionPage.objects.filter(pk=specific.pk)):
        # The search index may have taken the page before this handler ran; give it the new score too.
        reindex_pending()
