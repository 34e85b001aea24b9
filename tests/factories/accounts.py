import factory

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.reference.models import Country, InstitutionKind, ThematicTeam


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


def make_user(role, *, country="RS", institution=None, team="jfs", group="", **user_fields):
    """A user holding one role, scoped the way the role needs (institution, country, team...)."""
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
        scope["consultee_group"] = group or "eu_delegation"
    MembershipFactory(user=user, role=role, **scope)
    return user
