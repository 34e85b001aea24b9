"""States and kinds of a request for assistance."""

from django.db import models


class ApplicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to the NCP"
    RETURNED = "returned", "Returned for correction"
    CONSULTATION = "consultation", "In consultation"
    ASSESSMENT = "assessment", "In assessment"
    PROPOSED = "proposed", "Proposed for decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ON_HOLD = "on_hold", "On hold"


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
    PENDING = "pending", "Awaiting an answer"
    NO_OBJECTION = "no_objection", "No objection"
    OBJECTION = "objection", "Objection"
    SILENT = "silent", "No answer (no objection)"


class Recommendation(models.TextChoices):
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"


class Criterion(models.TextChoices):
    """The standard criteria of the planning meeting."""

    ELIGIBILITY = "eligibility", "Eligibility of the applicant and the country"
    LINK_TO_EU_LAW = "link_to_eu_law", "Link to EU law or to the partnership priorities"
    CLARITY = "clarity", "Clarity and feasibility of the request"
    NO_OVERLAP = "no_overlap", "No overlap with other assistance"
    TIMING = "timing", "Realistic timing and organisation"


CONSULTATION_WORKING_DAYS = 5
