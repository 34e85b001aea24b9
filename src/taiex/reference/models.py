"""Data that changes by date: countries and windows, institution kinds, chapters, limits."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from .enums import AssistanceType, InterpretationMode, ReminderKind
from .translation import translated


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Window(models.Model):
    """A funding window (instrument) through which beneficiaries receive assistance."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=120)
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )
    is_peer_to_peer = models.BooleanField(
        default=False, help_text="A peer-to-peer strand for EU Member State administrations."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return translated(self)


class Country(models.Model):
    """A country or community: a beneficiary, an EU Member State, or both."""

    code = models.CharField(max_length=3, unique=True, help_text="ISO 3166 alpha-2, or TCC.")
    name = models.CharField(max_length=100, help_text="Display name, with * or ** where required.")
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )
    official_footnote = models.TextField(blank=True)
    official_footnote_translations = models.JSONField(null=True, blank=True)
    is_country = models.BooleanField(default=True, help_text="False for a community.")
    eu_member_since = models.DateField(null=True, blank=True)
    eu_member_until = models.DateField(null=True, blank=True)
    windows = models.ManyToManyField(Window, through="BeneficiaryPeriod", related_name="countries")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return translated(self)

    @property
    def footnote(self):
        """The official footnote in the reader's language ("" when there is none)."""
        return translated(self, "official_footnote")

    def is_member_state_on(self, day: date) -> bool:
        return bool(
            self.eu_member_since
            and self.eu_member_since <= day
            and (self.eu_member_until is None or day <= self.eu_member_until)
        )


class BeneficiaryPeriod(models.Model):
    """A country is a beneficiary of a window from valid_from to valid_to (open when empty)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="periods")
    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="periods")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="beneficiary_period_ends_after_start",
            )
        ]

    def __str__(self):
        end = self.valid_to or "open"
        return f"{self.country} in {self.window} ({self.valid_from} to {end})"


class InstitutionKind(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )
    is_eligible = models.BooleanField(help_text="May receive assistance.")
    is_eligible_expert_employer = models.BooleanField(
        default=False, help_text="Its officials may register as experts."
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return translated(self)


class KindEligibility(models.Model):
    """Whether institutions of a kind may receive assistance, from valid_from to valid_to; the
    rule of the day in question decides (the local-authority strand opened in January 2018)."""

    kind = models.ForeignKey(
        InstitutionKind, on_delete=models.CASCADE, related_name="eligibility_periods"
    )
    is_eligible = models.BooleanField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=250, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["kind__name", "valid_from"]
        verbose_name_plural = "kind eligibilities"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="kind_eligibility_ends_after_start",
            )
        ]

    def __str__(self):
        verdict = "eligible" if self.is_eligible else "not eligible"
        return f"{self.kind} {verdict} from {self.valid_from}"


class Cluster(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return translated(self)


class ThematicTeam(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=120)
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return translated(self)


class Chapter(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    # Null, not an empty dict, when there is none: on SQLite a column with a default remakes the
    # table, which the events' search triggers on this table forbid.
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.PROTECT, related_name="chapters"
    )
    team = models.ForeignKey(
        ThematicTeam,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chapters",
        help_text="The thematic team that handles requests in this chapter.",
    )

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {translated(self)}"


class Language(models.Model):
    code = models.CharField(max_length=3, unique=True, help_text="ISO 639-1 (or 639-3) code.")
    name = models.CharField(max_length=60)
    name_translations = models.JSONField(
        null=True, blank=True, help_text='The name in other languages: {"fr": "..."}.'
    )
    is_eu_official = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return translated(self)


class InterpretationPairBase(models.Model):
    """A language pair to interpret, from `source` into `target`, and how (simultaneous or
    consecutive). English into Serbian and Serbian into English are two pairs. A request asks
    for pairs (applications.InterpretationPair); the event created from it copies them
    (events.EventInterpretationPair) and the logistics contractor books them."""

    source = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(
        max_length=20, choices=InterpretationMode, default=InterpretationMode.SIMULTANEOUS
    )

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return gettext("%(source)s into %(target)s (%(mode)s)") % {
            "source": self.source,
            "target": self.target,
            "mode": self.get_mode_display().lower(),
        }


class AssistanceLimit(models.Model):
    """The limits of a type of assistance, optionally for peer-to-peer windows only, dated."""

    assistance_type = models.CharField(max_length=20, choices=AssistanceType)
    applies_to_peer_to_peer = models.BooleanField(
        default=False,
        help_text="Applies in the peer-to-peer windows (instead of the general limit).",
    )
    max_days = models.PositiveSmallIntegerField()
    max_experts = models.PositiveSmallIntegerField(null=True, blank=True)
    max_participants = models.PositiveSmallIntegerField(null=True, blank=True)
    usual_lead_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Days usually needed between a request's submission and its event; a request "
        "due sooner is warned.",
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["assistance_type", "applies_to_peer_to_peer", "valid_from"]

    def __str__(self):
        scope = " (peer-to-peer)" if self.applies_to_peer_to_peer else ""
        return f"{self.get_assistance_type_display()}{scope} from {self.valid_from}"


class ReminderDelay(models.Model):
    """How many working days a request may wait before its people are reminded, valid for a
    period. The rule of the day the waiting started applies (the submission for the NCP's check,
    the forwarding for the assessment, the consultation's deadline for a consultation)."""

    kind = models.CharField(max_length=20, choices=ReminderKind)
    working_days = models.PositiveSmallIntegerField(
        help_text="NCP check and assessment: working days after the start of the wait; "
        "consultation: working days before its deadline."
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=250, blank=True, help_text="Where the delay is written, or why it was chosen."
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reminder_delay_ends_after_start",
            ),
            models.UniqueConstraint(
                "kind", "valid_from", name="one_reminder_delay_per_kind_and_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.working_days} from {self.valid_from}"


class WorkingLanguageRule(models.Model):
    """The lowest level in one of the event's working languages at which an expert may be
    proposed, valid for a period. An expert presents and discusses in the working language, so
    the level is set where a presenter is fluent (C1), not where they can follow (B2)."""

    LEVELS = [("B2", "B2 (upper intermediate)"), ("C1", "C1 (advanced)"), ("C2", "C2 (proficient)")]

    minimum_level = models.CharField(max_length=2, choices=LEVELS)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=250, blank=True, help_text="Where the rule is written.")

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="working_language_rule_ends_after_start",
            )
        ]

    def __str__(self):
        return f"Working language at {self.minimum_level} or better from {self.valid_from}"


