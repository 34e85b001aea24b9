"""Pages of requests, by sub-domain: lists (the homes' queues, list, CSV), form (new, edit),
detail (page, actions)."""

from .detail import application_act, application_detail
from .form import application_delete, application_edit, application_new
from .lists import application_list, queue_sections

__all__ = [
    "application_act",
    "application_delete",
    "application_detail",
    "application_edit",
    "application_list",
    "application_new",
    "queue_sections",
]
