"""Nobody, not even a superuser, adds a request or an event in the admin: they come from the
workflow."""

import pytest
from django.urls import reverse

from taiex.applications.models import Application
from taiex.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "add_url", "list_url"),
    [
        (
            Application,
            "admin:applications_application_add",
            "admin:applications_application_changelist",
        ),
        (Event, "admin:events_event_add", "admin:events_event_changelist"),
    ],
)
def test_the_admin_cannot_add_requests_or_events(admin_client, model, add_url, list_url):
    form = admin_client.get(reverse(add_url))
    posted = admin_client.post(reverse(add_url), {"title": "Bypassing the workflow"})
    listing = admin_client.get(reverse(list_url))

    assert (form.status_code, posted.status_code) == (403, 403)
    assert model.objects.count() == 0
    assert listing.context["has_add_permission"] is False
    assert reverse(add_url) not in listing.content.decode()
