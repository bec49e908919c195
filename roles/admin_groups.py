"""Wagtail's groups list with each group's name in the admin's language (roles.group_names)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups


class IndexView(groups.IndexView):
    columns = [
        TitleColumn("name", label=_("Name"), sort_key="name", url_name="wagtailusers_groups:edit", accessor=str),
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = IndexView
