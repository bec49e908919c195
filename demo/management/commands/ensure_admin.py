import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.users.models import UserProfile


class Command(BaseCommand):
    help = "Create the development admin user (password from ADMIN_PASSWORD, or generated) and print the login."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password_file = Path(settings.BASE_DIR) / ".admin_password"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = os.environ.get("ADMIN_PASSWORD")
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username, f"{username}@example.kg", password)
            # The developer's admin starts in Russian; editors and reviewers get Kyrgyz (roles.admin_language).
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "ru"
            profile.save(update_fields=["preferred_language"])
            password_file.write_text(password)
            password_file.chmod(0o600)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            password_file.write_text(password)
        elif password_file.exists():
            password = password_file.read_text().strip()
        shown = password or "(unchanged; set ADMIN_PASSWORD to reset it)"
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {shown}  at /admin/"))
