"""Shared arrangement: a Serbian workshop implemented yesterday, its applicant and a contact
person, two attending participants, one absent, and one accepted expert. Imported by the
test modules (pytest registers the fixtures where they are imported)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.evaluations.forms import QuestionnaireForm, slots_for
from taiex.evaluations.queries import active_questionnaire, questions_of
from taiex.evaluations.services.sending import run_due_sends
from taiex.reference.models import ThematicTeam
from tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    EventFactory,
    ExpertFactory,
    UserFactory,
)
from tests.factories.evaluations import accepted_expert_on, attending_participant
from tests.factories.participants import ParticipantFactory


@pytest.fixture
def event(db, applicant, case_handler):
    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(
        created_by=applicant, lead_institution=institution, contacts=False
    )
    ContactPersonFactory(application=application, name="Corina Contact", email="corina@gov.rs")
    yesterday = timezone.localdate() - timedelta(days=1)
    return EventFactory(
        reference="WS-2026-0007",
        title="Asylum interview techniques",
        state="implemented",
        start_date=yesterday - timedelta(days=1),
        end_date=yesterday,
        application=application,
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
    )


@pytest.fixture
def rated_expert(event, case_handler):
    expert = ExpertFactory(user=UserFactory(full_name="Eda Expert", email="eda@gov.si"))
    accepted_expert_on(event, expert, invited_by=case_handler)
    return expert


@pytest.fixture
def participants(event):
    present = [
        attending_participant(event, full_name="Petar Present", email="petar@gov.rs"),
        attending_participant(event, full_name="Mila Present", email="mila@gov.rs"),
    ]
    ParticipantFactory(event=event, full_name="Ana Absent", email="ana@gov.rs")
    return present


def participant_form(event, data, experts=()):
    questionnaire = active_questionnaire("participants")
    slots = slots_for(questions_of(questionnaire), experts=list(experts), recommendations=[])
    return QuestionnaireForm(data, slots=slots)


def answers_by_key(questionnaire, **values):
    """POST data from question keys: {"overall": 5} -> {"q12": 5}."""
    by_key = {question.key: question for question in questionnaire.questions.all()}
    data = {}
    for key, value in values.items():
        name, _, suffix = key.partition("__")
        data[f"q{by_key[name].pk}{('_' + suffix) if suffix else ''}"] = value
    return data


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """run_due_sends with the e-mails of its commits delivered to mail.outbox."""

    def run(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return run_due_sends(now)

    return run
