"""Bank details of payees: an expert's (through their account), a study-visit host's or a
travelling participant's (through a signed link). Encrypted at rest; read masked except by the
role that pays."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from taiex.core.encryption import EncryptedTextField
from taiex.core.personal_data import holds_personal_data


def masked_iban(iban: str) -> str:
    """The country code and the last four characters: "DE•• •••• •••• •••• •• 3000"."""
    if not iban:
        return ""
    hidden = iban[:2] + "•" * (len(iban) - 6) + iban[-4:]
    return " ".join(hidden[index : index + 4] for index in range(0, len(hidden), 4))


@holds_personal_data("account_holder", "iban", "bic")
class BankAccount(models.Model):
    """Where the programme pays one payee: a person with an account (an expert), an institution
    (a host) or a travelling participant (who has no account: through their personal link).

    `account_holder` and `iban` are encrypted (`core.encryption`); the IBAN is stored compact
    and upper case, checked with its checksum before it is saved (`services.bank_details`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bank_account",
    )
    institution = models.OneToOneField(
        "accounts.Institution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bank_account",
    )
    participant = models.OneToOneField(
        "events.Participant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bank_account",
    )
    account_holder = EncryptedTextField()
    iban = EncryptedTextField()
    bic = EncryptedTextField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the payee used the signed link.",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, institution__isnull=True, participant__isnull=True)
                | Q(user__isnull=True, institution__isnull=False, participant__isnull=True)
                | Q(user__isnull=True, institution__isnull=True, participant__isnull=False),
                name="bank_account_has_one_owner",
            )
        ]

    def __str__(self):
        return f"Bank account {self.pk}"

    @property
    def masked_iban(self):
        return masked_iban(self.iban)

    @property
    def formatted_iban(self):
        return " ".join(self.iban[index : index + 4] for index in range(0, len(self.iban), 4))
