"""The request form: new and edit; "Save draft" keeps anything, "Submit" checks everything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.core.audit import activity_of
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.models import Country
from taiex.reference.templatetags.countries import collect_footnotes

from .. import services
from ..eligibility import submission_warnings
from ..forms import (
    FOLDED_FIELDS,
    SECTION_TYPES,
    ApplicationForm,
    ContactFormSet,
    InterpretationPairFormSet,
    add_errors_allowed,
    contacts_from,
    pairs_from,
    section_applies,
    sections_of,
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
    """The request form. "Save draft" stores any partial data (and creates the draft of a new
    request); "Submit" saves and submits in one transaction, so a refused submission changes
    nothing, creates nothing, and shows every problem in the error summary with the entered
    values kept."""
    instance = application or Application(created_by=request.user)
    problems = {}
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=instance, user=request.user)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        # A post without the pairs' rows (a hand-made or older form) leaves the pairs as they
        # are: the formset is then unbound, and save_draft is given no pairs.
        if "pairs-TOTAL_FORMS" in request.POST:
            pairs = InterpretationPairFormSet(request.POST, prefix="pairs")
        else:
            pairs = InterpretationPairFormSet(prefix="pairs", initial=initial_pairs(application))
        # Every form and formset is validated (not stopping at the first invalid one), so the
        # page shows every error at once.
        valid = [form.is_valid(), contacts.is_valid(), not pairs.is_bound or pairs.is_valid()]
        if all(valid):
            submitting = "submit" in request.POST
            try:
                saved = save_and_maybe_submit(
                    request, application, form, contacts, submitting, pairs=pairs
                )
            except services.StaleEdit as error:
                form.add_error(None, str(error))
            except services.ApplicationError as error:
                if error.problems:
                    problems = error.problems
                    attach_problems(form, contacts, problems)
                elif application is None:
                    form.add_error(None, str(error))
                else:
                    messages.error(request, str(error))
                    return redirect("applications:detail", application.pk)
            except TransitionNotAllowed as error:
                if application is None:
                    form.add_error(None, str(error))
                else:
                    messages.error(request, str(error))
                    return redirect("applications:detail", application.pk)
            else:
                if not submitting:
                    messages.success(
                        request, _("%(request)s saved as a draft.") % {"request": saved}
                    )
                    return redirect("applications:edit", saved.pk)
                messages.success(
                    request,
                    _("%(request)s was submitted to the national contact point.")
                    % {"request": saved},
                )
                for warning in submission_warnings(saved, timezone.localdate()):
                    messages.warning(request, warning)
                return redirect("applications:detail", saved.pk)
    else:
        form = ApplicationForm(instance=instance, user=request.user)
        contacts = ContactFormSet(prefix="contacts", initial=initial_contacts(application))
        pairs = InterpretationPairFormSet(prefix="pairs", initial=initial_pairs(application))
        if application is not None:
            problems = services.submission_problems_for(
                application, actor=request.user, today=timezone.localdate()
            )
            if request.GET.get("check"):
                attach_problems(form, contacts, problems)
                for warning in submission_warnings(application, timezone.localdate()):
                    messages.warning(request, warning)
    # Institutions of Kosovo* or Palestine** in the options: their footnotes go in the footer.
    partners = form.fields["partner_institutions"].queryset
    collect_footnotes(
        request,
        Country.objects.exclude(official_footnote="").filter(institutions__in=partners).distinct(),
    )
    failed = request.method == "POST" and (
        form.errors or contacts.total_error_count() or pairs.total_error_count() or problems
    )
    status_of = section_statuses(request, application, form, contacts, problems, pairs=pairs)
    sections = [
        {
            "anchor": anchor,
            "heading": heading,
            "fields": [form[name] for name in names],
            "folded": FOLDED_FIELDS,
            "types": " ".join(SECTION_TYPES.get(anchor, ())),
            "applies": section_applies(anchor, form.assistance_type),
            "status": status_of(names) if section_applies(anchor, form.assistance_type) else None,
        }
        for anchor, heading, names in sections_of(form)
    ]
    contact_section = {
        "anchor": "contacts",
        "heading": _("Contact persons"),
        "status": status_of(["contacts"]),
    }
    return render(
        request,
        "applications/form.html",
        {
            "form": form,
            "contacts": contacts,
            "pairs": pairs,
            # The rows with a language, for the folded list's summary ("2 chosen").
            "pairs_entered": sum(
                1
                for row in pairs.forms
                if row["source"].value() not in (None, "")
                or row["target"].value() not in (None, "")
            ),
            "application": application,
            "sections": sections,
            "contact_section": contact_section,
            "submission_problems": problems,
            "summary_lead": summary_lead(request, application),
            "return_reason": return_reason(application, list(activity_of(application)))
            if application is not None
            else None,
        },
        status=400 if failed else 200,
    )


def summary_lead(request, application):
    if request.method != "POST":
        return _("The request cannot be submitted yet.")
    if "submit" in request.POST:
        return (
            _("The request was not submitted and nothing was saved.")
            if application
            else _("The request was not submitted and no draft was created.")
        )
    return _("Your changes were not saved.")


def save_and_maybe_submit(request, application, form, contacts, submitting, *, pairs):
    """Create the draft if new, save the edit and, when `submitting`, submit it: all or nothing."""
    fields, relations = form.split()
    with transaction.atomic():
        saved = application
        if saved is None:
            saved = services.create_draft(actor=request.user)
        saved = services.save_draft(
            saved,
            actor=request.user,
            fields=fields,
            relations=relations,
            contacts=contacts_from(contacts),
            pairs=pairs_from(pairs) if pairs.is_bound else None,
            expected_version=form.cleaned_data["version"],
        )
        if submitting:
            saved = services.submit_application(saved, actor=request.user)
    return saved


def attach_problems(form, contacts, problems):
    """The submission problems beside their fields: the request's on the form, "contacts" on
    the first contact person's name, or on the form when the post has no contact row."""
    rest = form.add_problems(problems)
    for message in rest.pop("contacts", []):
        if contacts.forms:
            add_errors_allowed(contacts.forms[0]).add_error("name", message)
        else:  # a post without any contact row (a hand-made or truncated form)
            form.add_error(None, message)
    for messages_ in rest.values():
        for message in messages_:
            form.add_error(None, message)


