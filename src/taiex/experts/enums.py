"""States and kinds of the expert database: verification and language levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail not yet confirmed")
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class LanguageLevel(models.TextChoices):
    """The Common European Framework of Reference levels, in rising order."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")


LEVEL_RANK = {level: rank for rank, level in enumerate(LanguageLevel.values, start=1)}


CV_MAX_BYTES = 5 * 1024 * 1024
