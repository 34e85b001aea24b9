"""Anonymise the personal data past its retention period (cron, or a moved clock with --today;
--dry-run lists what would go; --schedule starts the worker's nightly sweep)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.tasks import default_task_backend
from django.utils import timezone

from taiex.core.retention import apply_retention, retention_report
from taiex.core.tasks import apply_retention_task, next_retention_run


class Command(BaseCommand):
    help = (
        "Anonymise personal data past its retention period and write it to the audit log. "
        "--dry-run changes nothing and lists what would be anonymised; --today YYYY-MM-DD "
        "runs as if it were that day; --schedule queues the nightly sweep on the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; list.")
        parser.add_argument("--today", help="Run as if it were this day (YYYY-MM-DD).")
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the nightly sweep on the worker."
        )

    def handle(self, *args, **options):
        if options["schedule"]:
            # From the next night on: starting the application never anonymises at once.
            first_run = next_retention_run(timezone.now())
            if default_task_backend.supports_defer:
                apply_retention_task.using(run_after=first_run).enqueue(reschedule=True)
                self.stdout.write(f"The retention sweep is queued for {first_run:%Y-%m-%d %H:%M}.")
            else:
                self.stdout.write(
                    "This task backend cannot defer tasks: run the command from cron."
                )
            return
        today = None
        if options["today"]:
            try:
                today = datetime.strptime(options["today"], "%Y-%m-%d").date()
            except ValueError as error:
                raise CommandError("--today takes a day as YYYY-MM-DD, e.g. 2031-06-30.") from error
        if options["dry_run"]:
            for outcome in retention_report(today, shown=20):
                self.stdout.write(self._line(outcome, "would be anonymised"))
                for _record, description in outcome.records:
                    self.stdout.write(f"    {description}")
            return
        for outcome in apply_retention(today):
            self.stdout.write(self._line(outcome, "anonymised"))

    def _line(self, outcome, verb):
        if outcome.problem:
            return f"{outcome.kind_key}: {outcome.problem}"
        return (
            f"{outcome.kind_key}: {outcome.count} {verb} "
            f"({outcome.rule.describe_period()}, before {outcome.cutoff.isoformat()})"
        )
