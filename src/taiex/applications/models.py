"""A request for assistance, its contact persons, consultations, assessment and comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taiex.accounts.models import Institution
from taiex.core.personal_data import holds_personal_data
from taiex.core.storage import private_storage
from taiex.reference.enums import AssistanceType, ConsulteeGroup, Modality, ReminderKind
from taiex.reference.models import (
    Chapter,
    ConsultedService,
    Country,
    InterpretationPairBase,
    Language,
    ThematicTeam,
    Window,
)

from .enums import ApplicationState, Opinion, Recommendation


class Application(models.Model):
    """A request for assistance, from the applicant's draft to the head of unit's decision.

    Every field but the state is optional so that a draft saves with any partial data;
    completeness and eligibility are checked at submission (eligibility.py).
    """

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    state = models.CharField(
        max_length=20, choices=ApplicationState, default=ApplicationState.DRAFT, db_index=True
    )
    assistance_type = models.CharField(max_length=20, choices=AssistanceType, blank=True)
    modality = models.CharField(max_length=20, choices=Modality, blank=True)
    title = models.CharField(max_length=250, blank=True)
    objectives = models.TextField(blank=True)
    legislation = models.TextField(blank=True, help_text=_("The EU legislation concerned."))
    keywords = models.TextField(
        blank=True,
        default="",
        help_text=_(
            "What people search for, separated by semicolons: public procurement; remedies."
        ),
    )
    original_title = models.CharField(
        max_length=250,
        blank=True,
        default="",
        help_text=_("The title in the beneficiary's language."),
    )
    original_summary = models.TextField(blank=True, default="")
    original_language = models.ForeignKey(
        Language, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    celex_numbers = models.JSONField(default=list, blank=True)
    chapters = models.ManyToManyField(Chapter, blank=True, related_name="applications")
    expected_results = models.TextField(blank=True)
    preferred_start = models.DateField(null=True, blank=True)
    preferred_end = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    participants_count = models.PositiveIntegerField(null=True, blank=True)
    participants_profile = models.TextField(blank=True)
    experts_count = models.PositiveSmallIntegerField(null=True, blank=True)
    expertise_wished = models.TextField(blank=True)
    member_state_preference = models.ManyToManyField(
        Country, blank=True, related_name="preferred_in_applications"
    )
    working_languages = models.ManyToManyField(Language, blank=True, related_name="applications")
    # A study visit: the group visits a Member State administration (the host), no expert
    # travels. The applicant names the preferred host Member State (and may name the
    # administration), or leaves the choice to the programme.
    host_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="preferred_host_in_applications",
        help_text=_("Study visits: the Member State the group would like to visit."),
    )
    host_institution_wished = models.CharField(
        max_length=250,
        blank=True,
        default="",
        help_text=_("Study visits: the administration the group would like to visit, if known."),
    )
    host_left_to_programme = models.BooleanField(
        default=False, help_text=_("Study visits: the programme chooses the host.")
    )
    # The context the assessor needs for the "link to EU law or partnership priorities" and
    # "no overlap with other assistance" criteria.
    policy_framework = models.TextField(
        blank=True,
        help_text=_("The accession or association agenda, or the partnership priority, served."),
    )
    other_assistance = models.TextField(
        blank=True,
        help_text=_(
            "Other assistance on the same subject: Twinning, other donors, earlier TAIEX events."
        ),
    )
    # The language pairs are InterpretationPair rows (`interpretation_pairs`); this note keeps
    # anything else (sign language, a session only) and the free text of before the pairs that
    # could not be read as pairs (migration 0009).
    interpretation_note = models.TextField(
        blank=True,
        help_text=_("Other interpretation needs, beyond the language pairs."),
    )
    lead_institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_applications",
    )
    partner_institutions = models.ManyToManyField(
        Institution, blank=True, related_name="partner_applications"
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The beneficiary: the country of the lead institution."),
    )
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    team = models.ForeignKey(
        ThematicTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_applications"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    consultation_deadline = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    held_from_state = models.CharField(max_length=20, choices=ApplicationState, blank=True)
    eligibility = models.JSONField(
        default=list, blank=True, help_text=_("The eligibility checks as evaluated at submission.")
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["country", "state"]),
            models.Index(fields=["team", "state"]),
            # The latest change of any request: the version of the managers' figures.
            models.Index(fields=["updated_at"], name="application_updated_at"),
        ]

    def __str__(self):
        return self.reference or gettext("Draft %(number)s") % {"number": self.pk}

    @property
    def label(self):
        return f"{self} {self.title}".strip()

    @property
    def duration_days(self):
        if self.preferred_start and self.preferred_end:
            return (self.preferred_end - self.preferred_start).days + 1
        return None


@holds_personal_data("name", "position", "email", "phone")
class ContactPerson(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    position = models.CharField(max_length=150, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class InterpretationPair(InterpretationPairBase):
    """A language pair the request asks to interpret (reference.InterpretationPairBase)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interpretation_pairs"
    )

    class Meta(InterpretationPairBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["application", "source", "target"], name="one_request_pair_per_direction"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="request_pair_two_languages"
            ),
        ]


