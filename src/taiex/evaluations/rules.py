"""Who may see and act on evaluations (django-rules predicates)."""

import rules

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.events.rules import is_staff_member, may_manage


@rules.predicate
def is_expert(user):
    return roles_of(user).has(Role.EXPERT)


# Results of an event (never participants' names): the programme's staff only.
rules.add_perm("evaluations.see_event_results", is_staff_member)
# Resend a link, close early, send now, change the follow-up delay: who manages the event.
rules.add_perm("evaluations.manage_event_evaluation", may_manage)
# An expert's own averages, never who said what.
rules.add_perm("evaluations.see_own_ratings", is_expert)
