"""manage.py send_digests: send the daily digests of notifications that are due now."""

from django.core.management.base import BaseCommand

from taiex.core.inbox import next_digest_moment, send_due_digests
from taiex.core.tasks import send_digests_task


class Command(BaseCommand):
    help = (
        "Send the daily digests that are due. With --schedule, queue the daily task on the "
        "worker instead (it sends them and queues itself for the next day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Queue the daily task.")

    def handle(self, *args, schedule, **options):
        if schedule:
            send_digests_task.enqueue(reschedule=True)
            self.stdout.write(
                f"Daily digests scheduled; the next at {next_digest_moment():%Y-%m-%d %H:%M}."
            )
            return
        self.stdout.write(f"{send_due_digests()} digest(s) sent.")
