"""URLs of the expert database, one module per part: profiles (registration, verification,
profile, home), search (staff search, ranking, staffing), invitations (calls, invitations)."""

from . import invitations, profiles, search

app_name = "experts"
urlpatterns = [*profiles.urlpatterns, *search.urlpatterns, *invitations.urlpatterns]
