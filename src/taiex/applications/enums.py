"""States and kinds of a request for assistance."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the NCP")
    RETURNED = "returned", _("Returned for correction")
    CONSULTATION = "consultation", _("In consultation")
    ASSESSMENT = "assessment", _("In assessment")
    PROPOSED = "proposed", _("Proposed for decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ON_HOLD = "on_hold", _("On hold")


OPEN_STATES = {
    ApplicationState.SUBMITTED,
    ApplicationState.RETURNED,
    ApplicationState.CONSULTATION,
    ApplicationState.ASSESSMENT,
    ApplicationState.PROPOSED,
    ApplicationState.ON_HOLD,
}
HOLDABLE_STATES = [
    ApplicationState.SUBMITTED,
    ApplicationState.CONSULTATION,
    ApplicationState.ASSESSMENT,
    ApplicationState.PROPOSED,
]


class Opinion(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    NO_OBJECTION = "no_objection", _("No objection")
    OBJECTION = "objection", _("Objection")
    SILENT = "silent", _("No answer (no objection)")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class Criterion(models.TextChoices):
    """The standard criteria of the planning meeting."""

    ELIGIBILITY = "eligibility", _("Eligibility of the applicant and the country")
    LINK_TO_EU_LAW = "link_to_eu_law", _("Link to EU law or to the partnership priorities")
    CLARITY = "clarity", _("Clarity and feasibility of the request")
    NO_OVERLAP = "no_overlap", _("No overlap with other assistance")
    TIMING = "timing", _("Realistic timing and organisation")


CONSULTATION_WORKING_DAYS = 5
