"""The NCP is the gate of its country: confirm newcomers, merge duplicates, block accounts."""

import pytest
from django.urls import reverse

from taiex.accounts import gate, services
from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.applications import services as application_services
from taiex.applications.enums import ApplicationState as S
from taiex.core.models import ActivityLog
from taiex.reference.models import Country, InstitutionKind
from tests.factories import InstitutionFactory, make_user, submittable_application

pytestmark = pytest.mark.django_db


def register(name="Office for Roma Inclusion", email="official@gov.rs", country_code="RS"):
    return services.register_applicant(
        email=email,
        full_name="Vesna Official",
        password="Belgrade-river-2026",
        position="Adviser",
        phone="",
        country=Country.objects.get(code=country_code),
        new_institution_name=name,
        new_institution_kind=InstitutionKind.objects.get(code="central-administration"),
    )


@pytest.fixture
def newcomer():
    return register()


def membership_of(user):
    return user.memberships.select_related("institution__country").get()


def waits_of(user):
    application = submittable_application(user)
    with pytest.raises(application_services.ApplicationError) as refused:
        application_services.submit_application(application, actor=user)
    application.refresh_from_db()
    assert application.state == S.DRAFT
    return refused.value.problems


def test_a_self_registered_applicant_and_institution_wait_for_the_ncp(newcomer):
    assert waits_of(newcomer) == {
        "lead_institution": [
            "Office for Roma Inclusion waits for the national contact point of Serbia to "
            "confirm it.",
            "Your account waits for the national contact point of Serbia to confirm it.",
        ]
    }


def test_an_applicant_joining_a_known_institution_waits_only_for_their_account(db):
    known = InstitutionFactory(name="Ministry of Finance")
    user = services.register_applicant(
        email="new@mfin.gov.rs",
        full_name="Petar Official",
        password="Belgrade-river-2026",
        position="",
        phone="",
        country=known.country,
        institution=known,
    )

    assert waits_of(user) == {
        "lead_institution": [
            "Your account waits for the national contact point of Serbia to confirm it."
        ]
    }


def test_once_the_ncp_confirmed_both_the_applicant_submits(newcomer, ncp):
    membership = membership_of(newcomer)
    gate.confirm_institution(membership.institution, actor=ncp)
    gate.confirm_applicant(membership, actor=ncp)

    submitted = application_services.submit_application(
        submittable_application(newcomer), actor=newcomer
    )

    assert submitted.state == S.SUBMITTED
    assert list(
        ActivityLog.objects.filter(action__in=["confirm_institution", "confirm_applicant"])
        .order_by("pk")
        .values_list("action", "actor")
    ) == [("confirm_institution", ncp.pk), ("confirm_applicant", ncp.pk)]


def test_the_ncp_of_another_country_cannot_confirm_and_nothing_changes(newcomer, ncp_albania):
    membership = membership_of(newcomer)

    with pytest.raises(gate.GateError) as refused:
        gate.confirm_institution(membership.institution, actor=ncp_albania)
    with pytest.raises(gate.GateError):
        gate.confirm_applicant(membership, actor=ncp_albania)

    membership.refresh_from_db()
    membership.institution.refresh_from_db()
    assert str(refused.value) == "Only a national contact point of Serbia may do this."
    assert (membership.confirmed_at, membership.institution.confirmed_at) == (None, None)


def test_confirming_twice_is_refused(newcomer, ncp):
    institution = membership_of(newcomer).institution
    gate.confirm_institution(institution, actor=ncp)

    with pytest.raises(gate.GateError) as refused:
        gate.confirm_institution(institution, actor=ncp)

    assert str(refused.value) == "Office for Roma Inclusion is already confirmed."


def test_the_ncp_blocks_an_applicant_of_its_country_with_a_reason(newcomer, ncp):
    blocked = gate.block_account(newcomer, actor=ncp, reason="  Not an official.  ")

    entry = ActivityLog.objects.get(action="block_account")
    assert blocked.is_active is False
    assert User.objects.get(pk=newcomer.pk).is_active is False
    assert (entry.actor, entry.note, entry.object_id) == (ncp, "Not an official.", str(newcomer.pk))


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("expert", "Eva Expert is not only an applicant of your country: ask an administrator."),
        (
            "albanian",
            "Person {n} is not only an applicant of your country: ask an administrator.",
        ),
    ],
)
def test_the_ncp_cannot_block_somebody_outside_its_country(ncp, expert, who, message):
    target = expert if who == "expert" else make_user(Role.APPLICANT, country="AL")
    logs_before = ActivityLog.objects.count()

    with pytest.raises(gate.GateError) as refused:
        gate.block_account(target, actor=ncp, reason="Spam")

    target.refresh_from_db()
    assert str(refused.value) == message.format(n=target.full_name.split()[-1])
    assert (target.is_active, ActivityLog.objects.count()) == (True, logs_before)


def test_blocking_needs_a_reason(newcomer, ncp):
    with pytest.raises(gate.GateError) as refused:
        gate.block_account(newcomer, actor=ncp, reason=" ")

    newcomer.refresh_from_db()
    assert str(refused.value) == "Give the reason for blocking the account."
    assert newcomer.is_active is True


