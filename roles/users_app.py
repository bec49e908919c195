"""wagtail.users with the groups list in the admin's language (INSTALLED_APPS names this config).

Its own module: roles/apps.py must hold a single AppConfig, or Django stops picking RolesConfig."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    group_viewset = "roles.admin_groups.GroupViewSet"
