"""States and kinds of the expert database: verification, languages, roles, invitations."""

from django.db import models


class VerificationState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "E-mail not yet confirmed"
    PENDING = "pending", "Waiting for verification"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class LanguageLevel(models.TextChoices):
    """The Common European Framework of Reference levels, in rising order."""

    A1 = "A1", "A1 (beginner)"
    A2 = "A2", "A2 (elementary)"
    B1 = "B1", "B1 (intermediate)"
    B2 = "B2", "B2 (upper intermediate)"
    C1 = "C1", "C1 (advanced)"
    C2 = "C2", "C2 (proficient)"


LEVEL_RANK = {level: rank for rank, level in enumerate(LanguageLevel.values, start=1)}


class ExpertRole(models.TextChoices):
    LEAD_EXPERT = "lead_expert", "Lead expert"
    EXPERT = "expert", "Expert"
    CHAIR = "chair", "Chair"
    SPEAKER = "speaker", "Speaker"


class InvitationState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn by staff"


# An invitation in one of these states holds the expert's time.
ACTIVE_INVITATION_STATES = [InvitationState.INVITED, InvitationState.ACCEPTED]

CV_MAX_BYTES = 5 * 1024 * 1024
INVITATION_VALID_DAYS = 14
REMINDER_AFTER_DAYS = 4
