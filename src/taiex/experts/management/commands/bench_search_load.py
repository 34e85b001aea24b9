"""Keep the public search busy from a second process while `bench_experts` times the ranking:
the search page and the API, through Django's test client, round the scenarios of
`portal/bench/scenarios.py`, until stopped or `--seconds` pass. Prints the requests made."""

import signal
import sys
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
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
        client = Client()
        stop = time.monotonic() + seconds
        done = 0
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write("ready")
        self.stdout.flush()
        try:
            while time.monotonic() < stop:
                client.get(urls[done % len(urls)])
                done += 1
        finally:
            self.stdout.write(f"{done} search requests")
