"""Send what is due in evaluations: new rounds, follow-ups, reminders, deadlines (cron, or a
moved clock with --now to try the follow-up)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from taiex.evaluations.services.sending import run_due_sends
from taiex.evaluations.tasks import run_due_sends_task


class Command(BaseCommand):
    help = (
        "Open the evaluation of implemented events, send due follow-ups and reminders, close "
        "links past their deadline. --now YYYY-MM-DD pretends it is that day; --schedule "
        "starts the worker's periodic sweep instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as if it were this day (YYYY-MM-DD).")
        parser.add_argument(
            "--schedule", action="store_true", help="Enqueue the periodic sweep on the worker."
        )

    def handle(self, *args, **options):
        if options["schedule"]:
            run_due_sends_task.enqueue(reschedule=True)
            self.stdout.write("The periodic evaluation sweep is queued.")
            return
        now = None
        if options["now"]:
            try:
                day = datetime.strptime(options["now"], "%Y-%m-%d")
            except ValueError as error:
                raise CommandError("--now takes a day as YYYY-MM-DD, e.g. 2027-06-30.") from error
            now = timezone.make_aware(day.replace(hour=12))
        counts = run_due_sends(now)
        self.stdout.write(
            f"{counts['events_opened']} event(s) opened with {counts['links_sent']} link(s), "
            f"{counts['follow_ups_sent']} follow-up link(s), {counts['reminders_sent']} "
            f"reminder(s), {counts['closed']} link(s) closed."
        )
