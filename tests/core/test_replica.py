"""The read-replica router: public reads go to the replica when one is configured, the rest
and every write to the primary; the middleware marks only GETs of the public pages and API."""

from django.test import RequestFactory

from taiex.accounts.models import User
from taiex.core.replica import (
    PublicReadsMiddleware,
    ReplicaRouter,
    public_reads,
    reading_public_data,
)
from taiex.events.models import Event

REPLICA_DATABASES = {"default": {"NAME": "primary"}, "replica": {"NAME": "replica"}}


def test_public_reads_go_to_the_replica_and_writes_to_the_primary(settings):
    settings.DATABASES = REPLICA_DATABASES
    router = ReplicaRouter()

    outside = router.db_for_read(Event)
    with public_reads():
        inside = (router.db_for_read(Event), router.db_for_write(Event))

    assert (outside, inside) == ("default", ("replica", "default"))


def test_without_a_replica_everything_stays_on_the_primary(settings):
    settings.DATABASES = {"default": {"NAME": "primary"}}

    with public_reads():
        assert ReplicaRouter().db_for_read(Event) == "default"


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()

    assert [router.allow_migrate(db, "events") for db in ("default", "replica")] == [True, False]
    assert router.allow_relation(Event(), User()) is True


def test_the_middleware_marks_only_public_gets():
    seen = []
    middleware = PublicReadsMiddleware(lambda request: seen.append(reading_public_data.get()))
    factory = RequestFactory()

    for request in (
        factory.get("/public/events/"),
        factory.get("/api/v1/statistics/"),
        factory.get("/api/v1/events/WS-2025-0001"),
        factory.post("/public/events/"),
        factory.get("/api/v1/requests/"),
        factory.get("/events/"),
    ):
        middleware(request)

    assert seen == [True, True, True, False, False, False]
    assert reading_public_data.get() is False
