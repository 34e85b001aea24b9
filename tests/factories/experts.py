import factory
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Membership
from taiex.experts.models import Expert, ExpertLanguage, Unavailability
from taiex.reference.models import Country, InstitutionKind, Language

from .accounts import InstitutionFactory, UserFactory


class ExpertFactory(factory.django.DjangoModelFactory):
    """A verified, active expert of a Slovenian ministry speaking English at C1."""

    class Meta:
        model = Expert
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    member_state = factory.LazyFunction(lambda: Country.objects.get(code="SI"))
    employer = factory.LazyAttribute(
        lambda o: InstitutionFactory(
            country=o.member_state,
            kind=InstitutionKind.objects.get(code="central-administration"),
        )
    )
    position = "Senior adviser"
    years_of_experience = 10
    expertise = "Asylum procedures and reception of asylum seekers."
    keywords = "asylum, reception"
    privacy_consent_at = factory.LazyFunction(timezone.now)
    email_confirmed_at = factory.LazyFunction(timezone.now)
    verification_state = "verified"
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def membership(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(user=obj.user, role=Role.EXPERT)

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            for code, level in extracted or [("en", "C1")]:
                ExpertLanguage.objects.create(
                    expert=obj, language=Language.objects.get(code=code), level=level
                )

    @factory.post_generation
    def chapters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.chapters.set(extracted)


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    expert = factory.SubFactory(ExpertFactory)
    start = factory.LazyFunction(timezone.localdate)
    end = factory.LazyFunction(timezone.localdate)
