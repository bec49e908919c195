from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    list_display = ["term", "slug", "locale"]
    search_fields = ["term"]
    search_backend_name = None


register_snippet(GlossaryTermViewSet)
