from datetime import date, timedelta

import factory

from taiex.applications.models import Application, ContactPerson, InterpretationPair
from taiex.reference.models import Chapter, Language, Window

from .accounts import InstitutionFactory, UserFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with every field of the form filled in, ready to submit."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    created_by = factory.SubFactory(UserFactory)
    lead_institution = factory.SubFactory(InstitutionFactory)
    country = factory.LazyAttribute(
        lambda o: o.lead_institution.country if o.lead_institution else None
    )
    window = factory.LazyFunction(lambda: Window.objects.get(code="enlargement"))
    assistance_type = "workshop"
    modality = "on_site"
    title = factory.Sequence(lambda n: f"Workshop on asylum procedures {n}")
    objectives = "Share the practice of Member States on asylum procedures."
    legislation = "Asylum Procedures Directive"
    celex_numbers = factory.LazyFunction(lambda: ["32013L0032"])
    expected_results = "An action plan for the asylum service."
    preferred_start = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    preferred_end = factory.LazyFunction(lambda: date.today() + timedelta(days=61))
    place = "Belgrade"
    participants_count = 30
    participants_profile = "Asylum officers"
    experts_count = 2
    expertise_wished = "Asylum interview techniques"

    @factory.post_generation
    def chapters(obj, create, extracted, **kwargs):
        if create:
            obj.chapters.set(extracted or [Chapter.objects.get(number=24)])

    @factory.post_generation
    def working_languages(obj, create, extracted, **kwargs):
        if create:
            obj.working_languages.set(extracted or [Language.objects.get(code="en")])

    @factory.post_generation
    def contacts(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            ContactPersonFactory(application=obj)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    application = factory.SubFactory(ApplicationFactory)
    name = "Jelena Petrović"
    position = "Head of unit"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


def submittable_application(applicant, **fields):
    """A complete draft created by `applicant` for their institution."""
    institution = applicant.memberships.get(role="applicant").institution
    if fields.get("assistance_type") == "study_visit":
        # A study visit asks for a host, not experts.
        fields.setdefault("experts_count", None)
        fields.setdefault("host_left_to_programme", True)
    pairs = fields.pop("interpretation_pairs", ())
    application = ApplicationFactory(created_by=applicant, lead_institution=institution, **fields)
    for source, target, *mode in pairs:  # ("en", "sr") or ("en", "sr", "consecutive")
        InterpretationPair.objects.create(
            application=application,
            source=Language.objects.get(code=source),
            target=Language.objects.get(code=target),
            mode=mode[0] if mode else "simultaneous",
        )
    return application
