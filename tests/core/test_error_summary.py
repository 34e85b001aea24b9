"""The one error summary (core/_error_summary.html) of every form: "There is a problem", one
item per error linking to its field, non-field errors unlinked, focusable; the same on the
forms of every app."""

from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from taiex.applications import services
from taiex.applications.models import Application
from taiex.core.error_summary import ErrorItem, error_items
from taiex.reference.models import Country
from tests.accounts.test_registration import registration_data
from tests.error_summary import field_errors, summary_items
from tests.factories import submittable_application
from tests.factories.money import SubsistenceRateFactory


class Sample(forms.Form):
    name = forms.CharField(label="Name")
    email = forms.EmailField(label="E-mail")
    token = forms.CharField(widget=forms.HiddenInput, label="Token")
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        raise forms.ValidationError("The whole form is wrong.")


def test_errors_come_in_page_order_with_non_field_errors_first_and_unlinked():
    form = Sample({"email": "not an address"})

    assert error_items(form) == [
        ErrorItem("The whole form is wrong."),
        ErrorItem("Token: This field is required."),  # a hidden field has nothing to focus
        ErrorItem("This field is required.", "#id_name"),
        ErrorItem("Enter a valid email address.", "#id_email"),
        ErrorItem("This field is required.", "#id_colours"),
    ]


def test_several_forms_formsets_dicts_and_plain_messages():
    first = Sample({"name": "a", "email": "a@example.org", "token": "t", "colours": ["r"]})
    rows = forms.formset_factory(Sample, extra=0)(
        {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-name": "",
            "rows-0-email": "b@example.org",
            "rows-0-token": "t",
            "rows-0-colours": ["g"],
        },
        prefix="rows",
    )
    unbound = Sample(prefix="other")

    assert error_items(["A line of the file is wrong."], {"a": first}, rows, unbound, None) == [
        ErrorItem("A line of the file is wrong."),
        ErrorItem("The whole form is wrong."),
        ErrorItem("The whole form is wrong."),
        ErrorItem("This field is required.", "#id_rows-0-name"),
    ]


def test_the_include_renders_heading_links_and_focus_target():
    html = Template("{% error_summary form %}").render(Context({"form": Sample({})}))

    assert summary_items(html) == [
        ("", "The whole form is wrong."),
        ("", "Token: This field is required."),
        ("#id_name", "This field is required."),
        ("#id_email", "This field is required."),
        ("#id_colours", "This field is required."),
    ]
    assert "data-error-summary" in html
    assert Template("{% error_summary form %}").render(Context({"form": Sample()})).strip() == ""


@pytest.mark.django_db
def test_accounts_registration(client):
    data = registration_data(
        full_name="", email="not-an-address", password_confirmation="something-else-12"
    )

    response = client.post(reverse("accounts:register"), data)

    assert summary_items(response) == [
        ("#id_full_name", "This field is required."),
        ("#id_email", "Enter a valid email address."),
        ("#id_password_confirmation", "The two passwords are not the same."),
    ]
    assert field_errors(response)["id_full_name"] == ["This field is required."]
    assert 'aria-describedby="id_full_name_error"' in response.content.decode()


@pytest.mark.django_db
def test_reference_rate_form(client, head_of_unit):
    SubsistenceRateFactory(valid_from=date(2019, 7, 1))
    client.force_login(head_of_unit)

    response = client.post(
        reverse("rates:subsistence_add"),
        {"country": Country.objects.get(code="RS").pk, "daily_amount": "", "valid_from": "x"},
    )

    assert response.status_code == 400
    assert summary_items(response) == [
        ("#id_daily_amount", "This field is required."),
        ("#id_valid_from", "Enter a valid date."),
    ]


@pytest.mark.django_db
def test_an_action_button_on_the_request_page(client, applicant, ncp):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    client.force_login(ncp)

    response = client.post(
        reverse("applications:act", args=[application.pk, "return"]), {"return-reason": " "}
    )

    assert response.status_code == 400
    assert summary_items(response) == [
        ("#id_return-reason", "Say what the applicant should correct.")
    ]
    assert field_errors(response)["id_return-reason"] == ["Say what the applicant should correct."]
    html = response.content.decode()
    # The summary is the first thing of the page's content.
    assert html.index("data-error-summary") < html.index("<h1>")


@pytest.mark.django_db
def test_an_action_that_fails_after_a_redirect_shows_its_error_first(client, applicant):
    application = submittable_application(applicant)
    client.force_login(applicant)
    Application.objects.filter(pk=application.pk).update(state="withdrawn")

    response = client.post(
        reverse("applications:act", args=[application.pk, "withdraw"]),
        {"withdraw-reason": ""},
        follow=True,
    )

    html = response.content.decode()
    alert = html.index('class="messages messages-error" role="alert" tabindex="-1"')
    assert alert < html.index("<h1>")
    assert "it cannot move" in html[alert : html.index("<h1>")]
