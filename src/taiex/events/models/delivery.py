"""What delivers an event: the agenda, documents, participants with their attendance, travel,
fee statements, the mission report, and the private calendar feeds of staff and experts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from taiex.core.personal_data import holds_personal_data
from taiex.core.storage import private_storage
from taiex.reference.models import Country, Language

from ..enums import (
    BookingState,
    DocumentKind,
    ParticipantState,
    ReceiptKind,
    ReceiptState,
    ReportState,
    StatementState,
    TravelMarking,
)
from .event import Event
from .experts import EventExpert


class AgendaSession(models.Model):
    """One session of the agenda; its day and times are in the venue's time zone
    (`event.time_zone`)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    language = models.ForeignKey(
        Language, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    interpretation = models.BooleanField(default=False)
    speakers = models.ManyToManyField("experts.Expert", blank=True, related_name="agenda_sessions")

    class Meta:
        ordering = ["day", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.starts_at:%H:%M} {self.title}"


def document_path(document, filename):
    return f"events/{document.event_id}/{timezone.now():%Y%m%d%H%M%S%f}-{filename}"


class EventDocument(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    shared_with_participants = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-uploaded_at", "id"]

    def __str__(self):
        return self.title


@holds_personal_data("full_name", "email", "position", "institution", "phone", "passport_name")
class Participant(models.Model):
    """An official registered for an event (a seat, a place on the waiting list, or a past
    registration), with the check code printed on their confirmation letter and certificate."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    # The name as written in the travel document, entered by a travelling participant through
    # their personal link for the logistics contractor (`services.passport_names`).
    passport_name = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=200, blank=True)
    institution = models.CharField(max_length=250)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=20, choices=ParticipantState, default=ParticipantState.REQUESTED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the participant used the private registration link.",
    )
    registered_at = models.DateTimeField(default=timezone.now)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text="A last-minute replacement takes this participant's seat.",
    )
    check_code = models.CharField(max_length=16, unique=True)
    # The participant's language (a code of settings.LANGUAGES): every e-mail and document sent
    # to them (core.languages.override_for). Chosen on the registration form, the page's
    # language by default; empty for registrations made before it was kept (English).
    language = models.CharField(max_length=10, blank=True, default="")
    note = models.TextField(blank=True)
    # Whether the programme pays the participant's travel and daily allowance: by the event's
    # rule (`queries.fees.is_travelling`) unless the case handler marked it
    # (`services.traveller.mark_travelling`, a workflow of its own).
    travel_marking = models.CharField(
        max_length=20, choices=TravelMarking, default=TravelMarking.AUTOMATIC
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["registered_at", "id"]
        indexes = [models.Index(fields=["event", "state"])]
        constraints = [
            models.UniqueConstraint(
                "event",
                "email",
                condition=Q(state__in=["requested", "approved", "waitlisted"]),
                name="one_live_registration_per_email",
            )
        ]

    def __str__(self):
        return self.full_name


class Attendance(models.Model):
    """Whether a participant was there on one day of the event."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField()
    present = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "participant_id"]
        constraints = [models.UniqueConstraint("participant", "day", name="one_attendance_per_day")]

    def __str__(self):
        return f"{self.participant} on {self.day}: {'present' if self.present else 'absent'}"


@holds_personal_data("from_place", "to_place", "flight_details", "note")
class Travel(models.Model):
    """The itinerary, hotel and meals of one traveller: an expert of the event (through the
    place on the event) or a participant of a study visit. Times are local times of the airports."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="travels")
    event_expert = models.OneToOneField(
        EventExpert,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="travel",
    )
    participant = models.OneToOneField(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="travel"
    )
    from_place = models.CharField(max_length=120)
    to_place = models.CharField(max_length=120)
    outbound_date = models.DateField()
    outbound_departure = models.TimeField(help_text="Local time the outbound flight leaves.")
    outbound_arrival = models.TimeField(null=True, blank=True)
    return_date = models.DateField()
    return_departure = models.TimeField(null=True, blank=True)
    return_arrival = models.TimeField(help_text="Local time the return flight lands.")
    flight_details = models.CharField(max_length=250, blank=True)
    hotel_nights = models.PositiveSmallIntegerField(
        default=0, help_text="Nights of hotel booked and paid by the programme."
    )
    breakfasts_provided = models.PositiveSmallIntegerField(default=0)
    lunches_provided = models.PositiveSmallIntegerField(default=0)
    dinners_provided = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(max_length=20, choices=BookingState, default=BookingState.REQUESTED)
    cost = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="EUR."
    )
    # What the supplier invoiced for the journey, entered by the logistics contractor once the
    # invoice is in (the event's actual travel cost; `cost` is the planned one).
    actual_cost = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="EUR, as invoiced."
    )
    # The travel agency's or airline's booking reference (the logistics contractor's record).
    supplier_reference = models.CharField(max_length=60, blank=True, default="")
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outbound_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event_expert__isnull=False, participant__isnull=True)
                | Q(event_expert__isnull=True, participant__isnull=False),
                name="travel_has_one_traveller",
            ),
            models.CheckConstraint(
                condition=Q(return_date__gte=F("outbound_date")),
                name="travel_returns_after_leaving",
            ),
            models.CheckConstraint(
                condition=Q(actual_cost__isnull=True) | Q(state="booked"),
                name="invoiced_travel_is_booked",
            ),
        ]

    def __str__(self):
        return f"{self.from_place} to {self.to_place}, {self.outbound_date} to {self.return_date}"

    @property
    def cost_difference(self):
        """Planned minus invoiced, in EUR (None until both are known)."""
        if self.cost is None or self.actual_cost is None:
            return None
        return self.cost - self.actual_cost


class FeeStatement(models.Model):
    """What the programme pays one expert of the event (fee and allowance), the host
    administration of a study visit (host fee), or a travelling participant (allowance and the
    refund of approved receipts): the computation, line by line, and its total.

    `lines` is a list of {"label", "quantity", "rate", "amount"} with amounts as strings of
    Decimals; it is recomputed while the statement is a draft and frozen once approved.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="fee_statements")
    event_expert = models.OneToOneField(
        EventExpert,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_statement",
    )
    host_institution = models.ForeignKey(
        "accounts.Institution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="host_fee_statements",
    )
    participant = models.OneToOneField(
        Participant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_statement",
    )
    state = models.CharField(max_length=20, choices=StatementState, default=StatementState.DRAFT)
    lines = models.JSONField(default=list)
    fee_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    allowance_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    # Train and local transport refunded on a participant's approved receipts.
    refund_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    computed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The payment: our reference (given at approval, on the payment list and in the bank's
    # answer), who sent it for payment and when, the day it was paid with the bank's own
    # reference, or the reason it was rejected.
    payment_reference = models.CharField(max_length=20, blank=True)
    sent_for_payment_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_for_payment_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    bank_reference = models.CharField(max_length=60, blank=True)
    rejection_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["event_id", "id"]
        constraints = [
            models.UniqueConstraint(
                "payment_reference",
                condition=~Q(payment_reference=""),
                name="unique_payment_reference",
            ),
            models.CheckConstraint(
                condition=Q(
                    event_expert__isnull=False,
                    host_institution__isnull=True,
                    participant__isnull=True,
                )
                | Q(
                    event_expert__isnull=True,
                    host_institution__isnull=False,
                    participant__isnull=True,
                )
                | Q(
                    event_expert__isnull=True,
                    host_institution__isnull=True,
                    participant__isnull=False,
                ),
                name="statement_has_one_payee",
            ),
            models.UniqueConstraint(
                "event",
                condition=Q(host_institution__isnull=False),
                name="one_host_statement_per_event",
            ),
        ]

    def __str__(self):
        return f"Fee statement {self.pk} of {self.event}"


def receipt_path(receipt, filename):
    return (
        f"events/{receipt.event_id}/receipts/{receipt.participant_id}/"
        f"{timezone.now():%Y%m%d%H%M%S%f}-{filename}"
    )


@holds_personal_data("description", "file", "original_name")
class TravelReceipt(models.Model):
    """A train or local transport ticket of a travelling participant, with the amount claimed;
    refunded as a line of the participant's statement once the case handler approves it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="travel_receipts")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="travel_receipts"
    )
    kind = models.CharField(max_length=20, choices=ReceiptKind)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, help_text="EUR.")
    file = models.FileField(storage=private_storage, upload_to=receipt_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=ReceiptState, default=ReceiptState.SUBMITTED)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the participant used their personal link.",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} receipt {self.pk}, {self.amount} EUR"


class MissionReport(models.Model):
    """The report the experts of an expert mission write on the site after it."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="mission_report")
    state = models.CharField(max_length=20, choices=ReportState, default=ReportState.DRAFT)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    follow_up = models.TextField(blank=True)
    # A peer review's own sections (services/reports.py, PEER_REVIEW_SECTIONS): the EU standard
    # the administration is reviewed against, and its recommendations by priority; its findings
    # and follow-up are the fields above.
    standard = models.TextField(blank=True, default="", db_default="")
    recommendations_high = models.TextField(blank=True, default="", db_default="")
    recommendations_medium = models.TextField(blank=True, default="", db_default="")
    recommendations_low = models.TextField(blank=True, default="", db_default="")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Mission report of {self.event}"


class CalendarFeed(models.Model):
    """The secret address of a person's private calendar feed (expert or case handler).

    Resetting it gives a new token; the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user}"
