"""Shared arrangement of the ranking, staffing and search tests (no tests of its own): a
planned Serbian workshop on asylum procedures, and experts who fit it or not."""

from datetime import date

from taiex.reference.models import Chapter, Country, Language, Window
from tests.factories import ApplicationFactory, EventFactory, ExpertFactory, InstitutionFactory


def chapter(number):
    return Chapter.objects.get(number=number)


def country(code):
    return Country.objects.get(code=code)


def language(code):
    return Language.objects.get(code=code)


def asylum_event(*, reference="WS-2026-0042", application_fields=None, **fields):
    """A planned workshop on asylum procedures for Serbia, 3-5 March 2026, one expert, English."""
    application = ApplicationFactory(
        **{
            "title": "Asylum procedures",
            "objectives": "Faster asylum procedures.",
            "legislation": "",
            "expertise_wished": "asylum procedures",
            "chapters": [chapter(24)],
            "working_languages": [language("en")],
            **(application_fields or {}),
        }
    )
    values = {
        "reference": reference,
        "application": application,
        "state": "planned",
        "title": "Asylum procedures",
        "summary": "",
        "legislation": "",
        "start_date": date(2026, 3, 3),
        "end_date": date(2026, 3, 5),
        "beneficiary": country("RS"),
        "window": Window.objects.get(code="enlargement"),
        "experts_needed": 1,
        **fields,
    }
    event = EventFactory(**values)
    event.chapters.set([chapter(24)])
    return event


def asylum_expert(name="Asta Asylum", *, member_state="SI", **fields):
    values = {
        "user__full_name": name,
        "member_state": country(member_state),
        "employer": InstitutionFactory(country=country(member_state)),
        "expertise": "Asylum procedures and reception of asylum seekers.",
        "keywords": "asylum, reception",
        "chapters": [chapter(24)],
        **fields,
    }
    return ExpertFactory(**values)


def customs_expert(name="Carl Customs", **fields):
    values = {
        "user__full_name": name,
        "expertise": "Customs procedures and tariff classification.",
        "keywords": "customs, tariff",
        "chapters": [chapter(29)],
        **fields,
    }
    return ExpertFactory(**values)
