"""The ranking page as staff read it: experts with the same name told apart by Member State
and employer, the Invite form right after the expert's name."""

import re

import pytest
from django.urls import reverse

from taiex.reference.models import Country
from tests.factories import ExpertFactory, InstitutionFactory, UserFactory
from tests.staffing.ranking_fixtures import asylum_event

pytestmark = pytest.mark.django_db


def namesake(code, employer, email):
    country = Country.objects.get(code=code)
    return ExpertFactory(
        user=UserFactory(full_name="Ana Horvat", email=email),
        member_state=country,
        employer=InstitutionFactory(name=employer, country=country),
        expertise="Asylum procedures and asylum interviews.",
    )


def test_namesakes_are_told_apart_and_invite_comes_right_after_the_name(client, case_handler):
    event = asylum_event()
    namesake("HR", "Ministry of Justice", "ana@mprav.hr")
    namesake("SI", "Police Directorate", "ana@policija.si")
    client.force_login(case_handler)

    page = client.get(reverse("staffing:ranking", args=[event.pk])).content.decode()

    cells = re.findall(r'<th scope="row" class="ranking-expert">(.*?)</th>', page, re.S)
    text = sorted(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells)
    assert text == [
        "Ana HorvatCroatia · Ministry of Justice",
        "Ana HorvatSlovenia · Police Directorate",
    ]
    headers = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert headers[:4] == ["Rank", "Expert", "Invite", "Score"]
    assert len(headers) == 10
    assert page.count('<span class="visually-hidden"> Ana Horvat</span></button>') == 2
