"""Readable names for the audit timeline: action_label and state_label filters."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from taiex.core.workflow import STATE_LABELS

register = template.Library()

ACTION_LABELS = {
    "create": _("Created"),
    "edit": _("Edited"),
    "submit": _("Submitted"),
    "resubmit": _("Resubmitted"),
    "delete_draft": _("Draft deleted"),
    "return_for_correction": _("Returned for correction"),
    "forward": _("Forwarded to the programme"),
    "consultation_opinion": _("Opinion of a consulted service"),
    "close_consultation": _("Consultation closed"),
    "veto": _("Vetoed by a consulted service"),
    "propose": _("Proposal for the planning meeting"),
    "approve": _("Approved"),
    "reject": _("Rejected"),
    "send_back_for_assessment": _("Sent back for a new assessment"),
    "put_on_hold": _("Put on hold"),
    "resume": _("Taken off hold"),
    "withdraw": _("Withdrawn"),
    "comment": _("Message"),
    "mark_implemented": _("Marked as implemented"),
    "close": _("Closed"),
    "cancel": _("Cancelled"),
    "confirm": _("Confirmed"),
    "postpone": _("Postponed"),
    "edit_details": _("Details changed"),
    "add_session": _("Agenda session added"),
    "change_session": _("Agenda session changed"),
    "delete_session": _("Agenda session removed"),
    "upload_document": _("Document uploaded"),
    "delete_document": _("Document removed"),
    "register": _("Participant registered"),
    "move_up": _("Moved up from the waiting list"),
    "replace": _("Replaced"),
    "set_capacity": _("Capacity changed"),
    "open_registration_link": _("Registration link opened"),
    "close_registration_link": _("Registration link closed"),
    "reset_registration_link": _("Registration link reset"),
    "record_attendance": _("Attendance recorded"),
    "record_travel": _("Travel recorded"),
    "compute_fee_statements": _("Fee statements computed"),
    "approve_fee_statement": _("Fee statement approved"),
    "save_report_draft": _("Mission report draft saved"),
    "submit_report": _("Mission report submitted"),
    "accept_report": _("Mission report accepted"),
    "request_report_changes": _("Changes asked to the mission report"),
    "create_calendar_feed": _("Calendar feed created"),
    "reset_calendar_feed": _("Calendar feed address reset"),
    "add_rate": _("Rate added"),
    "record_past_event": _("Recorded from the public sources"),
    "record_history": _("Recorded from the programme's history"),
    "erase_participant": _("Personal data of a participant erased"),
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
