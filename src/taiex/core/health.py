"""Health endpoints for load balancers and orchestrators: /healthz (the process answers) and
/readyz (the database answers and a worker beat recently)."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.tasks import task_backends
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.backend import DatabaseBackend

from .worker import latest_heartbeat


@never_cache
@require_GET
def liveness(request):
    """Touches nothing outside the process, so a slow database never gets the web server killed."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readiness(request):
    checks = {"database": database_check(), "worker": worker_check()}
    ready = all(value in {"ok", "not used"} for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def database_check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"unreachable: {type(error).__name__}"
    return "ok"


def worker_check():
    """A worker must have beaten within the lease when tasks go through the database queue."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return "not used"
    try:
        seen = latest_heartbeat()
    except DatabaseError:
        return "unknown: the database does not answer"
    if seen is None:
        return "no worker has run"
    age = (timezone.now() - seen).total_seconds()
    if age > settings.TAIEX_WORKER_LEASE_SECONDS:
        return f"last heartbeat {int(age)} s ago"
    return "ok"
