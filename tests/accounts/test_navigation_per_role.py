"""Applicants and experts are not offered the staff's pages: the main menu lists none of them
for these roles, and each page refuses them when its address is typed."""

import re

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["events:list", "staffing:search", "events:payments", "rates:list", "core:audit_log"]


def menu_links(client, user):
    client.force_login(user)
    html = client.get(reverse("accounts:home")).content.decode()
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", text).split()[0]
        for text in re.findall(r"<a href=\"[^\"]+\">(.*?)</a>", menu, re.S)
    ]


def test_the_applicants_menu_has_no_staff_page(client):
    user = make_user(Role.APPLICANT, full_name="Ana Applicant")

    assert menu_links(client, user) == [
        "Implemented",
        "Statistics",
        "My",
        "Inbox",
        "Requests",
        "Calendar",
        "Ana",
    ]


def test_the_experts_menu_has_no_staff_page(client):
    user = make_user(Role.EXPERT, full_name="Erik Expert")

    assert menu_links(client, user) == [
        "Implemented",
        "Statistics",
        "My",
        "Inbox",
        "Requests",
        "Calendar",
        "My",
        "Erik",
    ]


def test_a_case_handlers_menu_has_the_staff_pages(client):
    user = make_user(Role.CASE_HANDLER, full_name="Cas Handler")

    assert menu_links(client, user) == [
        "Implemented",
        "Statistics",
        "My",
        "Inbox",
        "Requests",
        "Events",
        "Experts",
        "Payments",
        "Rates",
        "Calendar",
        "Cas",
    ]


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.EXPERT])
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_the_staff_pages_refuse_applicants_and_experts(client, role, page):
    client.force_login(make_user(role))

    assert client.get(reverse(page)).status_code in (403, 404)
