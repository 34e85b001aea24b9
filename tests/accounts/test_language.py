"""Each person's language: the header's switcher keeps the page and its query, a signed-in
person's profile keeps their language for their pages and their e-mails, an e-mail is written
in the recipient's language (not the sender's), and the page direction follows the language."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from taiex.accounts.enums import Role
from taiex.accounts.models import User
from taiex.core.mail import notify
from taiex.core.models import ActivityLog
from tests.accounts.test_registration import registration_data
from tests.factories import make_user
from tests.i18n import english_left

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def test_the_switcher_keeps_the_page_and_its_query(client, db):
    page = reverse("portal:events") + "?q=asylum&country=RS&page=2"

    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    # The cookie wins over the browser's English from then on.
    content = client.get(page, **ENGLISH).content.decode()
    assert '<html lang="fr" dir="ltr">' in content
    assert "<h1>Rechercher des événements réalisés</h1>" in content


def test_the_switcher_shows_each_offered_language_in_its_own_name(client, db):
    content = client.get(reverse("portal:index") + "?x=1").content.decode()

    assert '<input type="hidden" name="next" value="/?x=1">' in content
    assert '<span lang="en" aria-current="true"><strong>English</strong></span>' in content
    assert (
        '<button type="submit" name="language" value="fr" lang="fr" class="link-button">'
        "Français</button>"
    ) in content


def test_the_switcher_never_sends_to_another_site_nor_takes_an_unknown_language(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"

    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies

    assert client.get(reverse("accounts:set_language")).status_code == 405


def test_a_signed_in_persons_choice_is_kept_on_their_profile_and_wins_over_the_browser(
    client, applicant
):
    client.force_login(applicant)

    client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})

    applicant.refresh_from_db()
    assert applicant.language == "fr"
    assert list(
        ActivityLog.objects.filter(actor=applicant, action="update_profile").values_list(
            "data", flat=True
        )
    ) == [{"fields": ["language"]}]
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)  # another browser, set to English
    content = client.get(reverse("accounts:profile"), **ENGLISH).content.decode()
    assert '<html lang="fr" dir="ltr">' in content
    assert "<h1>Mon profil</h1>" in content
    assert english_left(content) == []


def test_the_profile_form_chooses_the_language_and_refuses_an_unknown_one(client, applicant):
    client.force_login(applicant)
    details = {"full_name": applicant.full_name, "position": "", "phone": ""}

    response = client.post(reverse("accounts:profile"), {**details, "language": "xx"})

    assert response.status_code == 200
    assert "Select a valid choice. xx is not one of the available choices." in (
        response.content.decode()
    )
    applicant.refresh_from_db()
    assert applicant.language == ""

    response = client.post(reverse("accounts:profile"), {**details, "language": "fr"}, follow=True)

    applicant.refresh_from_db()
    assert applicant.language == "fr"
    assert "Votre profil est enregistré." in response.content.decode()


def test_registering_in_french_keeps_french_and_the_welcome_is_in_french(
    client, ncp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), registration_data(), **FRENCH)

    assert response.status_code == 302
    user = User.objects.get(email="milica.jovanovic@mei.gov.rs")
    assert user.language == "fr"
    # The applicant reads French; the NCP, who chose no language, reads English.
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([user.email], "[taiex] Votre compte taiex est prêt"),
        ([ncp.email], "[taiex] New applicant registered in Serbia"),
    ]
    assert mail.outbox[0].body.startswith("Bonjour Milica Jovanović,\n\n")
    assert "Votre compte de demandeur pour Ministry of European Integration est prêt." in (
        mail.outbox[0].body
    )


def test_an_email_is_in_each_recipients_language_not_the_senders(
    db, django_capture_on_commit_callbacks
):
    french = make_user(Role.NCP, country="RS", full_name="Nadia Fr", language="fr")
    english = make_user(Role.NCP, country="RS", full_name="Ned En", language="en")
    applicant = make_user(Role.APPLICANT, full_name="Milica Jovanović")
    institution = applicant.memberships.get().institution

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(
            [french, english],
            subject=translation.gettext_lazy("Your taiex account is ready"),
            template="accounts/email/new_applicant.txt",
            context={
                "applicant": applicant,
                "institution": institution,
                "country": institution.country,
            },
        )

    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[french.email].subject == "[taiex] Votre compte taiex est prêt"
    assert by_address[english.email].subject == "[taiex] Your taiex account is ready"
    assert (
        f"Un nouveau demandeur s'est inscrit ({institution.country.name_translations['fr']})"
        in (by_address[french.email].body)
    )
    assert "A new applicant registered in" in by_address[english.email].body


def test_the_password_reset_email_is_in_the_accounts_language(
    client, db, django_capture_on_commit_callbacks
):
    person = make_user(Role.APPLICANT, full_name="Amira Ben Salah", language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": person.email}, **ENGLISH)

    [message] = mail.outbox
    assert message.subject == "[taiex] Choisir un nouveau mot de passe"
    assert message.body.startswith("Bonjour Amira Ben Salah,\n\nQuelqu'un (vous, nous l'espérons)")


@override_settings(LANGUAGES=[*settings.LANGUAGES, ("ar", "Pseudo right-to-left")])
def test_the_page_direction_follows_the_language_and_the_pseudo_locale_is_not_offered(client, db):
    content = client.get(reverse("portal:index"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert '<html lang="ar" dir="rtl">' in content
    assert 'value="ar"' not in content  # the switcher offers English and French only
    assert 'value="fr"' in content


@pytest.mark.parametrize(("code", "expected"), [("fr", "fr"), ("en", "en"), ("", "en")])
def test_the_language_to_write_to_someone_in(code, expected):
    from taiex.core.languages import language_of

    assert language_of(User(language=code)) == expected
    assert language_of("someone@example.org") == "en"  # an address alone: the default
