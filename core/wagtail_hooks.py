from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .visibility import restrictions_through_translations


@hooks.register("before_serve_page")
def enforce_restrictions_of_translations(page, request, serve_args, serve_kwargs):
    """A page whose other language version (or an ancestor's) is private answers 404 to a visitor
    that restriction would turn away; one who passed it (password, login, group) is served."""
    for restriction in restrictions_through_translations(page):
        if not restriction.accept_request(request):
            raise Http404


@hooks.register("before_edit_page")
def refuse_saving_over_a_newer_revision(request, page):
    """Wagtail 7.4 refuses a stale save only for autosave (JSON); a plain form post from an editor who loaded
    an older revision would silently replace the newer one. Refuse it too and send the editor back to the
    newest revision with a clear message. Revisions the editor made since (Wagtail's autosave, which may
    still be under way when Save is clicked) are the editor's own work, not a conflict."""
    if request.method != "POST" or request.headers.get("Accept", "").startswith("application/json"):
        return None
    # The editor's own autosaved revision, if any, else the revision the form was loaded from (as Wagtail's
    # EditView.is_out_of_date reads them).
    loaded = request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id")
    latest = page.get_latest_revision()
    if not loaded or latest is None or loaded == str(latest.pk):
        return None
    try:
        newer = page.revisions.filter(pk__gt=int(loaded))
    except ValueError:
        newer = page.revisions.all()  # a form that says nothing readable: any other editor's revision counts
    if not newer.exclude(user_id=request.user.pk).exists():
        return None
    messages.error(request, _(
        "Someone else saved this page after you opened it, so your changes were NOT saved. The page now shows "
        "the newest version: make your changes again and save."
    ))
    return redirect("wagtailadmin_pages:edit", page.pk)
