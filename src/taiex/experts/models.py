"""The expert database: Member State officials, their languages and availability. It knows
nothing of events: calls, invitations and the ranking are in `staffing`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from taiex.accounts.models import Institution
from taiex.core.personal_data import holds_personal_data
from taiex.core.storage import private_storage  # CVs are private files
from taiex.reference.models import Chapter, Country, Language

from .enums import LanguageLevel, VerificationState


def cv_path(expert, filename):
    return f"cv/{expert.pk or 'new'}/{timezone.now():%Y%m%d%H%M%S}.pdf"


# The institution kind of the officials of EU agencies and institutions (reference data).
EU_BODY_KIND = "eu-body"


@holds_personal_data(
    "position",
    "expertise",
    "keywords",
    "cv",
    "years_of_experience",
    "privacy_consent_at",
    "passport_name",
)
class Expert(models.Model):
    """A public official of an EU Member State administration, registered to share expertise.

    The person's name and e-mail are on the user; this row holds the professional profile.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert"
    )
    member_state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="experts")
    employer = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="experts", null=True, blank=True
    )
    position = models.CharField(max_length=200, blank=True)
    # The name as written in the travel document, entered by the expert for the logistics
    # contractor's bookings (`events.services.passport_names`).
    passport_name = models.CharField(max_length=200, blank=True)
    years_of_experience = models.PositiveSmallIntegerField(default=0)
    expertise = models.TextField(blank=True, help_text="The expertise, in the expert's words.")
    keywords = models.CharField(max_length=500, blank=True, help_text="Comma-separated.")
    chapters = models.ManyToManyField(Chapter, blank=True, related_name="experts")
    cv = models.FileField(storage=private_storage, upload_to=cv_path, blank=True)
    privacy_consent_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    verification_state = models.CharField(
        max_length=20,
        choices=VerificationState,
        default=VerificationState.UNCONFIRMED,
        db_index=True,
    )
    verification_reason = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True, help_text="False once the expert deactivated.")
    is_eu_staff = models.BooleanField(
        default=False,
        help_text="Commission staff or a seconded national expert: receives no fee and no "
        "allowance.",
    )
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__full_name", "id"]
        indexes = [
            models.Index(fields=["verification_state", "is_active", "member_state"]),
            # The ranking's term index re-reads the profiles saved since its last look.
            models.Index(fields=["updated_at"], name="expert_updated_at_idx"),
        ]

    def __str__(self):
        return self.user.full_name if self.user_id else f"Expert {self.pk}"

    @property
    def is_eu_body_official(self):
        """Employed by an EU agency or institution (Frontex, EUAA, Europol...): paid by the
        dated fee rule's `pays_eu_body_officials`."""
        return self.employer is not None and self.employer.kind.code == EU_BODY_KIND

    @property
    def keyword_list(self):
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class ExpertLanguage(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=2, choices=LanguageLevel)

    class Meta:
        ordering = ["language__name"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "language"], name="one_level_per_language")
        ]

    def __str__(self):
        return f"{self.language} {self.level}"


class Unavailability(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="unavailabilities")
    start = models.DateField()
    end = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "unavailabilities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="unavailability_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.start} to {self.end}"
