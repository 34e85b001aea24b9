"""Background tasks of requests: closing a silent consultation at its deadline."""

from django.tasks import task
from django.utils import timezone

from .services import close_silent_consultations


@task
def close_silent_consultation_task(application_id):
    """Runs at a consultation's deadline; closes every consultation that is due by now."""
    closed = close_silent_consultations(now=timezone.now())
    return [application.pk for application in closed]
