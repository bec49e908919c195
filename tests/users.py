"""Admin users for tests. Their admin speaks English (editors and reviewers would start in Kyrgyz), so
messages can be asserted in one language whatever the catalogues hold."""

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def make_user(username, *, groups=(), superuser=False, password="x"):
    user = get_user_model().objects.create_user(username=username, password=password, is_superuser=superuser)
    for group in groups:
        user.groups.add(group)
    return english_admin(user)
