from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.reference.models import Country
from tests.factories import InstitutionFactory, make_user


def newcomer(code, name, *, days_ago=1):
    """An institution of country `code` with one applicant, both registered `days_ago`."""
    when = timezone.now() - timedelta(days=days_ago)
    institution = InstitutionFactory(
        name=f"Institution of {name}", country=Country.objects.get(code=code), created_at=when
    )
    user = make_user(Role.APPLICANT, institution=institution, full_name=name)
    user.memberships.update(created_at=when)
    institution.created_by = user
    institution.save()
    return institution


def test_ncp_of_serbia_sees_serbian_newcomers_newest_first_and_not_albanian_ones(client, ncp):
    newcomer("RS", "Older Serb", days_ago=30)
    newcomer("RS", "Newer Serb", days_ago=2)
    newcomer("RS", "Too old Serb", days_ago=91)
    newcomer("AL", "Albanian", days_ago=2)
    client.force_login(ncp)

    response = client.get(reverse("accounts:new_people"))

    assert [i.name for i in response.context["institutions_page"]] == [
        "Institution of Newer Serb",
        "Institution of Older Serb",
    ]
    assert [m.user.full_name for m in response.context["applicants_page"]] == [
        "Newer Serb",
        "Older Serb",
    ]
    html = response.content.decode()
    assert "Institution of Newer Serb" in html
    assert "Albanian" not in html
    assert "Too old Serb" not in html


def test_ncp_of_albania_sees_albanian_newcomers_only(client, ncp_albania):
    newcomer("RS", "Serb")
    newcomer("AL", "Albanian")
    client.force_login(ncp_albania)

    response = client.get(reverse("accounts:new_people"))

    assert [i.name for i in response.context["institutions_page"]] == ["Institution of Albanian"]
    assert [m.user.full_name for m in response.context["applicants_page"]] == ["Albanian"]


def test_new_people_page_paginates_with_independent_pages(client, ncp):
    for number in range(27):
        newcomer("RS", f"Serb {number:02d}", days_ago=1 + number)
    client.force_login(ncp)

    response = client.get(reverse("accounts:new_people"), {"institutions": 2})

    assert [i.name for i in response.context["institutions_page"]] == [
        "Institution of Serb 25",
        "Institution of Serb 26",
    ]
    assert response.context["applicants_page"].number == 1
    assert '<a href="?institutions=1" rel="prev">Previous</a>' in response.content.decode()
    assert '<a href="?institutions=2&amp;applicants=2" rel="next">Next</a>' in (
        response.content.decode()
    )


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:new_people"))
    assert response.status_code == 200
    return len(queries)


def test_new_people_page_costs_the_same_queries_for_one_and_three_items(client, ncp):
    client.force_login(ncp)
    newcomer("RS", "First")
    one = count_queries(client)

    newcomer("RS", "Second")
    newcomer("RS", "Third")
    three = count_queries(client)

    assert one == three
