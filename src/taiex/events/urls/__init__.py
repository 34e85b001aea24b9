"""URLs of events, one module per part: the event (list, page, moves), preparation (agenda and
documents), participants and attendance, logistics and fees, the mission report, calendars.

The event's own patterns come last: its `<pk>/<action>/` would otherwise catch the parts' pages.
"""

from . import (
    calendars,
    event,
    fees,
    hosting,
    limits,
    logistics,
    participants,
    preparation,
    reports,
    series,
    travellers,
)

app_name = "events"
urlpatterns = [
    *preparation.urlpatterns,
    *participants.urlpatterns,
    *fees.urlpatterns,
    *travellers.urlpatterns,
    *logistics.urlpatterns,
    *reports.urlpatterns,
    *calendars.urlpatterns,
    *limits.urlpatterns,
    *hosting.urlpatterns,
    *series.urlpatterns,
    *event.urlpatterns,
]
