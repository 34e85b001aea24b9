"""The host of a study visit: a Member State administration asked to receive the visiting group,
and its answer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import HostAgreementState


class HostAgreement(models.Model):
    """One ask to one Member State administration to host one study visit, and its answer.

    asked -> agreed or declined (a reason), asked -> withdrawn (the case handler asks another
    host), agreed -> declined (the host withdraws while the event is prepared). At most one ask is
    open (asked or agreed) per event; the agreed host is also `Event.host_institution`."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="host_agreements"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="host_agreements"
    )
    state = models.CharField(
        max_length=20, choices=HostAgreementState, default=HostAgreementState.ASKED
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_email = models.EmailField(
        blank=True,
        default="",
        help_text=_(
            "Where the administration is written to about this ask (preferably a functional "
            "mailbox of its international relations office); empty when it was asked otherwise."
        ),
    )
    # The language to write to the contact address in (a code of settings.LANGUAGES): the case
    # handler picks it with the address (the page's language by default). The address belongs
    # to no account, so this is the only language it has; every e-mail to it uses it. Exported
    # and erased with the address (personal_data).
    contact_language = models.CharField(max_length=10, blank=True, default="")
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(
        blank=True, help_text="Why the host declined, or why the ask was withdrawn."
    )

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "event",
                condition=models.Q(state__in=["asked", "agreed"]),
                name="one_open_host_agreement_per_event",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["declined", "withdrawn"]) | ~models.Q(reason=""),
                name="host_agreement_closed_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.institution}"
