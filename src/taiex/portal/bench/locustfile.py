"""The load of the benchmark: people searching the public catalogue, page and API, with the
benchmark's keyword, facet and combined searches. Run by `manage.py bench_public`, or by hand:
`locust -f src/taiex/portal/bench/locustfile.py --host http://127.0.0.1:8000`."""

import random
from urllib.parse import urlencode

from locust import HttpUser, between, task

from taiex.portal.bench.scenarios import SCENARIOS, query_pairs


def address(path, params):
    return f"{path}?{urlencode(query_pairs(params))}"


class PublicSearcher(HttpUser):
    # A short pause: 20 such users keep two workers busy, which is what is measured.
    wait_time = between(0.05, 0.2)

    def search(self, path, kind):
        params = random.choice(SCENARIOS[kind])
        self.client.get(address(path, params), name=f"{path} {kind}")

    @task(2)
    def keyword_page(self):
        self.search("/public/events/", "keyword")

    @task(1)
    def facets_page(self):
        self.search("/public/events/", "facets")

    @task(2)
    def combined_page(self):
        self.search("/public/events/", "combined")

    @task(1)
    def keyword_api(self):
        self.search("/api/v1/events/", "keyword")
