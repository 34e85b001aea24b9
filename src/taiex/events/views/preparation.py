"""Pages of an event's preparation: the agenda builder (and its PDF) and the documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.agenda import SessionForm, session_initial
from ..forms.documents import DocumentForm
from ..models import AgendaSession, EventDocument
from ..queries.agenda import agenda_days, agenda_warnings, time_zone_label
from ..services import agenda as agenda_services
from ..services import documents as document_services
from ..services.errors import EventError
from .event import visible_event_or_404


def managed_event_or_denied(request, pk):
    """The event if the user may see it (404 otherwise) and manage it (403 otherwise)."""
    return denied_unless_manager(request, visible_event_or_404(request, pk))


def denied_unless_manager(request, event):
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


def render_agenda(request, event, form=None, status=200):
    can_edit = request.user.has_perm(
        "events.manage_event", event
    ) and agenda_services.agenda_is_editable(event)
    if can_edit and form is None:
        form = SessionForm(event=event, initial={"day": event.start_date})
    days = agenda_days(event)
    context = {
        "event": event,
        "days": days,
        "time_zone": time_zone_label(event),
        "warnings": agenda_warnings(days) if can_edit else [],
        "can_edit": can_edit,
        "form": form if can_edit else None,
    }
    return render(request, "events/agenda.html", context, status=status)


def save_session(request, form, save):
    """Run `save` (a service call) for a valid form; a refusal goes next to its field."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except EventError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False
    return True


@login_required
def agenda(request, pk):
    """The agenda of an event by day; staff who manage it add sessions while it is prepared."""
    event = visible_event_or_404(request, pk)
    if request.method != "POST":
        return render_agenda(request, event)
    denied_unless_manager(request, event)
    if not agenda_services.agenda_is_editable(event):
        messages.error(request, agenda_services.not_editable_message(event))
        return redirect("events:agenda", pk=event.pk)
    form = SessionForm(request.POST, event=event)
    saved = save_session(
        request,
        form,
        lambda data: agenda_services.add_session(event, actor=request.user, values=data),
    )
    if saved:
        messages.success(request, _("The session is added to the agenda."))
        return redirect("events:agenda", pk=event.pk)
    return render_agenda(request, event, form=form)


def session_of(event, session_pk):
    return get_object_or_404(AgendaSession, pk=session_pk, event=event)


@login_required
def session_edit(request, pk, session_pk):
    event = managed_event_or_denied(request, pk)
    session = session_of(event, session_pk)
    if not agenda_services.agenda_is_editable(event):
        messages.error(request, agenda_services.not_editable_message(event))
        return redirect("events:agenda", pk=event.pk)
    if request.method == "POST":
        form = SessionForm(request.POST, event=event)
        saved = save_session(
            request,
            form,
            lambda data: agenda_services.change_session(session, actor=request.user, values=data),
        )
        if saved:
            messages.success(request, _("The session is changed."))
            return redirect("events:agenda", pk=event.pk)
    else:
        form = SessionForm(event=event, initial=session_initial(session))
    context = {
        "event": event,
        "session": session,
        "form": form,
        "time_zone": time_zone_label(event),
    }
    return render(request, "events/session_edit.html", context)


@login_required
@require_POST
def session_delete(request, pk, session_pk):
    event = managed_event_or_denied(request, pk)
    session = session_of(event, session_pk)
    try:
        agenda_services.delete_session(session, actor=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The session is removed from the agenda."))
    return redirect("events:agenda", pk=event.pk)


@login_required
def agenda_pdf(request, pk):
    event = visible_event_or_404(request, pk)
    response = HttpResponse(agenda_services.agenda_pdf(event), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{event.reference}.pdf"'
    return response


def render_documents(request, event, form=None, status=200):
    can_manage = request.user.has_perm("events.manage_event", event)
    if can_manage and form is None:
        form = DocumentForm()
    context = {
        "event": event,
        "documents": list(EventDocument.objects.filter(event=event).select_related("uploaded_by")),
        "can_manage": can_manage,
        "form": form if can_manage else None,
    }
    return render(request, "events/documents.html", context, status=status)


@login_required
def documents(request, pk):
    """The documents of an event; staff who manage it upload and delete them."""
    event = visible_event_or_404(request, pk)
    if request.method != "POST":
        return render_documents(request, event)
    denied_unless_manager(request, event)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_services.upload_document(
                event,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "The document is uploaded.")
            return redirect("events:documents", pk=event.pk)
    return render_documents(request, event, form=form)


@login_required
def document_download(request, pk, document_pk):
    """The file of a document, as an attachment, for those who may see the event (404 for
    others, so its existence does not leak)."""
    event = visible_event_or_404(request, pk)
    document = get_object_or_404(EventDocument, pk=document_pk, event=event)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@require_POST
def document_delete(request, pk, document_pk):
    event = managed_event_or_denied(request, pk)
    document = get_object_or_404(EventDocument, pk=document_pk, event=event)
    document_services.delete_document(document, actor=request.user)
    messages.success(request, f"“{document.title}” is deleted.")
    return redirect("events:documents", pk=event.pk)
