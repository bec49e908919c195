from django.http import Http404
from wagtail import hooks

from .visibility import restrictions_through_translations


@hooks.register("before_serve_page")
def enforce_restrictions_of_translations(page, request, serve_args, serve_kwargs):
    """A page whose other language version (or an ancestor's) is private answers 404 to a visitor
    that restriction would turn away; one who passed it (password, login, group) is served."""
    for restriction in restrictions_through_translations(page):
        if not restriction.accept_request(request):
            raise Http404
