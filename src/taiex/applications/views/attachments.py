"""Documents of a request: add and remove (those who may edit it), download (those who may
see it), always through the request's permission check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..attachments import add_attachment, remove_attachment
from ..forms import AttachmentForm
from ..services import ApplicationError
from .detail import user_application


def editable_application(user, pk):
    application = user_application(user, pk)
    if not user.has_perm("applications.edit_application", application):
        raise PermissionDenied
    return application


@login_required
@require_POST
def attachment_add(request, pk):
    application = editable_application(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES, prefix="attach")
    if not form.is_valid():
        messages.error(request, _("Choose the document and say what it is."))
        return redirect("applications:detail", application.pk)
    try:
        attachment = add_attachment(
            application,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(document)s was added.") % {"document": attachment.original_name}
        )
    return redirect("applications:detail", application.pk)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    application = editable_application(request.user, pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    try:
        remove_attachment(attachment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{attachment.original_name} was removed.")
    return redirect("applications:detail", application.pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    application = user_application(request.user, pk)  # 404 for anybody who may not see it
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
