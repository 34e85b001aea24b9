"""What waits for each role, as home sections (`sections.Section`), oldest or most urgent first.

Each role's function reads through the apps' own queries where they exist, so the home and the
lists agree on what "waiting" means; the rest are plain filters on the apps' models, read only."""

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of

from .beneficiaries import applicant_sections, consultee_sections, ncp_sections
from .casework import case_handler_sections, head_of_unit_sections
from .experts import expert_sections
from .logistics import contractor_sections
from .sections import with_working_days

SECTIONS_OF_ROLE = {
    Role.NCP: ncp_sections,
    Role.CONSULTEE: consultee_sections,
    Role.CASE_HANDLER: case_handler_sections,
    Role.HEAD_OF_UNIT: head_of_unit_sections,
    Role.EXPERT: expert_sections,
    Role.APPLICANT: applicant_sections,
    Role.LOGISTICS: contractor_sections,
}


def waiting_for(user):
    """The sections of every role `user` holds, in the order of SECTIONS_OF_ROLE."""
    roles = roles_of(user)
    sections = [
        built
        for role, sections_of in SECTIONS_OF_ROLE.items()
        if roles.has(role)
        for built in sections_of(user)
    ]
    return with_working_days(sections)
