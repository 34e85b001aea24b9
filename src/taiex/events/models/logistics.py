"""The logistics of an event: the contractor assigned to organise it, and what it books (hotel
nights, venue and rooms, interpretation, catering). Travel stays the `Travel` of each traveller
(its itinerary feeds the fee computation); the contractor records it there with its supplier
reference. What is still to book is derived (`queries.logistics`), never stored."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from taiex.accounts.models import Contractor
from taiex.core.personal_data import holds_personal_data
from taiex.reference.models import Language

from ..enums import BookingKind, BookingState
from .delivery import Participant
from .event import Event
from .experts import EventExpert


class ContractorAssignment(models.Model):
    """The logistics contractor that organises an event (one per event; the case handler
    assigns and changes it, audit-logged on the event)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="contractor_assignment"
    )
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event_id"]

    def __str__(self):
        return f"{self.contractor} organises {self.event}"


@holds_personal_data("note")
class Booking(models.Model):
    """One booking of the contractor for an event: a hotel for one traveller, a venue and its
    rooms, interpretation (languages and booths) or catering, with the supplier's reference,
    the dates, the planned cost and, once the supplier is paid, the actual cost."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    kind = models.CharField(max_length=20, choices=BookingKind)
    # Whom a hotel booking is for: one expert of the event or one travelling participant.
    event_expert = models.ForeignKey(
        EventExpert, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    supplier = models.CharField(max_length=200)
    supplier_reference = models.CharField(max_length=60, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    # Rooms (hotel, venue), booths (interpretation) or covers a day (catering).
    quantity = models.PositiveSmallIntegerField(default=1)
    languages = models.ManyToManyField(Language, blank=True, related_name="+")
    state = models.CharField(max_length=20, choices=BookingState, default=BookingState.REQUESTED)
    planned_cost = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="EUR."
    )
    actual_cost = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="EUR, once paid."
    )
    paid_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "starts_on", "id"]
        indexes = [models.Index(fields=["event", "kind", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="hotel")
                | Q(event_expert__isnull=False, participant__isnull=True)
                | Q(event_expert__isnull=True, participant__isnull=False),
                name="hotel_booking_has_one_guest",
            ),
            models.CheckConstraint(
                condition=Q(kind="hotel") | Q(event_expert__isnull=True, participant__isnull=True),
                name="only_hotel_booking_has_a_guest",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(actual_cost__isnull=False),
                name="paid_booking_has_actual_cost",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.supplier} ({self.get_state_display()})"

    @property
    def guest(self):
        return self.event_expert or self.participant

    @property
    def nights(self):
        return (self.ends_on - self.starts_on).days
