"""Close every consultation whose 5 working days have passed (silence = no objection).

The task queue does this at each deadline; run this command from cron as a safety net, or on
a machine whose tasks backend cannot run tasks later.
"""

from django.core.management.base import BaseCommand

from taiex.applications.services import close_silent_consultations


class Command(BaseCommand):
    help = "Close the consultations whose deadline has passed; silence counts as no objection."

    def handle(self, *args, **options):
        closed = close_silent_consultations()
        for application in closed:
            self.stdout.write(f"{application}: consultation closed, now in assessment")
        self.stdout.write(f"{len(closed)} consultation(s) closed.")