def test_the_ncp_merges_a_duplicate_institution_into_another(newcomer, applicant, ncp):
    duplicate = membership_of(newcomer).institution
    into = membership_of(applicant).institution
    child = InstitutionFactory(name="Roma Inclusion Unit", parent=duplicate)
    draft = submittable_application(newcomer)
    partnered = submittable_application(applicant)
    partnered.partner_institutions.set([duplicate])

    merged = gate.merge_institution(duplicate, into=into, actor=ncp, reason="Same office.")

    draft.refresh_from_db()
    child.refresh_from_db()
    entry = ActivityLog.objects.get(action="merge_institution")
    assert Institution.objects.filter(pk=duplicate.pk).exists() is False
    assert (draft.lead_institution, child.parent) == (merged, merged)
    assert list(partnered.partner_institutions.all()) == [merged]
    assert sorted(
        Membership.objects.filter(institution=merged).values_list("user__email", flat=True)
    ) == sorted([applicant.email, newcomer.email])
    assert (entry.actor, entry.note, entry.data, entry.object_id) == (
        ncp,
        "Same office.",
        {"merged": "Office for Roma Inclusion"},
        str(merged.pk),
    )


def test_a_merge_keeps_one_membership_for_somebody_in_both(applicant, ncp):
    into = membership_of(applicant).institution
    duplicate = InstitutionFactory(name="Ministry of Interior (old name)")
    Membership.objects.create(user=applicant, role=Role.APPLICANT, institution=duplicate)

    gate.merge_institution(duplicate, into=into, actor=ncp, reason="Renamed.")

    assert list(applicant.memberships.values_list("institution", flat=True)) == [into.pk]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "Choose another institution to merge into."),
        ("other_country", "Only institutions of the same country can be merged."),
        ("no_reason", "Say why the institutions are the same."),
        ("other_ncp", "Only a national contact point of Serbia may do this."),
    ],
)
def test_a_merge_out_of_place_is_refused_and_changes_nothing(
    applicant, ncp, ncp_albania, case, message
):
    duplicate = membership_of(applicant).institution
    into = {
        "itself": duplicate,
        "other_country": InstitutionFactory(country=Country.objects.get(code="AL")),
    }.get(case, InstitutionFactory(name="Ministry of the Interior"))
    before = (Institution.objects.count(), ActivityLog.objects.count())

    with pytest.raises(gate.GateError) as refused:
        gate.merge_institution(
            duplicate,
            into=into,
            actor=ncp_albania if case == "other_ncp" else ncp,
            reason="" if case == "no_reason" else "Same.",
        )

    assert str(refused.value) == message
    assert (Institution.objects.count(), ActivityLog.objects.count()) == before


def gate_post(client, kind, pk, action, data=None):
    return client.post(reverse("accounts:gate_act", args=[kind, pk, action]), data or {})


def test_the_gate_page_lists_what_waits_for_the_ncp_only(client, newcomer, ncp, ncp_albania):
    register(name="Albanian Customs Office", email="x@gov.al", country_code="AL")
    client.force_login(ncp)

    response = client.get(reverse("accounts:gate"))

    assert [i.name for i, _ in response.context["institutions"]] == ["Office for Roma Inclusion"]
    assert [m.user.email for m in response.context["applicants"]] == ["official@gov.rs"]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "expert"])
def test_the_gate_page_is_only_for_ncps(client, newcomer, applicant, expert, who):
    if who != "anonymous":
        client.force_login({"applicant": applicant, "expert": expert}[who])

    page = client.get(reverse("accounts:gate"))
    action = gate_post(client, "applicant", membership_of(newcomer).pk, "confirm")

    expected = 302 if who == "anonymous" else 404
    assert (page.status_code, action.status_code) == (expected, expected)
    assert membership_of(newcomer).confirmed_at is None


def test_the_ncp_confirms_and_blocks_from_the_gate_page(client, newcomer, ncp):
    membership = membership_of(newcomer)
    client.force_login(ncp)

    confirmed = gate_post(client, "institution", membership.institution.pk, "confirm")
    blocked = gate_post(client, "account", newcomer.pk, "block", {"reason": "Not an official."})

    membership.institution.refresh_from_db()
    newcomer.refresh_from_db()
    assert (confirmed.status_code, blocked.status_code) == (302, 302)
    assert membership.institution.confirmed_at is not None
    assert newcomer.is_active is False


def test_the_ncp_merges_from_the_gate_page(client, newcomer, applicant, ncp):
    duplicate = membership_of(newcomer).institution
    into = membership_of(applicant).institution
    client.force_login(ncp)

    response = gate_post(
        client,
        "institution",
        duplicate.pk,
        "merge",
        {f"merge-{duplicate.pk}-into": into.pk, f"merge-{duplicate.pk}-reason": "Same."},
    )
    page = client.get(reverse("accounts:gate"))

    assert response.status_code == 302
    assert [str(m) for m in page.context["messages"]] == [
        f"Office for Roma Inclusion was merged into {into.name}."
    ]
    assert membership_of(newcomer).institution == into


def test_the_ncp_of_another_country_gets_404_and_nothing_changes(client, newcomer, ncp_albania):
    membership = membership_of(newcomer)
    client.force_login(ncp_albania)
    logs_before = ActivityLog.objects.count()

    responses = [
        gate_post(client, "institution", membership.institution.pk, "confirm").status_code,
        gate_post(client, "applicant", membership.pk, "confirm").status_code,
        gate_post(client, "account", newcomer.pk, "block", {"reason": "x"}).status_code,
    ]

    newcomer.refresh_from_db()
    assert responses == [404, 404, 404]
    assert (newcomer.is_active, ActivityLog.objects.count()) == (True, logs_before)
