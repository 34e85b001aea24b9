"""URLs of the expert database: registration, e-mail confirmation, the expert's profile and
data, the CV, and the staff verification pages (staffing adds its own under /experts/)."""

from . import profiles

app_name = "experts"
urlpatterns = [*profiles.urlpatterns]
