"""An event: the workshop, expert mission or study visit that delivers an approved request."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.models import (
    Chapter,
    Country,
    InterpretationPairBase,
    Language,
    ThematicTeam,
    Window,
)

from ..enums import EventState


class Event(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    # One request may be answered by a series of events (a workshop, then an expert mission to
    # follow it up): the request's events, in date order, are the series.
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text="The earlier event of the same request that this one follows up.",
    )
    event_type = models.CharField(max_length=20, choices=AssistanceType)
    mission_kind = models.CharField(
        max_length=20,
        choices=MissionKind,
        blank=True,
        default="",
        db_default="",
        help_text="Expert missions only: advice, peer review or assessment mission.",
    )
    modality = models.CharField(max_length=20, choices=Modality, default=Modality.ON_SITE)
    state = models.CharField(
        max_length=20, choices=EventState, default=EventState.PLANNED, db_index=True
    )
    title = models.CharField(max_length=250)
    summary = models.TextField(blank=True)
    legislation = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        default="",
        help_text="What people search for, separated by semicolons: public procurement; remedies.",
    )
    original_title = models.CharField(
        max_length=250, blank=True, default="", help_text="The title in the beneficiary's language."
    )
    original_summary = models.TextField(blank=True, default="")
    original_language = models.ForeignKey(
        Language, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The stems of the original summary in its language, as the search indexes them (computed on
    # save, `search.stemming.stem_tokens`; the triggers index them as the summary). Null where
    # there are none, so that adding the column rebuilt neither the table nor the search index.
    original_stems = models.TextField(null=True, blank=True, editable=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    venue_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_events"
    )
    time_zone = models.CharField(max_length=64, default="Europe/Brussels")
    beneficiary = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="events")
    other_beneficiaries = models.ManyToManyField(
        Country, blank=True, related_name="multi_country_events"
    )
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    chapters = models.ManyToManyField(Chapter, blank=True, related_name="events")
    team = models.ForeignKey(
        ThematicTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_events",
    )
    beneficiary_institutions = models.TextField(
        blank=True, help_text="Public: the institutions that asked for and received the assistance."
    )
    participants_count = models.PositiveIntegerField(null=True, blank=True)
    experts_needed = models.PositiveSmallIntegerField(
        default=0, help_text="How many Member State experts the event needs."
    )
    cancellation_reason = models.TextField(blank=True)
    postponement_reason = models.TextField(blank=True)
    # Delivery: how the event is run and who may join it.
    meeting_link = models.URLField(
        blank=True, help_text="Online and hybrid events: shown only to registered people."
    )
    working_languages = models.ManyToManyField(Language, blank=True, related_name="+")
    interpretation_needed = models.BooleanField(default=False)
    interpretation_note = models.CharField(
        max_length=200, blank=True, help_text="For example: English <> Serbian, simultaneous."
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Seats for participants; registrations beyond it go to the waiting list.",
    )
    registration_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    registration_open = models.BooleanField(
        default=False, help_text="Whether the private registration link accepts registrations."
    )
    host_institution = models.ForeignKey(
        "accounts.Institution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        help_text="Study visits: the Member State administration that hosts (paid a host fee).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["state", "start_date"]),
            models.Index(fields=["beneficiary", "state"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(state="cancelled") | ~Q(cancellation_reason=""),
                name="cancelled_event_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"original_summary", "original_language"} & set(update_fields):
            self.original_stems = self.stems_of_summary()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "original_stems"}
        super().save(*args, **kwargs)

    def stems_of_summary(self):
        """What `original_stems` holds for the current summary and language (None: nothing)."""
        from ..search.stemming import LANGUAGES, stem_tokens

        if not self.original_summary or self.original_language_id is None:
            return None
        code = self.original_language.code
        return (stem_tokens(self.original_summary, code) or None) if code in LANGUAGES else None

    @property
    def year(self):
        return self.start_date.year if self.start_date else None


class EventInterpretationPair(InterpretationPairBase):
    """A language pair to interpret at the event: copied from the request when the event is
    created from it; the logistics contractor books interpretation for them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interpretation_pairs")

    class Meta(InterpretationPairBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "target"], name="one_event_pair_per_direction"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="event_pair_two_languages"
            ),
        ]
