"""States and kinds of events and of what hangs on them: experts' roles, participants, travel,
fee statements, mission reports, documents; and the prefixes of an event's reference."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType


class EventState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    POSTPONED = "postponed", _("Postponed")
    IMPLEMENTED = "implemented", _("Implemented")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


PUBLIC_STATES = [EventState.IMPLEMENTED, EventState.CLOSED]
# States in which the event is still being prepared: agenda, participants and travel change.
PREPARATION_STATES = [EventState.PLANNED, EventState.CONFIRMED, EventState.POSTPONED]
# States in which experts are still sought: calls are open and invitations can be sent (a
# confirmed event has its experts fixed).
STAFFING_STATES = [EventState.PLANNED, EventState.POSTPONED]

REFERENCE_PREFIX = {
    AssistanceType.WORKSHOP: "WS",
    AssistanceType.EXPERT_MISSION: "EM",
    AssistanceType.STUDY_VISIT: "SV",
}


class LimitCode(models.TextChoices):
    """The dated limits of an event (reference AssistanceLimit) an exception may lift."""

    MAX_DAYS = "max_days", _("Days")
    MAX_EXPERTS = "max_experts", _("Experts")
    MAX_PARTICIPANTS = "max_participants", _("Participants")


class LimitExceptionState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the head of unit")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class ExpertRole(models.TextChoices):
    """The part an expert plays in an event."""

    LEAD_EXPERT = "lead_expert", _("Lead expert")
    EXPERT = "expert", _("Expert")
    CHAIR = "chair", _("Chair")
    SPEAKER = "speaker", _("Speaker")


class ParticipantState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    REPLACED = "replaced", _("Replaced")


class TravelMarking(models.TextChoices):
    """Whether a participant travels at the programme's cost: by the event's rule (a study visit;
    a participant of a multi-country event from another country than the venue's), or as the
    case handler marked it."""

    AUTOMATIC = "automatic", _("By the event's rule")
    TRAVELLING = "travelling", _("Marked travelling")
    NOT_TRAVELLING = "not_travelling", _("Marked not travelling")


class ReceiptKind(models.TextChoices):
    TRAIN = "train", _("Train")
    LOCAL_TRANSPORT = "local_transport", _("Local transport")


class ReceiptState(models.TextChoices):
    SUBMITTED = "submitted", _("To be checked")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


# Receipts of participants' train and local transport: a PDF or a photo, at most 10 MB.
RECEIPT_MAX_BYTES = 10 * 1024 * 1024
RECEIPT_TYPES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}


# A participant in one of these states takes a seat of the capacity.
SEATED_STATES = [ParticipantState.REQUESTED, ParticipantState.APPROVED]


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    PRESENTATION = "presentation", _("Presentation")
    PARTICIPANTS_LIST = "participants_list", _("List of participants")
    BACKGROUND = "background", _("Background document")
    OTHER = "other", _("Other")


class BookingState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class BookingKind(models.TextChoices):
    """What the logistics contractor books besides travel (the travel is the Travel row)."""

    HOTEL = "hotel", _("Hotel")
    VENUE = "venue", _("Venue and rooms")
    INTERPRETATION = "interpretation", _("Interpretation")
    CATERING = "catering", _("Catering")


class StatementState(models.TextChoices):
    DRAFT = "draft", _("To be approved")
    APPROVED = "approved", _("Approved")
    SENT_FOR_PAYMENT = "sent_for_payment", _("Sent for payment")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


# Approved and beyond: the lines are frozen and the statement counts as approved for closing
# the event (a rejected statement goes back to draft before it counts again).
FROZEN_STATEMENT_STATES = (
    StatementState.APPROVED,
    StatementState.SENT_FOR_PAYMENT,
    StatementState.PAID,
)
# What the payment list shows: approved and not yet paid.
UNPAID_STATEMENT_STATES = (StatementState.APPROVED, StatementState.SENT_FOR_PAYMENT)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")


# Upload limits of event documents: the types officials exchange, and a size cap.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
# Mission report: each section has a length limit (the template's page limit, in characters).
REPORT_SECTION_MAX_CHARS = 8000


class HostAgreementState(models.TextChoices):
    """The answer of a Member State administration asked to host a study visit."""

    ASKED = "asked", _("Asked")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The states in which a host request holds the event: one at a time.
OPEN_HOST_STATES = [HostAgreementState.ASKED, HostAgreementState.AGREED]
