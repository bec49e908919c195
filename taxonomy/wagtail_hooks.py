from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.choosers import SnippetChooserViewSet

from .models import District, InstitutionType, Qualification, Region


class RegionViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # labels in the editor's language
    model = Region
    icon = "site"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    search_backend_name = None


class DistrictViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = District
    icon = "pick"
    list_display = ["name", "region", "locale"]
    list_filter = ["region"]
    search_fields = ["name"]
    search_backend_name = None


class InstitutionTypeViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = InstitutionType
    icon = "tag"
    list_display = ["name", "slug", "locale"]


class QualificationViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = Qualification
    icon = "success"
    list_display = ["name", "code", "level", "locale"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    search_backend_name = None


class ClassifierViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Classifiers")
    menu_icon = "folder-open-inverse"
    items = (RegionViewSet, DistrictViewSet, InstitutionTypeViewSet, QualificationViewSet)


register_snippet(ClassifierViewSetGroup)
