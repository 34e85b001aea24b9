"""States and kinds of the expert database: verification and language levels."""

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


CV_MAX_BYTES = 5 * 1024 * 1024
