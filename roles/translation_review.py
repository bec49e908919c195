"""A translation made in wagtail-localize's editor goes to review like any edit.

The translation editor only offers "Publish", which editors (who go live through their district's review)
may not do. This view saves the translation as a draft revision of the translated page and starts the
page's workflow, as the page editor's "Submit for review" does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation


def submit_translation(request, translation_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    page = page.specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        messages.error(
            request, _("This page cannot be submitted for review now: it has no review, or is in review already.")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(request, _("The translation has errors; fix them and submit it again."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.refresh_from_db()
    workflow.start(page, request.user)
    messages.success(request, _("The translation was submitted for review."))
    return redirect("wagtailadmin_pages:edit", page.pk)
