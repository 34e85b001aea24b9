"""The site's URLs: public portal at /, people at /accounts/, requests, events, admin, API."""

from django.contrib import admin
from django.urls import include, path
from oauth2_provider.views import TokenView

from taiex.accounts import urls as accounts_urls
from taiex.portal.homes.views import decide_proposals, home

from .api import api

# The role homes list what waits in the apps above accounts (they live in portal, which sees all
# of them), so the frame adds the homes to the accounts URLs (accounts imports none of them).
accounts_patterns = [
    *accounts_urls.urlpatterns,
    path("home/", home, name="home"),
    path("home/decide-proposals/", decide_proposals, name="decide_proposals"),
]

urlpatterns = [
    path("", include("taiex.portal.urls")),
    path("", include("taiex.core.urls")),
    path("accounts/", include((accounts_patterns, accounts_urls.app_name))),
    path("requests/", include("taiex.applications.urls")),
    path("events/", include("taiex.events.urls")),
    path("experts/", include("taiex.experts.urls")),
    path("experts/", include("taiex.staffing.urls")),
    path("evaluations/", include("taiex.evaluations.urls")),
    path("rates/", include("taiex.reference.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # OAuth2 client credentials for the API: only the token endpoint (accounts/api_clients.py).
    path("oauth/token/", TokenView.as_view(), name="oauth_token"),
]
