from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.core.models import OutboxMessage, OutboxStatus
from tests.factories import make_user

WRONG_CREDENTIALS = (
    "The e-mail address or the password is not right. Check both and try again, "
    "or reset your password."
)


def test_login_with_email_in_any_letter_case_opens_home(client, applicant):
    response = client.post(
        reverse("accounts:login"),
        {"username": applicant.email.upper(), "password": "correct horse battery"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.session[SESSION_KEY] == str(applicant.pk)


def test_login_with_wrong_password_shows_message_and_stays_anonymous(client, applicant):
    response = client.post(
        reverse("accounts:login"), {"username": applicant.email, "password": "wrong password"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG_CREDENTIALS]
    assert WRONG_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_page_labels_every_field(client, db):
    response = client.get(reverse("accounts:login"))

    html = response.content.decode()
    assert '<label for="id_username">E-mail address:</label>' in html
    assert '<label for="id_password">Password:</label>' in html


def test_logout_is_a_post_and_ends_the_session(client, applicant):
    client.force_login(applicant)

    refused = client.get(reverse("accounts:logout"))
    response = client.post(reverse("accounts:logout"))

    assert refused.status_code == 405
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, db, django_capture_on_commit_callbacks
):
    user = make_user(Role.APPLICANT, email="jelena@example.org", full_name="Jelena Petrović")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "Jelena@Example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jelena@example.org"]
    assert message.subject == "[taiex] Choose a new password"
    link = next(line for line in message.body.splitlines() if line.startswith("http://testserver/"))
    page = client.get(link.removeprefix("http://testserver"), follow=True)
    assert page.context["validlink"] is True
    set_password_url = page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "Danube-lantern-2031", "new_password2": "Danube-lantern-2031"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    login = client.post(
        reverse("accounts:login"),
        {"username": "jelena@example.org", "password": "Danube-lantern-2031"},
    )
    assert login["Location"] == reverse("accounts:home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )

    assert mail.outbox == []
    assert response.redirect_chain == [(reverse("accounts:password_reset_done"), 302)]


def test_password_change_from_the_profile(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "Sava-bridge-lights-9",
            "new_password2": "Sava-bridge-lights-9",
        },
    )

    assert response["Location"] == reverse("accounts:password_change_done")
    applicant.refresh_from_db()
    assert applicant.check_password("Sava-bridge-lights-9") is True


def test_password_reset_mail_leaves_through_the_outbox(
    client, db, django_capture_on_commit_callbacks
):
    make_user(Role.APPLICANT, email="jelena@example.org", full_name="Jelena Petrović")

    with django_capture_on_commit_callbacks() as after_commit:
        client.post(reverse("accounts:password_reset"), {"email": "jelena@example.org"})
    pending = OutboxMessage.objects.get().status
    for callback in after_commit:
        callback()

    row = OutboxMessage.objects.get()
    assert pending == OutboxStatus.PENDING  # written first, sent after the commit
    assert (row.to_address, row.subject, row.status, row.attempts) == (
        "jelena@example.org",
        "[taiex] Choose a new password",
        OutboxStatus.SENT,
        1,
    )
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["jelena@example.org"], row.subject, row.body)
    ]
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def test_password_reset_for_an_unknown_address_writes_no_mail(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert OutboxMessage.objects.count() == 0
