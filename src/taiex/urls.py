"""The site's URLs: public portal at /, people at /accounts/, requests, events, admin, API."""

from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("taiex.portal.urls")),
    path("", include("taiex.core.urls")),
    path("accounts/", include("taiex.accounts.urls")),
    path("requests/", include("taiex.applications.urls")),
    path("events/", include("taiex.events.urls")),
    path("experts/", include("taiex.experts.urls")),
    path("rates/", include("taiex.reference.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
