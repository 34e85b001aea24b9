from django.urls import path

from . import views
from .views import attachments, contacts

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/edit/", views.application_edit, name="edit"),
    path("<int:pk>/delete/", views.application_delete, name="delete"),
    path("<int:pk>/documents/add/", attachments.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/documents/<int:attachment_pk>/",
        attachments.attachment_download,
        name="attachment",
    ),
    path(
        "<int:pk>/documents/<int:attachment_pk>/remove/",
        attachments.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "<int:pk>/contacts/<int:contact_pk>/my-data.json",
        contacts.contact_export,
        name="contact_export",
    ),
    path("<int:pk>/contacts/<int:contact_pk>/erase/", contacts.contact_erase, name="contact_erase"),
    path("<int:pk>/<slug:action>/", views.application_act, name="act"),
]
