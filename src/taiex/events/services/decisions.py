"""The planning meeting's decision on a request, which creates the event of an approved one.

It lives here, above requests, because the decision and the event it creates must commit
together: `applications` records the decision and knows nothing of events."""

from django.db import transaction

from taiex.applications.enums import ApplicationState
from taiex.applications.services import ApplicationError, record_decision
from taiex.core.workflow import TransitionNotAllowed

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


class DecisionsNotTaken(Exception):
    """None of several decisions was recorded; `problems` maps each request that failed to
    the message that says why (the others were valid but rolled back with it)."""

    def __init__(self, problems):
        super().__init__("No decision was recorded: " + " ".join(problems.values()))
        self.problems = problems


def decide_applications(decisions, *, actor):
    """The head of unit decides several proposals at once: `decisions` is a list of
    (application, decision, reason), each recorded by `decide_application` (reason required,
    notifications after commit, the event of an approval created). All or nothing: when any of
    them cannot be recorded, none is, and DecisionsNotTaken names every one that failed."""
    if not decisions:
        raise DecisionsNotTaken({None: "Choose at least one proposal to decide."})
    problems = {}
    decided = []
    with transaction.atomic():
        for application, decision, reason in decisions:
            try:
                decided.append(
                    decide_application(application, actor=actor, decision=decision, reason=reason)
                )
            except (ApplicationError, TransitionNotAllowed) as error:
                label = application.reference or f"Request {application.pk}"
                problems[application.pk] = f"{label}: {error}"
        if problems:
            raise DecisionsNotTaken(problems)  # rolls back the decisions already recorded
    return decided
