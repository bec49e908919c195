"""The daily alerts run (a systemd timer or cron, once a day): announce accreditations ending or
ended and remediation reports overdue, send the daily digests, and forget sign-ups never confirmed."""

from datetime import date

from django.core.management.base import BaseCommand

from alerts import deadlines
from alerts.delivery import purge_unconfirmed, send_digests
from alerts.tokens import CONFIRM_MAX_AGE


class Command(BaseCommand):
    help = "Daily alerts: expiry and overdue events, the daily digests, purge of unconfirmed sign-ups."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="Run as on this day (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        today = options["date"] or date.today()
        announced, immediate = deadlines.check(today)
        digests = send_digests(today)
        purged = purge_unconfirmed(CONFIRM_MAX_AGE)
        self.stdout.write(
            f"{announced} new events ({immediate} immediate e-mails), {digests} digests sent, "
            f"{purged} unconfirmed sign-ups deleted."
        )
