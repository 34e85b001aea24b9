"""Writes on calls for experts: staff publish an event's need, experts say they are
interested."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from taiex.core.audit import log_action
from taiex.events.enums import STAFFING_STATES
from taiex.events.services.hosting import NO_EXPERTS_ON_STUDY_VISIT, is_study_visit

from ..models import ExpertCall, Interest
from ..queries.calls import call_fits, invited_or_taking_part, is_eligible_for_calls


class CallError(Exception):
    """A call that cannot be published or answered; `field` names the form field at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def default_call_description(event):
    """What a new call says before staff edit it: the expertise the request wished for."""
    application = event.application
    return application.expertise_wished if application is not None else ""


def publish_call(event, *, actor, description):
    """Publish (or update and reopen) the call for experts of a planned event; experts whose
    profile fits see it on their home. Logs the publication on the call."""
    description = (description or "").strip()
    if not description:
        raise CallError(_("Describe the expertise the event needs."), field="description")
    if is_study_visit(event):
        raise CallError(NO_EXPERTS_ON_STUDY_VISIT)
    if event.state not in STAFFING_STATES:
        raise CallError(
            "A call for experts can be published only for a planned or postponed event."
        )
    with transaction.atomic():
        call, created = ExpertCall.objects.select_for_update().get_or_create(
            event=event, defaults={"description": description, "published_by": actor}
        )
        if not created:
            call.description = description
            call.is_open = True
            call.save(update_fields=["description", "is_open"])
        log_action(
            call, actor=actor, action="publish_call" if created else "update_call", note=description
        )
    return call


def express_interest(call, *, expert, motivation):
    """A verified expert whose profile fits says they are interested, with a short motivation
    (required). Staff see the interest beside the ranking."""
    motivation = (motivation or "").strip()
    if not motivation:
        raise CallError(_("Say in a few words why you are interested."), field="motivation")
    if not is_eligible_for_calls(expert):
        raise CallError(_("Only a verified expert can express interest in a call."))
    if not call.is_open or call.event.state not in STAFFING_STATES or is_study_visit(call.event):
        raise CallError(_("This call for experts is closed."))
    if invited_or_taking_part(call.event, expert):
        raise CallError(_("You are already invited to this event."))
    if not call_fits(call, expert):
        raise CallError(_("This call does not fit your profile."))
    if Interest.objects.filter(call=call, expert=expert).exists():
        raise CallError(_("You already said you are interested in this call."))
    try:
        with transaction.atomic():
            interest = Interest.objects.create(call=call, expert=expert, motivation=motivation)
            log_action(call, actor=expert.user, action="express_interest", note=motivation)
    except IntegrityError:
        raise CallError(_("You already said you are interested in this call.")) from None
    return interest
