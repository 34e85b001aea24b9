"""The expert's own profile: editing, deactivation, data download and erasure."""

import json
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.experts.models import Expert
from taiex.experts.services.personal_data import erase_expert
from taiex.reference.models import Country, InstitutionKind, Language
from taiex.staffing.models import Invitation
from tests.factories import EventFactory, ExpertFactory, InstitutionFactory

PDF = b"%PDF-1.4\n% a tiny CV\n%%EOF\n"


@pytest.fixture
def eva(db):
    expert = ExpertFactory(user__full_name="Eva Novak", user__email="eva@gov.si")
    expert.cv.save("cv.pdf", ContentFile(PDF), save=True)
    return expert


def invite(expert, by, reference="WS-2025-0100"):
    return Invitation.objects.create(
        event=EventFactory(reference=reference),
        expert=expert,
        role="expert",
        state="accepted",
        invited_by=by,
        expires_at=timezone.now(),
    )


def profile_post(expert, **changes):
    return {
        "employer": expert.employer_id,
        "position": "Director",
        "years_of_experience": "15",
        "expertise": "Reception of asylum seekers.",
        "keywords": "reception",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": Language.objects.get(code="fr").pk,
        "languages-0-level": "B2",
        "unavailabilities-TOTAL_FORMS": "1",
        "unavailabilities-INITIAL_FORMS": "0",
        "unavailabilities-0-start": "2026-09-01",
        "unavailabilities-0-end": "2026-09-10",
        "unavailabilities-0-note": "Conference",
        **changes,
    }


def test_profile_page_saves_the_profile(client, eva):
    client.force_login(eva.user)

    response = client.post(reverse("experts:profile"), profile_post(eva))

    assert response.status_code == 302
    eva.refresh_from_db()
    assert (eva.position, eva.years_of_experience, eva.keywords) == ("Director", 15, "reception")
    assert [(row.language.code, row.level) for row in eva.languages.all()] == [("fr", "B2")]
    assert [(u.start, u.end, u.note) for u in eva.unavailabilities.all()] == [
        (date(2026, 9, 1), date(2026, 9, 10), "Conference")
    ]
    assert ActivityLog.objects.get(action="update_profile").data == {
        "fields": ["position", "years_of_experience", "expertise", "keywords"]
    }


def test_profile_page_refuses_a_period_that_ends_before_it_starts(client, eva):
    client.force_login(eva.user)

    response = client.post(
        reverse("experts:profile"),
        profile_post(eva, **{"unavailabilities-0-end": "2026-08-01"}),
    )

    assert response.status_code == 200
    assert response.context["unavailabilities"].errors == [
        {"end": ["The period ends before it starts: the end must be on or after the start."]}
    ]
    eva.refresh_from_db()
    assert eva.position == "Senior adviser"
    assert eva.unavailabilities.count() == 0


def test_profile_page_replaces_the_cv(client, eva):
    client.force_login(eva.user)
    old_name = eva.cv.name
    upload = SimpleUploadedFile("new.pdf", b"%PDF-1.7 new", content_type="application/pdf")

    response = client.post(reverse("experts:profile"), profile_post(eva, cv=upload))

    assert response.status_code == 302
    eva.refresh_from_db()
    with eva.cv.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 new"
    assert eva.cv.name != old_name


def test_profile_page_lists_only_the_employers_of_the_experts_member_state(client, eva):
    slovenia, croatia = Country.objects.get(code="SI"), Country.objects.get(code="HR")
    public = InstitutionKind.objects.get(code="central-administration")
    InstitutionFactory(name="Agency for Migration", country=slovenia, kind=public)
    InstitutionFactory(name="Ministry of Justice of Croatia", country=croatia, kind=public)
    InstitutionFactory(name="Serbian Ministry", country=Country.objects.get(code="RS"))
    InstitutionFactory(
        name="Consulting Ltd",
        country=slovenia,
        kind=InstitutionKind.objects.get(code="private-company"),
    )
    client.force_login(eva.user)

    response = client.get(reverse("experts:profile"))

    widget = response.context["form"].fields["employer"].widget
    employers = [label for value, label in widget.choices if value]
    assert employers == sorted(
        ["Agency for Migration (Slovenia)", f"{eva.employer.name} (Slovenia)"]
    )
    html = response.content.decode()
    assert "Ministry of Justice of Croatia" not in html
    assert "data-country-from" not in html
    select = re.search(r'<select name="employer".*?</select>', html, re.DOTALL).group()
    selected = re.findall(r"<option [^>]*\bselected\b[^>]*>([^<]*)</option>", select)
    assert selected == [f"{eva.employer.name} (Slovenia)"]


