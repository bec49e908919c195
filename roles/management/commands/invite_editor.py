from django.core.management.base import BaseCommand, CommandError

from roles.invitations import InvitationError, find_institution, invite_editor


class Command(BaseCommand):
    help = "Invite an institution editor: creates the user in the institution's editors group and prints a set-password link."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--institution", required=True, help="The institution page's id or slug.")
        parser.add_argument("--name", default="", help="The editor's full name.")
        parser.add_argument("--no-mail", action="store_true", help="Only print the link; send no e-mail.")

    def handle(self, *args, email, institution, name, no_mail, **options):
        try:
            page = find_institution(institution)
            invitation = invite_editor(email, page, name=name, send=not no_mail)
        except InvitationError as error:
            raise CommandError(str(error)) from error
        state = "created" if invitation.created else "existing user"
        self.stdout.write(
            self.style.SUCCESS(f"{invitation.user.username} ({state}) edits {invitation.institution.title}.")
        )
        self.stdout.write(f"Set-password link: {invitation.link}")
