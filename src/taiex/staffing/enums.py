"""States of an invitation and the delays of answering it."""

from django.db import models


class InvitationState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn by staff"


# An invitation in one of these states holds the expert's time.
ACTIVE_INVITATION_STATES = [InvitationState.INVITED, InvitationState.ACCEPTED]

INVITATION_VALID_DAYS = 14
REMINDER_AFTER_DAYS = 4
