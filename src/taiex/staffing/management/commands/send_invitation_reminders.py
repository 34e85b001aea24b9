"""Remind experts of unanswered invitations and expire those past their deadline (cron)."""

from django.core.management.base import BaseCommand

from taiex.staffing.services.invitations import expire_overdue_invitations, send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder, once, for invitations without answer after a few days, and move "
        "invitations past their deadline to expired."
    )

    def handle(self, *args, **options):
        reminded = send_due_reminders()
        expired = expire_overdue_invitations()
        self.stdout.write(
            f"{len(reminded)} reminder(s) sent, {len(expired)} invitation(s) expired."
        )