def section_statuses(request, application, form, contacts, problems, *, pairs):
    """A function giving the state of a section (its field names) for the box at the top.

    The errors on the page count first ("N to complete or correct"). A refused Submit put every
    problem on the page, so a section without error is complete. Otherwise the state comes from
    the saved draft's submission problems ("Complete"), or "Not started" before the first save.
    """
    errors = {name: len(messages_) for name, messages_ in form.errors.items()}
    contact_errors = sum(len(f.errors) for f in contacts.forms if f.errors)
    if contact_errors:
        errors["contacts"] = contact_errors
    # The pairs are drawn in the "interpretation" section: their errors count on its note.
    pair_errors = pairs.total_error_count()
    if pair_errors:
        errors["interpretation_note"] = errors.get("interpretation_note", 0) + pair_errors
    all_on_page = request.method == "POST" and "submit" in request.POST and bool(problems)
    saved = problems if request.method == "GET" else None
    if saved is None and application is not None and not all_on_page:
        saved = services.submission_problems_for(
            application, actor=request.user, today=timezone.localdate()
        )

    def status(names):
        count = sum(errors.get(name, 0) for name in names)
        if not count and saved is not None and not all_on_page:
            count = sum(len(saved.get(name, [])) for name in names)
        if count:
            return {
                "complete": False,
                "label": ngettext(
                    "%(count)s to complete or correct", "%(count)s to complete or correct", count
                )
                % {"count": count},
            }
        if application is None and not all_on_page:
            return {"complete": False, "label": _("Not started")}
        return {"complete": True, "label": _("Complete")}

    return status


def initial_pairs(application):
    if application is None:
        return []
    return [
        {"source": pair.source_id, "target": pair.target_id, "mode": pair.mode}
        for pair in application.interpretation_pairs.all()
    ]


def initial_contacts(application):
    if application is None:
        return []
    return list(application.contacts.values("name", "position", "email", "phone"))


@login_required
def application_delete(request, pk):
    """Delete a draft never submitted, after confirmation; only who started it (404 for others,
    who may not even know the draft exists)."""
    application = user_application(request.user, pk)
    if application.created_by_id != request.user.pk:
        raise Http404
    if not request.user.has_perm("applications.delete_application", application):
        messages.error(
            request,
            _("%(request)s was submitted and cannot be deleted; withdraw it instead.")
            % {"request": application},
        )
        return redirect("applications:detail", application.pk)
    if request.method == "POST":
        try:
            services.delete_draft(application, actor=request.user)
        except services.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("applications:detail", application.pk)
        messages.success(request, _("%(request)s was deleted.") % {"request": application})
        return redirect("applications:list")
    return render(request, "applications/delete.html", {"application": application})
