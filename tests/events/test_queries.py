from taiex.accounts.enums import Role
from taiex.accounts.models import Membership
from taiex.events.queries import events_visible_to
from taiex.reference.models import Country
from tests.factories import ApplicationFactory, EventFactory, make_user


def references(user):
    return sorted(events_visible_to(user).values_list("reference", flat=True))


def test_events_visible_to_each_role(
    event, applicant, ncp, ncp_albania, expert, case_handler, other_applicant
):
    albanian = EventFactory(reference="WS-2025-0100", beneficiary=Country.objects.get(code="AL"))
    regional = EventFactory(reference="WS-2025-0101", beneficiary=Country.objects.get(code="ME"))
    regional.other_beneficiaries.set([Country.objects.get(code="AL")])
    colleague = make_user(Role.APPLICANT, institution=event.application.lead_institution)

    assert references(case_handler) == ["WS-2025-0100", "WS-2025-0101", "WS-2026-0042"]
    assert references(applicant) == ["WS-2026-0042"]  # created the request
    assert references(colleague) == ["WS-2026-0042"]  # same lead institution
    assert references(ncp) == ["WS-2026-0042"]
    assert references(ncp_albania) == [albanian.reference, regional.reference]
    assert references(expert) == []
    assert references(other_applicant) == []


def test_events_visible_to_an_applicant_whose_membership_ended(event, applicant):
    Membership.objects.filter(user=applicant).delete()
    other = ApplicationFactory(lead_institution=event.application.lead_institution)
    EventFactory(reference="WS-2025-0200", application=other)

    assert references(applicant) == ["WS-2026-0042"]


def test_events_visible_to_anonymous_is_empty(event):
    from django.contrib.auth.models import AnonymousUser

    assert references(AnonymousUser()) == []
