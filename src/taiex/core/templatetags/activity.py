"""Readable names for the audit timeline: action_label and state_label filters."""

from django import template
from django.contrib.contenttypes.models import ContentType

from taiex.core.workflow import STATE_LABELS

register = template.Library()

ACTION_LABELS = {
    "create": "Created",
    "edit": "Edited",
    "submit": "Submitted",
    "resubmit": "Resubmitted",
    "return_for_correction": "Returned for correction",
    "forward": "Forwarded to the programme",
    "consultation_opinion": "Opinion of a consulted service",
    "close_consultation": "Consultation closed",
    "veto": "Vetoed by a consulted service",
    "propose": "Proposal for the planning meeting",
    "approve": "Approved",
    "reject": "Rejected",
    "send_back_for_assessment": "Sent back for a new assessment",
    "put_on_hold": "Put on hold",
    "resume": "Taken off hold",
    "withdraw": "Withdrawn",
    "comment": "Message",
    "mark_implemented": "Marked as implemented",
    "close": "Closed",
    "cancel": "Cancelled",
}


@register.filter
def state_label(entry, which):
    """The label of an audit entry's "from" or "to" state, in the vocabulary of its model."""
    value = entry.from_state if which == "from" else entry.to_state
    model = ContentType.objects.get_for_id(entry.content_type_id)
    return STATE_LABELS.get(f"{model.app_label}.{model.model}", {}).get(value, value)


@register.filter
def action_label(value):
    return ACTION_LABELS.get(value, value.replace("_", " ").capitalize())
