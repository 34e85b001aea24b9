"""Who may write, review and read an expert mission report, and who may download an event's
calendar: the event's own rules (rules.py) plus the event's accepted experts, who do not see the
staff pages of the event but take part in it."""

import rules

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of

from .enums import ReportState
from .rules import is_applicant_of, is_ncp_of, is_staff_member, may_manage


@rules.predicate
def is_accepted_expert_of(user, event):
    """`user` is one of the experts of `event` (they accepted its invitation)."""
    if not user.is_authenticated:
        return False
    return event.event_experts.current().filter(expert__user_id=user.pk).exists()


@rules.predicate
def holds_a_feed_role(user):
    """Experts and case handlers have a private calendar feed."""
    roles = roles_of(user)
    return roles.has(Role.EXPERT) or roles.has(Role.CASE_HANDLER)


@rules.predicate
def report_is_accepted(user, event):
    report = getattr(event, "mission_report", None)
    return report is not None and report.state == ReportState.ACCEPTED


# The experts write the report; staff who manage the event review it; every member of staff
# reads it at any state; the beneficiary side (NCP, applicant) reads it once accepted.
rules.add_perm("events.write_report", is_accepted_expert_of)
rules.add_perm("events.review_report", may_manage)
rules.add_perm(
    "events.read_report",
    is_accepted_expert_of | is_staff_member | ((is_ncp_of | is_applicant_of) & report_is_accepted),
)
# The report page itself: the above plus the beneficiary side, who learn there that the report
# is not available yet.
rules.add_perm(
    "events.open_report_page", is_accepted_expert_of | is_staff_member | is_ncp_of | is_applicant_of
)
# An event's ICS: whoever may see the event, and its accepted experts.
rules.add_perm(
    "events.download_event_calendar",
    is_accepted_expert_of | is_staff_member | is_ncp_of | is_applicant_of,
)
rules.add_perm("events.have_calendar_feed", holds_a_feed_role)
