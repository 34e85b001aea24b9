"""Template tags of staffing: the staff part of an event page's experts section, and a
dictionary lookup for the ranking page."""

from django import template

from taiex.events.enums import PREPARATION_STATES, STAFFING_STATES

from ..forms.invitations import CallForm, InviteForm, WithdrawForm
from ..models import ExpertCall
from ..queries.calls import interests_in
from ..queries.invitations import invitations_of
from ..services import calls as call_services

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }}: a dictionary lookup with a variable key."""
    return mapping.get(key)


@register.inclusion_tag("staffing/invitations/_event_section.html", takes_context=True)
def event_staffing_section(context, event):
    """For staff on the event's page: the call, the interested experts, every invitation and the
    forms to publish, invite and withdraw (bound, with their errors, after a failed post)."""
    bound_forms = context.get("bound_forms") or {}
    call = ExpertCall.objects.filter(event=event).first()
    return {
        "event": event,
        "csrf_token": context.get("csrf_token"),
        "call": call,
        "interests": list(interests_in(event)),
        "invitations": list(invitations_of(event)),
        "call_form": bound_forms.get("call")
        or CallForm(
            prefix="call",
            initial={
                "description": call.description
                if call
                else call_services.default_call_description(event)
            },
        ),
        "invite_form": bound_forms.get("invite") or InviteForm(prefix="invite"),
        "withdraw_form": bound_forms.get("withdraw") or WithdrawForm(prefix="withdraw"),
        "failed_invitation": bound_forms.get("withdraw_invitation"),
        "is_open_for_experts": event.state in STAFFING_STATES,
        "can_withdraw": event.state in PREPARATION_STATES,
    }