class FeeRule(models.Model):
    """The rules that turn an expert's days into money, valid for a period: the daily fee, when
    a travel day counts as a half day or not at all, the host fee of a study visit, and what is
    deducted from the daily subsistence allowance when the programme provides hotel or meals.

    Travel days: an outbound day counts as a half day when the flight leaves after
    `half_day_departure_after`, not at all after `no_day_departure_after`; a return day counts
    as a half day when the flight lands before `half_day_return_before`, not at all before
    `no_day_return_before`; otherwise a travel day counts as a full day.
    """

    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    daily_fee = models.DecimalField(max_digits=8, decimal_places=2)
    host_daily_fee = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        help_text=gettext_lazy("Paid per working day to a study-visit host."),
    )
    half_day_departure_after = models.TimeField()
    no_day_departure_after = models.TimeField()
    half_day_return_before = models.TimeField()
    no_day_return_before = models.TimeField()
    hotel_deduction_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text=gettext_lazy("Of the daily allowance, per hotel night."),
    )
    breakfast_deduction_percent = models.DecimalField(max_digits=5, decimal_places=2)
    lunch_deduction_percent = models.DecimalField(max_digits=5, decimal_places=2)
    dinner_deduction_percent = models.DecimalField(max_digits=5, decimal_places=2)
    # Nullable (empty means no) so that SQLite adds the column in place: a table rebuild trips
    # the search triggers (the SQLite caveat in docs/decisions.md).
    pays_eu_body_officials = models.BooleanField(
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Officials of EU agencies and institutions (Frontex, EUAA, Europol...) are paid "
            "the fee and the allowance like Member State experts; otherwise nothing, like "
            "Commission staff."
        ),
    )
    # Nullable for the same reason as above; empty means the fee of the day worked.
    fee_by_approval_date = models.BooleanField(
        null=True,
        blank=True,
        help_text="The daily fee and host fee of this period are paid for activities approved "
        "from its first day; an activity approved earlier keeps the fees of the rules valid on "
        "its approval date (the Commission's change of 8 March 2017).",
    )
    # Nullable for the same reason as above; empty means no.
    participant_travel_days = models.BooleanField(
        null=True,
        blank=True,
        help_text="A travelling participant's travel day outside the event gets the daily "
        "allowance in full, for half or not at all by the flight times above, like an expert's "
        "travel day for the fee; otherwise every day away is paid in full.",
    )
    is_demo = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Demonstration figures, labelled as such on every screen."),
    )
    note = models.CharField(max_length=250, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="fee_rule_ends_after_start",
            )
        ]

    def __str__(self):
        return f"Fee rules from {self.valid_from}"


class SubsistenceRate(models.Model):
    """The daily subsistence allowance of a host country, valid for a period (EUR per day)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="subsistence_rates")
    daily_amount = models.DecimalField(max_digits=8, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Demonstration figures, labelled as such on every screen."),
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="subsistence_rate_ends_after_start",
            ),
            models.UniqueConstraint("country", "valid_from", name="one_rate_per_country_and_start"),
        ]

    def __str__(self):
        return f"{self.country} from {self.valid_from}: {self.daily_amount} EUR"


class PublicHoliday(models.Model):
    """A public holiday of the Commission (Brussels): not a working day for the consultation's
    deadline, reminders and other working-day counts. One row per day, loaded per year."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=100)
    source = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day}: {self.name}"


class CountryHoliday(models.Model):
    """A public holiday of a country where events take place (a beneficiary or a Member State),
    from reference/data/country_holidays.csv (1996 to 2027, generated once from the PyPI package
    `holidays` by `manage.py write_public_holidays`)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="public_holidays")
    day = models.DateField()
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["country__name", "day"]
        constraints = [
            models.UniqueConstraint("country", "day", name="one_holiday_per_country_and_day")
        ]

    def __str__(self):
        return f"{self.country} {self.day}: {self.name}"


# Kept in its own module (who is consulted for what); imported here so Django registers it.
from .consulted_services import ConsultedService  # noqa: E402, F401
