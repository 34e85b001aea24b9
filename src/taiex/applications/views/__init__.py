"""Pages of requests, by sub-domain: lists (homes, list, CSV), form (new, edit), detail (page,
actions)."""

from .detail import application_act, application_detail
from .form import application_edit, application_new
from .lists import application_list, home

__all__ = [
    "application_act",
    "application_detail",
    "application_edit",
    "application_list",
    "application_new",
    "home",
]