class Consultation(models.Model):
    """The opinion of one consulted service on a forwarded request."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    service = models.ForeignKey(
        ConsultedService,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
        help_text=_("Empty only on consultations recorded before services had scopes."),
    )
    group = models.CharField(max_length=20, choices=ConsulteeGroup)
    opinion = models.CharField(max_length=20, choices=Opinion, default=Opinion.PENDING)
    comment = models.TextField(blank=True)
    deadline = models.DateTimeField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    round = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["application", "round", "group", "service_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round", "service"], name="one_opinion_per_service_and_round"
            ),
            models.CheckConstraint(
                condition=~Q(opinion="objection") | ~Q(comment=""),
                name="objection_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.service_name}"

    @property
    def service_name(self):
        return self.service.name if self.service_id else self.get_group_display()


class Assessment(models.Model):
    """The case handler's proposal for the planning meeting."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    recommendation = models.CharField(max_length=10, choices=Recommendation)
    criteria = models.JSONField(default=dict, help_text=_("Criterion code -> met (true/false)."))
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.application}: {self.get_recommendation_display()}"


class Comment(models.Model):
    """A message in the thread between the applicant, the NCP and the programme staff."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="application_comments"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author} on {self.application}"


class CountryConfirmation(models.Model):
    """In a multi-country request, the NCP of a partner country confirmed its country's
    institutions; the request is forwarded only when every partner country has confirmed."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="country_confirmations"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "country"], name="one_confirmation_per_country"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.country} confirmed"


def attachment_path(attachment, filename):
    # The stored name never reuses the uploaded one (it could be anything); the original name
    # is kept in its own column for the download.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"requests/{attachment.application_id}/{timezone.now():%Y%m%d%H%M%S%f}.{extension}"


class Attachment(models.Model):
    """A document joined to a request (a draft agenda, a draft law), stored privately and
    downloaded only through a permission-checked view."""

    class Kind(models.TextChoices):
        DRAFT_AGENDA = "draft_agenda", _("Draft agenda")
        DRAFT_LAW = "draft_law", _("Draft law")
        OTHER = "other", _("Other document")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.original_name}"


class Reminder(models.Model):
    """A reminder sent about a request that waits too long: at most one per wait and kind,
    held by the constraints (the NCP's check of one submission and the assessment after one
    forwarding by the request and the start of the wait; a consultation by its row), so a
    second worker or a retried round that tries again gets an IntegrityError and sends nothing.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind)
    since = models.DateTimeField(
        help_text=_(
            "The start of the wait: the submission, the forwarding, or the consultation's deadline."
        )
    )
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "since"],
                condition=Q(consultation__isnull=True),
                name="one_reminder_per_request_wait",
            ),
            models.UniqueConstraint(
                fields=["consultation", "kind"],
                condition=Q(consultation__isnull=False),
                name="one_reminder_per_consultation",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()} on {self.due_on}"
