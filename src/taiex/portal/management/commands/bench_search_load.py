"""Keep the public search busy from a second process while `bench_experts` times the ranking:
the search page and the API, through Django's test client, round the scenarios of
`portal/bench/scenarios.py`, until stopped or `--seconds` pass. Prints the requests made."""

import signal
import sys
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.db import connections
from django.test import Client

from taiex.portal.bench.scenarios import SCENARIOS, query_pairs


class Command(BaseCommand):
    help = "Load the public search from this process (for bench_experts)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=600)

    def handle(self, *args, seconds, **options):
        urls = [
            f"{path}?{urlencode(query_pairs(params))}"
            for path in ("/public/events/", "/api/v1/events/")
            for scenarios in SCENARIOS.values()
            for params in scenarios
        ]
        # One connection for the whole run: on SQLite, bench_experts holds the write lock of its
        # rolled-back transaction, and opening a connection (its PRAGMAs) would wait for it.
        for each in connections.all():
            each.settings_dict["CONN_MAX_AGE"] = None
        client = Client()
        client.get(urls[0])
        stop = time.monotonic() + seconds
        done, failed = 1, 0
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write("ready")
        self.stdout.flush()
        try:
            while time.monotonic() < stop:
                failed += client.get(urls[done % len(urls)]).status_code != 200
                done += 1
        finally:
            self.stdout.write(f"{done} search requests, {failed} failed")
