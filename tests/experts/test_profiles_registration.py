"""Expert registration: the happy path with its confirmation link, and every refusal of issue 3
with its message, its field and nothing stored."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.core.models import ActivityLog
from taiex.experts.enums import CV_MAX_BYTES
from taiex.experts.models import Expert
from taiex.experts.services.profiles import (
    ExpertError,
    confirm_expert_email,
    register_expert,
)
from taiex.reference.models import Chapter, Country, InstitutionKind, Language
from tests.factories import InstitutionFactory, UserFactory

PDF = b"%PDF-1.4\n% a tiny CV\n%%EOF\n"
ONLY_PUBLIC_OFFICIALS = (
    "Only officials of public administrations of EU Member States can register as experts; "
    "private consultants and freelancers are not eligible (European Ombudsman case "
    "377/2021/VS)."
)


def pdf(content=PDF, name="cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def slovenia(db):
    return Country.objects.get(code="SI")


@pytest.fixture
def ministry(slovenia):
    return InstitutionFactory(name="Ministry of the Interior", country=slovenia)


def arguments(member_state, employer, **changes):
    return {
        "email": "Eva.Novak@gov.si",
        "full_name": "Eva Novak",
        "password": "a long enough password 42",
        "member_state": member_state,
        "employer": employer,
        "position": "Head of the asylum division",
        "years_of_experience": 12,
        "expertise": "Asylum procedures and reception.",
        "keywords": "asylum, reception",
        "chapters": [Chapter.objects.get(number=24)],
        "languages": [
            (Language.objects.get(code="en"), "C1"),
            (Language.objects.get(code="sl"), "C2"),
        ],
        "unavailabilities": [],
        "cv": pdf(),
        "privacy_consent": True,
        **changes,
    }


def counts():
    return (User.objects.count(), Expert.objects.count(), Institution.objects.count())


def test_register_expert_stores_everything_and_sends_the_confirmation_link(
    client, slovenia, ministry, django_capture_on_commit_callbacks
):
    period = (date(2026, 8, 1), date(2026, 8, 15), "Holiday")
    with django_capture_on_commit_callbacks(execute=True):
        expert = register_expert(**arguments(slovenia, ministry, unavailabilities=[period]))

    expert.refresh_from_db()
    user = expert.user
    assert (user.email, user.full_name, user.is_active) == ("eva.novak@gov.si", "Eva Novak", True)
    assert user.check_password("a long enough password 42")
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == [
        Role.EXPERT
    ]
    assert expert.member_state == slovenia
    assert expert.employer == ministry
    assert expert.position == "Head of the asylum division"
    assert expert.years_of_experience == 12
    assert expert.keyword_list == ["asylum", "reception"]
    assert [c.number for c in expert.chapters.all()] == [24]
    assert [(row.language.code, row.level) for row in expert.languages.all()] == [
        ("en", "C1"),
        ("sl", "C2"),
    ]
    assert [(u.start, u.end, u.note) for u in expert.unavailabilities.all()] == [period]
    assert expert.verification_state == "unconfirmed"
    assert expert.privacy_consent_at is not None
    assert expert.email_confirmed_at is None
    with expert.cv.open("rb") as stored:
        assert stored.read() == PDF
    assert expert.cv.name.startswith(f"cv/{expert.pk}/")
    assert list(ActivityLog.objects.filter(actor=user).values_list("action", flat=True)) == [
        "register",
        "register",
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["eva.novak@gov.si"], "[taiex] Confirm your e-mail address")
    ]
    link = re.search(r"http://\S+(/experts/confirm/\S+/)", mail.outbox[0].body).group(1)

    page = client.get(link)
    expert.refresh_from_db()
    assert (page.status_code, expert.verification_state) == (200, "unconfirmed")
    assert "Confirm my e-mail address" in page.content.decode()

    response = client.post(link)

    expert.refresh_from_db()
    assert response.status_code == 200
    assert "Your e-mail address is confirmed" in response.content.decode()
    assert expert.verification_state == "pending"
    assert expert.email_confirmed_at is not None
    assert (
        ActivityLog.objects.filter(
            action="confirm_email", from_state="unconfirmed", to_state="pending"
        ).count()
        == 1
    )


def test_confirm_expert_email_refuses_an_altered_link(slovenia, ministry):
    expert = register_expert(**arguments(slovenia, ministry))

    with pytest.raises(ExpertError) as refusal:
        confirm_expert_email(f"{expert.user_id}:forged:signature")

    assert refusal.value.problems == {
        "token": ["This confirmation link is not valid. Copy the whole link from the e-mail."]
    }
    expert.refresh_from_db()
    assert expert.verification_state == "unconfirmed"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"cv": pdf(b"GIF89a not a pdf", name="cv.pdf")},
            "cv",
            "The CV must be a PDF file; this file is not a PDF. Save your CV as PDF and send "
            "it again.",
        ),
        (
            {"cv": pdf(PDF, content_type="image/png")},
            "cv",
            "The CV must be a PDF file; this file is not a PDF. Save your CV as PDF and send "
            "it again.",
        ),
        (
            {"cv": pdf(PDF + b"0" * CV_MAX_BYTES)},
            "cv",
            "The CV is 5.0 MB; the limit is 5 MB. Send a shorter PDF.",
        ),
        (
            {"privacy_consent": False},
            "privacy_consent",
            "Agree to the privacy notice: without it taiex cannot keep your profile.",
        ),
        (
            {"languages": []},
            "languages",
            "Give at least one language you can work in, with your level.",
        ),
    ],
    ids=["not-a-pdf", "wrong-content-type", "too-large", "no-consent", "no-language"],
)
def test_register_expert_refuses_and_stores_nothing(slovenia, ministry, changes, field, message):
    before = counts()

    with pytest.raises(ExpertError) as refusal:
        register_expert(**arguments(slovenia, ministry, **changes))

    assert refusal.value.problems == {field: [message]}
    assert counts() == before


def test_register_expert_refuses_a_private_company_employer(slovenia):
    company = InstitutionFactory(
        name="Balkan Consulting d.o.o.",
        country=slovenia,
        kind=InstitutionKind.objects.get(code="private-company"),
    )
    before = counts()

    with pytest.raises(ExpertError) as refusal:
        register_expert(**arguments(slovenia, company))

    assert refusal.value.problems == {
        "employer": [f"Balkan Consulting d.o.o. is a private company. {ONLY_PUBLIC_OFFICIALS}"]
    }
    assert counts() == before


def test_register_expert_refuses_a_new_employer_of_a_freelancer_kind(slovenia):
    before = counts()

    with pytest.raises(ExpertError) as refusal:
        register_expert(
            **arguments(
                slovenia,
                None,
                new_employer_name="Eva Novak Consulting",
                new_employer_kind=InstitutionKind.objects.get(code="private-person"),
            )
        )

    assert refusal.value.problems == {
        "new_employer_kind": [f"A private person cannot employ experts. {ONLY_PUBLIC_OFFICIALS}"]
    }
    assert counts() == before


def test_register_expert_refuses_a_country_that_is_not_a_member_state(db):
    serbia = Country.objects.get(code="RS")
    serbian_ministry = InstitutionFactory(country=serbia)
    before = counts()

    with pytest.raises(ExpertError) as refusal:
        register_expert(**arguments(serbia, serbian_ministry))

    assert refusal.value.problems == {
        "member_state": [f"Serbia is not an EU Member State. {ONLY_PUBLIC_OFFICIALS}"]
    }
    assert counts() == before


def test_register_expert_with_a_taken_e_mail_stores_nothing_and_writes_to_its_owner(
    slovenia, ministry, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="eva.novak@gov.si")
    before = counts()

    with django_capture_on_commit_callbacks(execute=True):
        result = register_expert(**arguments(slovenia, ministry, email="EVA.Novak@GOV.si"))

    assert result is None
    assert counts() == before
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["eva.novak@gov.si"], "[taiex] Somebody tried to register with your e-mail address")
    ]
    assert "Somebody asked to register as an expert on taiex with this e-mail address" in (
        mail.outbox[0].body
    )
    attempts = ActivityLog.objects.filter(action="registration_attempt")
    assert list(attempts.values_list("object_id", flat=True)) == [str(owner.pk)]


def test_registration_page_answers_the_same_for_a_taken_e_mail(
    client, slovenia, ministry, django_capture_on_commit_callbacks
):
    UserFactory(email="eva.novak@gov.si")
    before = counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("experts:register"), registration_post(slovenia, ministry, pdf())
        )

    assert (response.status_code, response.url) == (302, reverse("experts:registered"))
    assert counts() == before
    assert [message.subject for message in mail.outbox] == [
        "[taiex] Somebody tried to register with your e-mail address"
    ]


def test_register_expert_creates_a_new_public_employer(
    slovenia, django_capture_on_commit_callbacks
):
    kind = InstitutionKind.objects.get(code="local-authority")

    expert = register_expert(
        **arguments(
            slovenia,
            None,
            new_employer_name="  Municipality  of Ljubljana ",
            new_employer_kind=kind,
            cv=None,
        )
    )

    employer = expert.employer
    assert (employer.name, employer.country, employer.kind, employer.created_by) == (
        "Municipality of Ljubljana",
        slovenia,
        kind,
        expert.user,
    )
    assert not expert.cv


def registration_post(member_state, employer, cv):
    return {
        "full_name": "Eva Novak",
        "email": "eva.novak@gov.si",
        "member_state": member_state.pk,
        "employer": employer.pk,
        "position": "Head of the asylum division",
        "years_of_experience": "12",
        "expertise": "Asylum procedures.",
        "keywords": "asylum",
        "chapters": [Chapter.objects.get(number=24).pk],
        "cv": cv,
        "password": "a long enough password 42",
        "password_confirmation": "a long enough password 42",
        "privacy_consent": "on",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": Language.objects.get(code="en").pk,
        "languages-0-level": "B2",
        "languages-1-language": "",
        "languages-1-level": "",
        "unavailabilities-TOTAL_FORMS": "1",
        "unavailabilities-INITIAL_FORMS": "0",
        "unavailabilities-0-start": "",
        "unavailabilities-0-end": "",
        "unavailabilities-0-note": "",
    }


def test_registration_page_registers_and_tells_to_check_the_mail(
    client, slovenia, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("experts:register"), registration_post(slovenia, ministry, pdf())
        )

    assert response.status_code == 302
    assert response.url == reverse("experts:registered")
    expert = Expert.objects.get(user__email="eva.novak@gov.si")
    assert [(row.language.code, row.level) for row in expert.languages.all()] == [("en", "B2")]
    assert expert.unavailabilities.count() == 0
    assert bool(expert.cv) is True
    assert len(mail.outbox) == 1


def test_registration_page_shows_the_refusal_next_to_the_employer(client, slovenia):
    company = InstitutionFactory(
        name="Freelance Experts Ltd",
        country=slovenia,
        kind=InstitutionKind.objects.get(code="private-company"),
    )
    before = counts()

    response = client.post(reverse("experts:register"), registration_post(slovenia, company, pdf()))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "employer": [f"Freelance Experts Ltd is a private company. {ONLY_PUBLIC_OFFICIALS}"]
    }
    assert counts() == before


def test_registration_page_lists_only_member_states_and_public_employers(
    client, slovenia, ministry
):
    InstitutionFactory(
        name="Consulting Ltd",
        country=slovenia,
        kind=InstitutionKind.objects.get(code="private-company"),
    )

    response = client.get(reverse("experts:register"))

    form = response.context["form"]
    states = [label for value, label in form.fields["member_state"].widget.choices if value]
    employers = [label for value, label in form.fields["employer"].widget.choices if value]
    assert "Slovenia" in states
    assert "Serbia" not in states
    assert employers == ["Ministry of the Interior (Slovenia)"]


def test_an_official_of_an_eu_agency_registers_with_the_agency_as_employer(db):
    poland = Country.objects.get(code="PL")
    frontex = InstitutionFactory(
        name="Frontex", country=poland, kind=InstitutionKind.objects.get(code="eu-body")
    )

    expert = register_expert(**arguments(poland, frontex, email="anna.kowalska@frontex.europa.eu"))

    assert (expert.employer, expert.employer.kind.code) == (frontex, "eu-body")
    assert expert.is_eu_body_official is True
