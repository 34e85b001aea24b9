"""Who may staff events: invite experts, publish calls, answer invitations, express interest."""

import rules

from taiex.experts.rules import is_staff_member, is_verified_active_expert


@rules.predicate
def is_invited_expert(user, invitation):
    return invitation is not None and invitation.expert.user_id == user.pk


rules.add_perm("staffing.invite_experts", is_staff_member)
rules.add_perm("staffing.publish_call", is_staff_member)
rules.add_perm("staffing.answer_invitation", is_invited_expert)
rules.add_perm("staffing.view_invitation_event", is_invited_expert)
rules.add_perm("staffing.express_interest", is_verified_active_expert)
