"""The planning meeting's decision on a request, which creates the event of an approved one.

It lives here, above requests, because the decision and the event it creates must commit
together: `applications` records the decision and knows nothing of events."""

from django.db import transaction

from taiex.applications.enums import ApplicationState
from taiex.applications.services import record_decision

from . import create_event_from_application


def decide_application(application, *, actor, decision, reason):
    """The head of unit approves or rejects `application` (`record_decision`: the reason is
    required and sent to the applicant and the NCP); an approval also creates its planned event,
    handled by the case handler who made the proposal, in the same transaction."""
    with transaction.atomic():
        application = record_decision(application, actor=actor, decision=decision, reason=reason)
        if application.state == ApplicationState.APPROVED:
            create_event_from_application(
                application, actor=actor, case_handler=application.case_handler
            )
    return application
