"""What roles a user holds, read once per request and cached on the user object."""

from dataclasses import dataclass, field

from .enums import STAFF_ROLES, Role


@dataclass
class UserRoles:
    roles: set[str] = field(default_factory=set)
    institution_ids: set[int] = field(default_factory=set)
    ncp_country_ids: set[int] = field(default_factory=set)
    team_ids: set[int] = field(default_factory=set)
    consulted_service_ids: set[int] = field(default_factory=set)
    contractor_ids: set[int] = field(default_factory=set)

    @property
    def is_staff_member(self):
        return bool(self.roles & STAFF_ROLES)

    def has(self, role):
        return role in self.roles


def roles_of(user) -> UserRoles:
    """The roles of `user` (cached on the instance; anonymous users have none)."""
    if user is None or not user.is_authenticated:
        return UserRoles()
    cached = getattr(user, "_taiex_roles", None)
    if cached is not None:
        return cached
    result = UserRoles()
    for membership in user.memberships.all():
        result.roles.add(membership.role)
        if membership.role == Role.APPLICANT:
            result.institution_ids.add(membership.institution_id)
        elif membership.role == Role.NCP:
            result.ncp_country_ids.add(membership.country_id)
        elif membership.role == Role.CASE_HANDLER:
            result.team_ids.add(membership.team_id)
        elif membership.role == Role.CONSULTEE:
            result.consulted_service_ids.add(membership.consulted_service_id)
        elif membership.role == Role.LOGISTICS:
            result.contractor_ids.add(membership.contractor_id)
    if user.is_superuser:
        result.roles.add(Role.ADMINISTRATOR)
    user._taiex_roles = result
    return result


def forget_roles(user):
    user.__dict__.pop("_taiex_roles", None)
