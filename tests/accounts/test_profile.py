import json

from django.core.files.base import ContentFile
from django.urls import reverse

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from tests.factories import (
    ContactPersonFactory,
    EventFactory,
    ExpertFactory,
    submittable_application,
)
from tests.factories.participants import ParticipantFactory


def test_profile_edit_saves_name_position_and_phone_and_logs_it(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Ana Marković", "position": "Head of sector", "phone": "+381 11 765 4321"},
        follow=True,
    )

    applicant.refresh_from_db()
    assert (applicant.full_name, applicant.position, applicant.phone) == (
        "Ana Marković",
        "Head of sector",
        "+381 11 765 4321",
    )
    assert [str(message) for message in response.context["messages"]] == ["Your profile is saved."]
    assert list(ActivityLog.objects.filter(actor=applicant).values_list("action", "data")) == [
        ("update_profile", {"fields": ["full_name", "position", "phone"]})
    ]


def test_profile_edit_requires_a_name_and_keeps_the_old_one(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:profile"), {"full_name": "", "position": "", "phone": ""}
    )

    assert response.context["form"].errors == {"full_name": ["This field is required."]}
    applicant.refresh_from_db()
    assert applicant.full_name == "Ana Applicant"


def test_profile_shows_roles_and_links_to_password_change_and_data(client, applicant):
    client.force_login(applicant)
    institution = applicant.memberships.get().institution

    html = client.get(reverse("accounts:profile")).content.decode()

    assert f"Applicant: {institution.name} (" in html
    assert f'href="{reverse("accounts:password_change")}"' in html
    assert f'href="{reverse("accounts:personal_data_export")}"' in html
    assert '<label for="id_full_name">Full name:</label>' in html


def test_data_export_holds_account_roles_personal_data_and_activity(client, applicant):
    applicant.position = "Adviser"
    applicant.phone = "+381 60 000 000"
    applicant.save()
    application = submittable_application(applicant, contacts=False)
    contact = ContactPersonFactory(
        application=application, name="Ana A.", email=applicant.email.upper(), phone="123"
    )
    log_action(applicant, actor=applicant, action="update_profile", note="test")
    membership = applicant.memberships.get()
    client.force_login(applicant)
    applicant.refresh_from_db()

    response = client.get(reverse("accounts:personal_data_export"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="taiex-my-data-')
    entry = ActivityLog.objects.get(actor=applicant)
    assert json.loads(response.content) == {
        "account": {
            "email": applicant.email,
            "full_name": "Ana Applicant",
            "position": "Adviser",
            "phone": "+381 60 000 000",
            "date_joined": applicant.date_joined.isoformat(),
            "last_login": applicant.last_login.isoformat(),
        },
        "memberships": [
            {
                "role": "applicant",
                "role_name": "Applicant",
                "institution": membership.institution.name,
                "institution_country": "RS",
                "country": None,
                "team": None,
                "consulted_service": None,
                "contractor": None,
                "since": membership.created_at.isoformat(),
            }
        ],
        "personal_data": {
            "accounts.user": [
                {
                    "id": applicant.pk,
                    "email": applicant.email,
                    "full_name": "Ana Applicant",
                    "phone": "+381 60 000 000",
                    "position": "Adviser",
                }
            ],
            "applications.contactperson": [
                {
                    "id": contact.pk,
                    "name": "Ana A.",
                    "position": contact.position,
                    "email": applicant.email.upper(),
                    "phone": "123",
                }
            ],
        },
        "parts": {
            "bank_details": None,
            "inbox": [],
            "notification_choices": {},
            "invitations": [],
            "interests": [],
            "evaluation_links": [],
            "requests_created": [
                {
                    "reference": None,
                    "title": application.title,
                    "state": "draft",
                    "created_at": application.created_at.isoformat(),
                }
            ],
        },
        "activity": [
            {
                "at": entry.created_at.isoformat(),
                "action": "update_profile",
                "subject": "Ana Applicant",
                "from_state": "",
                "to_state": "",
                "note": "test",
            }
        ],
    }


def test_data_export_leaves_out_other_people(client, applicant, ncp):
    client.force_login(ncp)

    data = json.loads(client.get(reverse("accounts:personal_data_export")).content)

    assert data["personal_data"]["accounts.user"][0]["email"] == ncp.email
    assert len(data["personal_data"]["accounts.user"]) == 1
    assert [m["country"] for m in data["memberships"]] == ["RS"]


def test_data_export_of_an_expert_names_the_cv_file(client, expert):
    profile = ExpertFactory(user=expert)
    profile.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    client.force_login(expert)

    response = client.get(reverse("accounts:personal_data_export"))

    assert response.status_code == 200
    rows = json.loads(response.content)["personal_data"]["experts.expert"]
    assert [(row["id"], row["cv"]) for row in rows] == [(profile.pk, profile.cv.name)]


def test_data_export_of_an_expert_without_cv_says_none(client, expert):
    ExpertFactory(user=expert)
    client.force_login(expert)

    rows = json.loads(client.get(reverse("accounts:personal_data_export")).content)

    assert rows["personal_data"]["experts.expert"][0]["cv"] is None


def test_data_export_leaves_out_the_people_an_administrator_acted_on(client, administrator):
    # The administrator verified an expert and registered a participant: those rows are about
    # the other people, not about the administrator, and stay out of the administrator's file.
    verified = ExpertFactory(verified_by=administrator)
    verified.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    ParticipantFactory(event=EventFactory(), registered_by=administrator)
    client.force_login(administrator)

    response = client.get(reverse("accounts:personal_data_export"))

    assert response.status_code == 200
    assert sorted(json.loads(response.content)["personal_data"]) == ["accounts.user"]
