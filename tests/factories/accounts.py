import factory

from taiex.accounts.enums import Role
from taiex.accounts.models import Contractor, Institution, Membership, User
from taiex.reference.models import ConsultedService, Country, InstitutionKind, ThematicTeam


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Ministry number {n}")
    country = factory.LazyFunction(lambda: Country.objects.get(code="RS"))
    kind = factory.LazyFunction(lambda: InstitutionKind.objects.get(code="central-administration"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.APPLICANT


# The service of each kind in scope of the factories' default request (Serbia, enlargement,
# chapter 24 Justice, freedom and security).
DEFAULT_SERVICE_OF_GROUP = {
    "eu_delegation": "delegation-rs",
    "geographic_desk": "desk-western-balkans",
    "line_dg": "dg-home",
    "partner_dg": "partner-dg-regio",
}


def make_user(
    role,
    *,
    country="RS",
    institution=None,
    team="jfs",
    group="",
    service="",
    contractor=None,
    **user_fields,
):
    """A user holding one role, scoped the way the role needs (institution, country, team,
    consulted service: `service` by code, else the default service of `group`; a logistics
    contractor: `contractor`, else "Balkan Events Ltd")."""
    user = UserFactory(**user_fields)
    scope = {}
    if role == Role.APPLICANT:
        scope["institution"] = institution or InstitutionFactory(
            country=Country.objects.get(code=country)
        )
    elif role == Role.NCP:
        scope["country"] = Country.objects.get(code=country)
    elif role == Role.CASE_HANDLER:
        scope["team"] = ThematicTeam.objects.get(code=team)
    elif role == Role.CONSULTEE:
        code = service or DEFAULT_SERVICE_OF_GROUP[group or "eu_delegation"]
        scope["consulted_service"] = ConsultedService.objects.get(code=code)
    elif role == Role.LOGISTICS:
        scope["contractor"] = (
            contractor or Contractor.objects.get_or_create(name="Balkan Events Ltd")[0]
        )
    MembershipFactory(user=user, role=role, **scope)
    return user
