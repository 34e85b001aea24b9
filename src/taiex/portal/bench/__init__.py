"""The benchmark of the public face (`make bench`, `manage.py bench_public`): search latency in
the process and through HTTP, the statistics page, the annual report, and the throughput of
the public search under load (gunicorn and locust). See docs/bench.md."""
