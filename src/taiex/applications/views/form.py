"""The request form: new and edit; "Save draft" keeps anything, "Submit" checks everything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.core.audit import activity_of
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.models import Country
from taiex.reference.templatetags.countries import collect_footnotes

from .. import services
from ..eligibility import submission_warnings
from ..forms import (
    ApplicationForm,
    ContactFormSet,
    contacts_from,
)
from ..models import Application
from .detail import return_reason, user_application


@login_required
def application_new(request):
    if not roles_of(request.user).has(Role.APPLICANT):
        raise Http404
    return edit_page(request, None)


@login_required
def application_edit(request, pk):
    application = user_application(request.user, pk)
    if not request.user.has_perm("applications.edit_application", application):
        raise PermissionDenied
    return edit_page(request, application)


def edit_page(request, application):
    """The request form: "Save draft" stores any partial data; "Submit" saves, then submits."""
    instance = application or Application(created_by=request.user)
    problems = {}
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=instance, user=request.user)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        if form.is_valid() and contacts.is_valid():
            fields, relations = form.split()
            try:
                if application is None:
                    application = services.create_draft(actor=request.user)
                application = services.save_draft(
                    application,
                    actor=request.user,
                    fields=fields,
                    relations=relations,
                    contacts=contacts_from(contacts),
                    expected_version=form.cleaned_data["version"],
                )
            except services.StaleEdit as error:
                form.add_error(None, str(error))
            except services.ApplicationError as error:
                messages.error(request, str(error))
                return redirect("applications:detail", application.pk)
            else:
                if "submit" not in request.POST:
                    messages.success(request, f"{application} saved as a draft.")
                    return redirect("applications:edit", application.pk)
                try:
                    application = services.submit_application(application, actor=request.user)
                except services.ApplicationError as error:
                    problems = error.problems
                    form = ApplicationForm(instance=application, user=request.user)
                    contacts = ContactFormSet(
                        prefix="contacts", initial=initial_contacts(application)
                    )
                    messages.error(
                        request,
                        "Your changes are saved, but the request cannot be submitted yet: "
                        "see the problems below.",
                    )
                except TransitionNotAllowed as error:
                    messages.error(request, str(error))
                    return redirect("applications:detail", application.pk)
                else:
                    messages.success(
                        request,
                        f"{application} was submitted to the national contact point.",
                    )
                    for warning in submission_warnings(application, timezone.localdate()):
                        messages.warning(request, warning)
                    return redirect("applications:detail", application.pk)
    else:
        form = ApplicationForm(instance=instance, user=request.user)
        contacts = ContactFormSet(prefix="contacts", initial=initial_contacts(application))
        if application is not None and request.GET.get("check"):
            problems = services.submission_problems_for(
                application, actor=request.user, today=timezone.localdate()
            )
            for warning in submission_warnings(application, timezone.localdate()):
                messages.warning(request, warning)
    # Institutions of Kosovo* or Palestine** in the options: their footnotes go in the footer.
    partners = form.fields["partner_institutions"].queryset
    collect_footnotes(
        request,
        Country.objects.exclude(official_footnote="").filter(institutions__in=partners).distinct(),
    )
    status = (
        400 if request.method == "POST" and (form.errors or contacts.errors or problems) else 200
    )
    return render(
        request,
        "applications/form.html",
        {
            "form": form,
            "contacts": contacts,
            "application": application,
            "fieldsets": [
                (legend, [(form[name], problems.get(name, [])) for name in names])
                for legend, names in FIELDSETS
            ],
            "contact_problems": problems.get("contacts", []),
            "return_reason": return_reason(application, list(activity_of(application)))
            if application is not None
            else None,
            "problem_list": [(form_label(form, name), msgs) for name, msgs in problems.items()],
        },
        status=status,
    )


FIELDSETS = [
    (
        "The request",
        [
            "assistance_type",
            "modality",
            "title",
            "lead_institution",
            "window",
            "partner_institutions",
        ],
    ),
    (
        "Purpose and EU law",
        ["objectives", "legislation", "celex_numbers", "chapters", "expected_results"],
    ),
    ("Context", ["policy_framework", "other_assistance"]),
    (
        "Keywords and the beneficiary's language",
        ["keywords", "original_title", "original_summary", "original_language"],
    ),
    ("Dates and place", ["preferred_start", "preferred_end", "place"]),
    (
        "People",
        [
            "participants_count",
            "participants_profile",
            "working_languages",
            "interpretation_needs",
        ],
    ),
    (
        "Experts (workshops and expert missions)",
        ["experts_count", "expertise_wished", "member_state_preference"],
    ),
    (
        "The host (study visits)",
        ["host_country", "host_institution_wished", "host_left_to_programme"],
    ),
]


def form_label(form, name):
    if name in form.fields:
        return form.fields[name].label or name
    return {"contacts": "Contact persons"}.get(name, name)


def initial_contacts(application):
    if application is None:
        return []
    return list(application.contacts.values("name", "position", "email", "phone"))
