"""States of an invitation and the delays of answering it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn by staff")


# An invitation in one of these states holds the expert's time.
ACTIVE_INVITATION_STATES = [InvitationState.INVITED, InvitationState.ACCEPTED]

INVITATION_VALID_DAYS = 14
REMINDER_AFTER_DAYS = 4
