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
    "delete_draft": "Draft deleted",
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
    "confirm": "Confirmed",
    "postpone": "Postponed",
    "edit_details": "Details changed",
    "add_session": "Agenda session added",
    "change_session": "Agenda session changed",
    "delete_session": "Agenda session removed",
    "upload_document": "Document uploaded",
    "delete_document": "Document removed",
    "register": "Participant registered",
    "move_up": "Moved up from the waiting list",
    "replace": "Replaced",
    "set_capacity": "Capacity changed",
    "open_registration_link": "Registration link opened",
    "close_registration_link": "Registration link closed",
    "reset_registration_link": "Registration link reset",
    "record_attendance": "Attendance recorded",
    "record_travel": "Travel recorded",
    "compute_fee_statements": "Fee statements computed",
    "approve_fee_statement": "Fee statement approved",
    "save_report_draft": "Mission report draft saved",
    "submit_report": "Mission report submitted",
    "accept_report": "Mission report accepted",
    "request_report_changes": "Changes asked to the mission report",
    "create_calendar_feed": "Calendar feed created",
    "reset_calendar_feed": "Calendar feed address reset",
    "add_rate": "Rate added",
    "record_past_event": "Recorded from the public sources",
    "record_history": "Recorded from the programme's history",
    "erase_participant": "Personal data of a participant erased",
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
