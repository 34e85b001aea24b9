"""Requests walked through the real services to the state a home lists."""

from datetime import timedelta

from django.utils import timezone

from taiex.applications import services
from taiex.applications.enums import Criterion
from taiex.applications.models import Application
from tests.factories import submittable_application


def submitted(applicant, *, days_ago=0):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    when = timezone.now() - timedelta(days=days_ago)
    Application.objects.filter(pk=application.pk).update(submitted_at=when)
    application.submitted_at = when
    return application


def in_assessment(applicant, ncp):
    application = services.forward_application(submitted(applicant), actor=ncp)
    return services.close_consultation(application, actor=None, note="Silence.")


def proposed(applicant, ncp, case_handler, *, recommendation="approve", days_ago=0):
    application = in_assessment(applicant, ncp)
    application = services.propose_decision(
        application,
        actor=case_handler,
        recommendation=recommendation,
        criteria=dict.fromkeys(Criterion.values, True),
        reason="Assessed.",
    )
    when = timezone.now() - timedelta(days=days_ago)
    Application.objects.filter(pk=application.pk).update(submitted_at=when)
    return application
