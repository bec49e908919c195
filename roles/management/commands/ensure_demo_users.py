import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from institutions.models import InstitutionPage
from roles.admin_language import default_admin_language
from roles.groups import (
    ensure_ministry_approvers_group,
    ensure_ministry_group,
    ensure_review_area,
    review_area_of,
    sync_institution,
)

# Two demo institutions in one Bishkek district, so one reviewer reviews both editors' work.
DEMO_INSTITUTION_SLUGS = ["bishkek-61-gimnaziya-mektebi", "ala-too-biznes-jana-it-kolledji"]
PASSWORD_FILE = ".demo_passwords"


class Command(BaseCommand):
    help = "Create demo users for every role (development only) and print their logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for development only (DEBUG is False); nothing was created.")
        institutions = self.demo_institutions()
        if len(institutions) < 2:
            raise CommandError("Load the demo data first (manage.py load_demo_data).")
        password_file = Path(settings.BASE_DIR) / PASSWORD_FILE
        passwords = json.loads(password_file.read_text()) if password_file.exists() else {}
        with transaction.atomic():
            ministry = ensure_ministry_group()
            plan = [
                ("ministry", "Ministry", [ministry], "Ministry"),
                # Approves what the ministry submits (decisions, documents); also a Ministry member.
                ("approver", "Approver", [ministry, ensure_ministry_approvers_group()], "Ministry approvers"),
            ]
            for n, institution in enumerate(institutions, start=1):
                role = sync_institution(institution)
                plan.append((f"editor{n}", f"Editor {n}", [role.group], institution.title))
            area = ensure_review_area(*review_area_of(institutions[0]))
            plan.append(("reviewer", "Reviewer", [area.group], area.name))
            lines = []
            for username, first_name, groups, what in plan:
                passwords.setdefault(username, secrets.token_urlsafe(12))
                self.ensure_user(username, first_name, passwords[username], groups)
                lines.append(f"  {username} / {passwords[username]}  ({what})")
        password_file.write_text(json.dumps(passwords, indent=2))
        password_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS("Demo users (login at /admin/):"))
        self.stdout.write("\n".join(lines))

    def demo_institutions(self):
        pages = InstitutionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        chosen = [page for slug in DEMO_INSTITUTION_SLUGS for page in pages.filter(slug=slug)[:1]]
        return chosen if len(chosen) == 2 else list(pages.order_by("pk")[:2])

    def ensure_user(self, username, first_name, password, groups):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username, f"{username}@example.kg", password, first_name=first_name)
            # Kyrgyz for the ministry's users too (editors and reviewers get it when they join their group).
            default_admin_language(user)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        for group in groups:
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        return user