def test_profile_page_refuses_an_employer_of_another_member_state(client, eva):
    croatian = InstitutionFactory(
        name="Ministry of Justice of Croatia", country=Country.objects.get(code="HR")
    )
    before = eva.employer_id
    client.force_login(eva.user)

    response = client.post(reverse("experts:profile"), profile_post(eva, employer=croatian.pk))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "employer": [
            "Ministry of Justice of Croatia is an institution of Croatia, not of Slovenia. "
            "Pick an institution of your Member State."
        ]
    }
    eva.refresh_from_db()
    assert (eva.employer_id, eva.position) == (before, "Senior adviser")
    assert not ActivityLog.objects.filter(action="update_profile").exists()


def test_profile_page_is_not_found_without_an_expert_profile(client, applicant):
    client.force_login(applicant)

    response = client.get(reverse("experts:profile"))

    assert response.status_code == 404


def test_deactivation_keeps_the_account_and_logs(client, eva):
    client.force_login(eva.user)

    response = client.post(reverse("experts:deactivate"))

    assert response.status_code == 302
    eva.refresh_from_db()
    assert (eva.is_active, eva.user.is_active) == (False, True)
    assert list(ActivityLog.objects.values_list("actor", "action")) == [(eva.user_id, "deactivate")]


def test_my_data_has_profile_languages_and_invitations(client, eva, case_handler):
    invite(eva, case_handler)
    client.force_login(eva.user)

    response = client.get(reverse("experts:my_data"))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert {key: data["account"][key] for key in ("email", "full_name")} == {
        "email": "eva@gov.si",
        "full_name": "Eva Novak",
    }
    assert {
        key: data["profile"][key]
        for key in ("member_state", "position", "keywords", "verification_state", "cv")
    } == {
        "member_state": "SI",
        "position": "Senior adviser",
        "keywords": ["asylum", "reception"],
        "verification_state": "verified",
        "cv": eva.cv.name,
    }
    assert data["languages"] == [{"language": "en", "level": "C1"}]
    assert data["unavailabilities"] == []
    assert [(i["event"], i["role"], i["state"]) for i in data["invitations"]] == [
        ("WS-2025-0100", "expert", "accepted")
    ]
    assert data["interests"] == []


def test_erasure_needs_the_confirmation(client, eva):
    client.force_login(eva.user)

    response = client.post(reverse("experts:erase"), {})

    assert response.status_code == 200
    eva.refresh_from_db()
    assert eva.erased_at is None
    assert eva.user.full_name == "Eva Novak"


def test_erasure_removes_name_mail_and_cv_but_keeps_the_invitations(
    client, eva, case_handler, django_capture_on_commit_callbacks
):
    invite(eva, case_handler)
    invite(eva, case_handler, reference="WS-2025-0101")
    storage, cv_name = eva.cv.storage, eva.cv.name
    client.force_login(eva.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("experts:erase"), {"confirm": "on"})

    assert response.status_code == 302
    expert = Expert.objects.select_related("user").get(pk=eva.pk)
    user = expert.user
    assert (user.full_name, user.email, user.is_active, user.has_usable_password()) == (
        f"Erased expert {expert.pk}",
        f"erased-{expert.pk}@invalid",
        False,
        False,
    )
    assert (expert.position, expert.expertise, expert.keywords, expert.cv.name) == ("", "", "", "")
    assert expert.erased_at is not None
    assert storage.exists(cv_name) is False
    assert expert.languages.count() == 0
    assert expert.invitations.count() == 2
    assert not ActivityLog.objects.filter(object_repr__contains="Eva Novak").exists()
    assert ActivityLog.objects.filter(action="erase").count() == 1


def test_erase_expert_twice_changes_nothing_more(eva):
    erase_expert(eva, actor=eva.user)

    erase_expert(Expert.objects.get(pk=eva.pk), actor=eva.user)

    assert ActivityLog.objects.filter(action="erase").count() == 1
