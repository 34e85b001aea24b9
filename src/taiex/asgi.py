"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taiex.settings")
application = get_asgi_application()

# The expert ranking's term index and the statistics' facts are read in the background at
# start-up, not by a request.
from taiex.events.queries.statistics_facts import warm_statistics_facts  # noqa: E402
from taiex.staffing.ranking.index import warm_term_index  # noqa: E402 - needs the apps loaded

warm_term_index()
warm_statistics_facts()
