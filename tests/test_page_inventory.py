"""The inventory of pages (tests/pages.py) covers the urlconf: each named URL is a page opened
by a role, or excluded with its reason; and each page answers 200 to its role."""

import pytest
from django.test import Client
from django.urls import resolve

from tests.pages import (
    ANONYMOUS,
    EXCLUDED,
    EXCLUDED_NAMESPACES,
    PAGES,
    ROLES,
    excluded,
    make_page_data,
    pages,
    url_names,
)


def test_every_url_name_is_a_page_of_the_inventory_or_excluded_with_its_reason():
    inventoried = {page.name for page in PAGES}

    missing = sorted(name for name in url_names() if name not in inventoried and not excluded(name))

    assert missing == [], (
        "These URLs are neither pages of tests/pages.py (opened with axe by "
        "tests/browser/test_every_page.py) nor excluded there with a reason: " + ", ".join(missing)
    )


def test_the_inventory_and_the_exclusions_name_only_urls_that_exist_and_do_not_overlap():
    names = url_names()
    inventoried = {page.name for page in PAGES}

    assert sorted(inventoried - names) == []
    assert sorted(set(EXCLUDED) - names) == []
    assert sorted(inventoried & set(EXCLUDED)) == []
    assert [p.name for p in PAGES if p.name.split(":")[0] in EXCLUDED_NAMESPACES] == []
    assert all(reason.strip() for reason in [*EXCLUDED.values(), *EXCLUDED_NAMESPACES.values()])
    assert {page.role for page in PAGES} <= set(ROLES)


@pytest.mark.django_db
def test_every_page_of_the_inventory_answers_200_to_its_role(settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path
    data = make_page_data()
    failures = []
    seen = []
    redirecting = {page.name for page in PAGES if page.redirects}
    for role, url in pages(data):
        client = Client()
        if role != ANONYMOUS:
            client.force_login(data.users[role])
        name = resolve(url.split("?")[0]).view_name
        response = client.get(url, follow=name in redirecting)
        seen.append(name)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            failures.append(f"{role} {url}: {response.status_code} {response['Content-Type']}")

    assert failures == [], "\n".join(failures)
    assert sorted(seen) == sorted(page.name for page in PAGES)
