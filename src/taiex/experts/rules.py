"""Who may do what in the expert database (django-rules predicates)."""

import rules

from taiex.accounts.roles import roles_of

from .enums import VerificationState


@rules.predicate
def is_staff_member(user):
    return roles_of(user).is_staff_member


@rules.predicate
def is_the_expert(user, expert):
    return expert is not None and expert.user_id == user.pk


@rules.predicate
def is_verified_active_expert(user):
    expert = getattr(user, "expert", None) if user.is_authenticated else None
    return bool(
        expert
        and expert.is_active
        and expert.erased_at is None
        and expert.verification_state == VerificationState.VERIFIED
    )


# Personal data of an expert (contact details, CV, languages, availability): staff and the
# expert. NCPs and applicants see the experts of their own events by name, Member State and
# role only, through the event pages.
rules.add_perm("experts.view_expert", is_staff_member | is_the_expert)
rules.add_perm("experts.view_cv", is_staff_member | is_the_expert)
rules.add_perm("experts.change_expert", is_the_expert)
rules.add_perm("experts.verify_expert", is_staff_member)
rules.add_perm("experts.search_experts", is_staff_member)
