"""Two-factor authentication: enrolment with an authenticator app, the code asked after the
password, single-use recovery codes, the roles that must use it, the throttling of wrong codes
beside the lockout of wrong passwords, and an administrator's audited reset."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.accounts.enums import Role
from taiex.accounts.second_factor import hash_recovery_code
from taiex.core.models import ActivityLog
from tests.factories import make_user
from tests.factories.second_factor import code_for, enrol

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
HOME = "/accounts/home/"
VERIFY = "/accounts/two-factor/"
SETUP = "/accounts/two-factor/setup/"
WRONG_CODE = (
    "This code is not right, or it was already used. Type the six digits your authenticator "
    "app shows now, or one of your unused recovery codes."
)


def password_login(client, user, password=PASSWORD):
    return client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": password},
        REMOTE_ADDR="192.0.2.20",
    )


def recovery_codes_in(response):
    return re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode())


def audit_actions(user):
    return list(
        ActivityLog.objects.filter(object_id=str(user.pk), action__startswith="second_factor")
        .order_by("pk")
        .values_list("action", "actor__email")
    )


def test_a_case_handler_without_a_second_factor_is_sent_to_set_it_up(client, case_handler):
    login = password_login(client, case_handler)
    home = client.get(HOME)
    profile = client.get(reverse("accounts:profile"))

    assert (login.status_code, login["Location"]) == (302, HOME)
    assert (home.status_code, home["Location"]) == (302, f"{SETUP}?next=%2Faccounts%2Fhome%2F")
    assert (profile.status_code, profile["Location"]) == (
        302,
        f"{SETUP}?next=%2Faccounts%2Fprofile%2F",
    )


def test_enrolment_shows_the_secret_and_a_wrong_code_changes_nothing(client, case_handler):
    password_login(client, case_handler)

    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=case_handler)
    refused = client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"})

    assert page.status_code == 200
    assert page.context["secret"] in page.content.decode()
    assert page.context["qr_code"].startswith("data:image/svg+xml;base64,")
    assert refused.status_code == 400
    assert refused.context["form"].errors["code"][0].startswith("This code is not right.")
    assert TOTPDevice.objects.get(user=case_handler).confirmed is False
    assert client.get(HOME).status_code == 302


def test_enrolment_with_the_app_code_turns_it_on_and_shows_ten_recovery_codes(client, case_handler):
    password_login(client, case_handler)
    client.get(f"{SETUP}?next=/accounts/profile/")
    device = TOTPDevice.objects.get(user=case_handler)

    done = client.post(SETUP, {"code": code_for(device), "next": "/accounts/profile/"})

    codes = recovery_codes_in(done)
    assert done.status_code == 200
    assert len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=case_handler).confirmed is True
    # Stored hashed, never as typed.
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == {hash_recovery_code(code) for code in codes}
    assert not stored & set(codes)
    assert audit_actions(case_handler) == [("second_factor.enrol", case_handler.email)]
    assert client.get(HOME).status_code == 200
    assert client.get("/accounts/profile/").status_code == 200


def test_a_sign_in_with_password_and_the_right_code_opens_the_page_asked_for(client, case_handler):
    device = enrol(case_handler)
    client.get("/requests/")
    login = client.post(
        reverse("accounts:login") + "?next=/requests/",
        {"username": case_handler.email, "password": PASSWORD, "next": "/requests/"},
    )
    held = client.get("/requests/")

    answer = client.post(VERIFY, {"code": code_for(device), "next": "/requests/"})

    assert login["Location"] == "/requests/"
    assert (held.status_code, held["Location"]) == (302, f"{VERIFY}?next=%2Frequests%2F")
    assert (answer.status_code, answer["Location"]) == (302, "/requests/")
    assert client.get("/requests/").status_code == 200


def test_a_wrong_code_keeps_the_session_held(client, case_handler):
    device = enrol(case_handler)
    password_login(client, case_handler)

    answer = client.post(VERIFY, {"code": code_for(device, steps_ahead=-5)})

    assert answer.status_code == 400
    assert answer.context["form"].errors["code"] == [WRONG_CODE]
    assert client.session[SESSION_KEY] == str(case_handler.pk)
    assert client.get(HOME)["Location"] == f"{VERIFY}?next=%2Faccounts%2Fhome%2F"


def test_after_a_wrong_code_even_the_right_one_waits(client, case_handler):
    device = enrol(case_handler)
    password_login(client, case_handler)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=-5)})

    answer = client.post(VERIFY, {"code": code_for(device)})

    message = answer.context["form"].errors["code"][0]
    assert message.startswith("Too many wrong codes in a row. Wait ")
    assert message.endswith(" seconds, then type the code the app shows at that moment.")
    assert client.get(HOME).status_code == 302


def test_a_code_is_accepted_once(client, case_handler):
    device = enrol(case_handler)
    code = code_for(device)
    password_login(client, case_handler)
    client.post(VERIFY, {"code": code})
    client.post(reverse("accounts:logout"))

    password_login(client, case_handler)
    again = client.post(VERIFY, {"code": code})

    assert again.context["form"].errors["code"] == [WRONG_CODE]


def test_a_recovery_code_works_once(client, case_handler):
    password_login(client, case_handler)
    client.get(SETUP)
    codes = recovery_codes_in(
        client.post(SETUP, {"code": code_for(TOTPDevice.objects.get(user=case_handler))})
    )
    client.post(reverse("accounts:logout"))

    password_login(client, case_handler)
    first = client.post(VERIFY, {"code": codes[3].upper().replace("-", " ")})
    client.post(reverse("accounts:logout"))
    password_login(client, case_handler)
    second = client.post(VERIFY, {"code": codes[3]})

    assert (first.status_code, first["Location"]) == (302, HOME)
    assert second.context["form"].errors["code"] == [WRONG_CODE]
    assert StaticToken.objects.filter(device__user=case_handler).count() == 9
    assert [action for action, _ in audit_actions(case_handler)] == [
        "second_factor.enrol",
        "second_factor.recovery_code_used",
    ]


def test_new_recovery_codes_replace_the_old_ones(client, case_handler):
    password_login(client, case_handler)
    client.get(SETUP)
    old = recovery_codes_in(
        client.post(SETUP, {"code": code_for(TOTPDevice.objects.get(user=case_handler))})
    )

    new = recovery_codes_in(client.post(reverse("accounts:second_factor_recovery_codes")))

    assert len(new) == 10
    assert not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == {
        hash_recovery_code(code) for code in new
    }


@pytest.mark.parametrize(
    ("role", "scope", "required"),
    [
        (Role.CASE_HANDLER, {}, True),
        (Role.HEAD_OF_UNIT, {}, True),
        (Role.ADMINISTRATOR, {}, True),
        (Role.FINANCE, {}, True),
        (Role.LOGISTICS, {}, True),
        (Role.NCP, {}, True),
        (Role.CONSULTEE, {"group": "eu_delegation"}, True),
        (Role.APPLICANT, {}, False),
        (Role.EXPERT, {}, False),
    ],
)
def test_the_roles_that_must_give_a_second_factor(client, role, scope, required):
    user = make_user(role, **scope)

    password_login(client, user)
    home = client.get(HOME)

    if required:
        assert (home.status_code, home["Location"]) == (302, f"{SETUP}?next=%2Faccounts%2Fhome%2F")
    else:
        assert home.status_code == 200


def test_an_applicant_who_set_up_a_second_factor_must_give_it(client, applicant):
    enrol(applicant)

    password_login(client, applicant)

    assert client.get(HOME)["Location"] == f"{VERIFY}?next=%2Faccounts%2Fhome%2F"


@override_settings(TAIEX_SECOND_FACTOR_ROLES=["finance", "contractor", "ncp"])
def test_the_roles_setting_decides_and_unknown_roles_are_harmless(client, case_handler, ncp):
    password_login(client, case_handler)
    handler_home = client.get(HOME)
    client.post(reverse("accounts:logout"))
    password_login(client, ncp)
    ncp_home = client.get(HOME)

    assert handler_home.status_code == 200
    assert ncp_home["Location"] == f"{SETUP}?next=%2Faccounts%2Fhome%2F"


def test_a_held_session_may_log_out_and_the_token_api_is_not_held(client, case_handler):
    password_login(client, case_handler)

    api = client.get("/api/v1/requests/")
    logout = client.post(reverse("accounts:logout"))

    assert api.status_code == 401  # the API takes tokens only, never the session
    assert logout.status_code == 302
    assert SESSION_KEY not in client.session


def test_the_tests_force_login_counts_as_complete(client, case_handler):
    client.force_login(case_handler)

    assert client.get(HOME).status_code == 200


def test_locked_out_account_never_reaches_the_second_step(client, case_handler):
    enrol(case_handler)
    for _ in range(5):
        password_login(client, case_handler, password="wrong password")

    response = password_login(client, case_handler)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert client.get(VERIFY)["Location"] == "/accounts/login/?next=/accounts/two-factor/"


def test_wrong_codes_do_not_lock_the_password_and_a_sign_in_clears_the_failures(
    client, case_handler
):
    """The lockout counts passwords; wrong codes are slowed down by the device's throttling.
    A right password still resets the password failures, so four wrong passwords, a right one
    and four wrong ones again do not lock the account."""
    device = enrol(case_handler)
    for _ in range(4):
        password_login(client, case_handler, password="wrong password")
    password_login(client, case_handler)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=-5)})
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        password_login(client, case_handler, password="wrong password")

    response = password_login(client, case_handler)

    assert (response.status_code, response["Location"]) == (302, HOME)


def test_an_administrator_resets_the_second_factor_in_the_admin(client, case_handler):
    administrator = make_user(
        Role.ADMINISTRATOR, email="alma@example.org", is_staff=True, is_superuser=True
    )
    enrol(case_handler)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [case_handler.pk]},
        follow=True,
    )
    client.logout()
    password_login(client, case_handler)

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=case_handler).count() == 0
    assert audit_actions(case_handler)[-1] == ("second_factor.reset", "alma@example.org")
    assert client.get(HOME)["Location"] == f"{SETUP}?next=%2Faccounts%2Fhome%2F"


def test_the_device_screens_of_django_otp_are_not_in_the_admin(client):
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(administrator)

    index = client.get(reverse("admin:index")).content.decode()

    assert "TOTP devices" not in index
    assert "Static devices" not in index


def test_the_profile_says_whether_two_factor_authentication_is_on(client, applicant):
    client.force_login(applicant)
    off = client.get(reverse("accounts:profile")).content.decode()
    enrol(applicant)
    on = client.get(reverse("accounts:profile")).content.decode()

    assert "Set up two-factor authentication" in off
    assert "On: after your password, taiex asks for the code of your authenticator app." in on


def test_the_password_alone_cannot_replace_the_app(client, case_handler):
    """Somebody who knows only the password cannot set up their own phone in place of the
    owner's: the setup page asks for the current second factor first."""
    device = enrol(case_handler)
    password_login(client, case_handler)

    setup = client.get(SETUP)
    codes = client.post(reverse("accounts:second_factor_recovery_codes"))

    assert (setup.status_code, setup["Location"]) == (
        302,
        f"{VERIFY}?next=%2Faccounts%2Ftwo-factor%2Fsetup%2F",
    )
    assert codes.status_code == 302
    assert list(TOTPDevice.objects.filter(user=case_handler)) == [device]
    assert StaticToken.objects.count() == 0


def test_the_code_page_of_somebody_without_an_app_leads_to_the_setup(client, case_handler):
    password_login(client, case_handler)

    response = client.get(f"{VERIFY}?next=/requests/")

    assert (response.status_code, response["Location"]) == (302, f"{SETUP}?next=%2Frequests%2F")
