from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.accounts.models import User
from taiex.reference.models import Country
from tests.factories import InstitutionFactory, make_user


def superuser():
    return make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True, full_name="Root")


def test_admin_lists_users_with_their_memberships_inline(client, applicant):
    client.force_login(superuser())

    listing = client.get(reverse("admin:accounts_user_changelist"), {"q": "ana"})
    detail = client.get(reverse("admin:accounts_user_change", args=[applicant.pk]))

    assert [user.email for user in listing.context["cl"].result_list] == [applicant.email]
    assert [
        inline.formset.queryset.get().role for inline in detail.context["inline_admin_formsets"]
    ] == [Role.APPLICANT]


def test_admin_adds_a_user_by_email_and_refuses_a_duplicate(client, applicant):
    client.force_login(superuser())
    url = reverse("admin:accounts_user_add")
    form = {
        "full_name": "Petra Staff",
        "usable_password": "true",
        "password1": "Brussels-berlaymont-1",
        "password2": "Brussels-berlaymont-1",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }

    added = client.post(url, {**form, "email": "Petra@EC.europa.eu"})
    duplicate = client.post(url, {**form, "email": applicant.email.upper()})

    assert added.status_code == 302
    assert User.objects.get(email="petra@ec.europa.eu").check_password("Brussels-berlaymont-1")
    assert duplicate.context["adminform"].form.errors == {
        "email": ["A user with this e-mail address already exists."]
    }


def test_admin_filters_institutions_by_country(client, db):
    albania = Country.objects.get(code="AL")
    InstitutionFactory(name="Ministry of Interior")
    InstitutionFactory(name="Ministry of Finance", country=albania)
    client.force_login(superuser())

    response = client.get(
        reverse("admin:accounts_institution_changelist"), {"country__id__exact": albania.pk}
    )

    assert [i.name for i in response.context["cl"].result_list] == ["Ministry of Finance"]


def test_admin_lists_memberships_by_role(client, applicant, ncp):
    client.force_login(superuser())

    response = client.get(reverse("admin:accounts_membership_changelist"), {"role__exact": "ncp"})

    assert [m.user for m in response.context["cl"].result_list] == [ncp]
