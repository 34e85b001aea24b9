"""`manage.py run_worker`: the tasks worker to run in production (see core.worker).

It takes the options of django-tasks-db's `db_worker` and adds a heartbeat, the recovery of tasks
whose worker died, reconnection after a lost database connection, and the outbox of e-mails.
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from taiex.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the tasks worker: tasks, the mail outbox, recovery of abandoned tasks"

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles the signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
