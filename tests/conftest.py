"""Shared fixtures: one user per role, on the reference data the migrations load."""

import os
from pathlib import Path

import pytest

from taiex.accounts.enums import Role
from taiex.core.catalogues import compile_catalogues
from tests.factories import make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "taiex" / "locale"


def pytest_sessionstart(session):
    """The catalogues are compiled by the build (make install, bin/run, the Dockerfile); a test
    run straight from pytest compiles those that changed since, so pages are never tested
    against an old catalogue (taiex.core.catalogues: msgfmt, or polib without gettext)."""
    compile_catalogues(LOCALE_DIR, only_changed=True)


SESSION = {}


@pytest.fixture(scope="session", autouse=True)
def _remember_db_blocker(django_db_blocker):
    SESSION["db_blocker"] = django_db_blocker


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("transaction", False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the reference data back after a transactional test (browser journeys, concurrency).

    Its teardown empties every table, including the countries, chapters and limits that a data
    migration loaded once for the whole run; the tests after it would find none.
    """
    result = yield
    blocker = SESSION.get("db_blocker")
    # After the last test the test databases are gone (session teardown): nothing to restore.
    if blocker is not None and nextitem is not None and is_transactional(item):
        with blocker.unblock():
            restore_reference_data()
    return result


def restore_reference_data():
    from django.apps import apps

    from taiex.reference.loading import (
        load_consulted_services,
        load_fee_rules,
        load_kind_eligibility,
        load_reference_data,
        load_reminder_delays,
        sync_partner_countries,
        sync_public_holidays,
    )
    from taiex.reference.models import (
        ConsultedService,
        Country,
        FeeRule,
        KindEligibility,
        PublicHoliday,
        ReminderDelay,
    )

    reloaded = not Country.objects.exists()
    if reloaded:
        load_reference_data(apps.get_model)
    if not KindEligibility.objects.exists():
        load_kind_eligibility(apps.get_model)
    if not PublicHoliday.objects.exists():
        sync_public_holidays(apps.get_model)  # the Commission's and the countries', since 1996
    if not FeeRule.objects.exists():
        load_fee_rules(apps.get_model)
    if not ConsultedService.objects.exists():
        load_consulted_services(apps.get_model)
    if not ReminderDelay.objects.exists():
        load_reminder_delays(apps.get_model)
    if reloaded:
        sync_partner_countries(apps.get_model)  # as reference 0014 did, with their Delegations
    from taiex.evaluations.defaults import load_defaults

    load_defaults(apps.get_model)  # the default questionnaires, when a flush took them
    from taiex.core.retention_defaults import load_default_rules

    load_default_rules(apps.get_model)  # the default retention rules, likewise


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """The in-process facet index of the public search must not outlive a test's data (a
    rolled-back test's events and a later test's can have the same number and timestamps)."""
    from taiex.events.queries.facet_index import reset_facet_index
    from taiex.events.queries.statistics_facts import forget as forget_statistics_facts
    from taiex.events.search.stemming import forget as forget_stems
    from taiex.events.search.vocabulary import forget as forget_vocabulary

    reset_facet_index()
    forget_vocabulary()
    forget_stems()
    forget_statistics_facts()
    yield
    reset_facet_index()
    forget_vocabulary()
    forget_stems()
    forget_statistics_facts()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in French leaves French active in the thread (the locale middleware activates
    the request's language): back to English for the next test, which may call services
    directly and compare their English messages."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fresh_expert_term_index():
    """The in-process term index of the ranking must not remember experts of rolled-back tests
    (their ids come back on SQLite and would change the term weights)."""
    from taiex.staffing.ranking.index import reset_term_index

    reset_term_index()
    yield
    reset_term_index()


@pytest.fixture
def applicant(db):
    return make_user(Role.APPLICANT, country="RS", full_name="Ana Applicant")


@pytest.fixture
def ncp(db):
    return make_user(Role.NCP, country="RS", full_name="Nikola NCP Serbia")


@pytest.fixture
def ncp_albania(db):
    return make_user(Role.NCP, country="AL", full_name="Arta NCP Albania")


@pytest.fixture
def case_handler(db):
    return make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")


@pytest.fixture
def head_of_unit(db):
    return make_user(Role.HEAD_OF_UNIT, full_name="Hugo Head of Unit")


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMINISTRATOR, full_name="Alma Administrator", is_staff=True)


@pytest.fixture
def consultees(db):
    return {
        group: make_user(Role.CONSULTEE, group=group, full_name=f"Consultee {group}")
        for group in ("eu_delegation", "geographic_desk", "line_dg")
    }


@pytest.fixture
def expert(db):
    return make_user(Role.EXPERT, full_name="Eva Expert")


@pytest.fixture
def contractor(db):
    """A person of the logistics contractor "Balkan Events Ltd"."""
    return make_user(Role.LOGISTICS, full_name="Lena Logistics")
