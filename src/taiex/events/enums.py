"""States and kinds of events and of what hangs on them: experts' roles, participants, travel,
fee statements, mission reports, documents; and the prefixes of an event's reference."""

from django.db import models

from taiex.reference.enums import AssistanceType


class EventState(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONFIRMED = "confirmed", "Confirmed"
    POSTPONED = "postponed", "Postponed"
    IMPLEMENTED = "implemented", "Implemented"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


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

    MAX_DAYS = "max_days", "Days"
    MAX_EXPERTS = "max_experts", "Experts"
    MAX_PARTICIPANTS = "max_participants", "Participants"


class LimitExceptionState(models.TextChoices):
    REQUESTED = "requested", "Waiting for the head of unit"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class ExpertRole(models.TextChoices):
    """The part an expert plays in an event."""

    LEAD_EXPERT = "lead_expert", "Lead expert"
    EXPERT = "expert", "Expert"
    CHAIR = "chair", "Chair"
    SPEAKER = "speaker", "Speaker"


class ParticipantState(models.TextChoices):
    REQUESTED = "requested", "Waiting for approval"
    APPROVED = "approved", "Approved"
    WAITLISTED = "waitlisted", "On the waiting list"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"
    REPLACED = "replaced", "Replaced"


class TravelMarking(models.TextChoices):
    """Whether a participant travels at the programme's cost: by the event's rule (a study visit;
    a participant of a multi-country event from another country than the venue's), or as the
    case handler marked it."""

    AUTOMATIC = "automatic", "By the event's rule"
    TRAVELLING = "travelling", "Marked travelling"
    NOT_TRAVELLING = "not_travelling", "Marked not travelling"


class ReceiptKind(models.TextChoices):
    TRAIN = "train", "Train"
    LOCAL_TRANSPORT = "local_transport", "Local transport"


class ReceiptState(models.TextChoices):
    SUBMITTED = "submitted", "To be checked"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


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
    AGENDA = "agenda", "Agenda"
    PRESENTATION = "presentation", "Presentation"
    PARTICIPANTS_LIST = "participants_list", "List of participants"
    BACKGROUND = "background", "Background document"
    OTHER = "other", "Other"


class BookingState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class BookingKind(models.TextChoices):
    """What the logistics contractor books besides travel (the travel is the Travel row)."""

    HOTEL = "hotel", "Hotel"
    VENUE = "venue", "Venue and rooms"
    INTERPRETATION = "interpretation", "Interpretation"
    CATERING = "catering", "Catering"


class StatementState(models.TextChoices):
    DRAFT = "draft", "To be approved"
    APPROVED = "approved", "Approved"
    SENT_FOR_PAYMENT = "sent_for_payment", "Sent for payment"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"


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
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    ACCEPTED = "accepted", "Accepted"


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

    ASKED = "asked", "Asked"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The states in which a host request holds the event: one at a time.
OPEN_HOST_STATES = [HostAgreementState.ASKED, HostAgreementState.AGREED]
