"""URLs of the preparation part of events: the agenda (sessions and PDF) and documents."""

from django.urls import path

from ..views import preparation

urlpatterns = [
    path("<int:pk>/agenda/", preparation.agenda, name="agenda"),
    path("<int:pk>/agenda.pdf", preparation.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/agenda/<int:session_pk>/", preparation.session_edit, name="session_edit"),
    path(
        "<int:pk>/agenda/<int:session_pk>/delete/",
        preparation.session_delete,
        name="session_delete",
    ),
    path("<int:pk>/documents/", preparation.documents, name="documents"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        preparation.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/delete/",
        preparation.document_delete,
        name="document_delete",
    ),
]
