"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taiex.settings")
application = get_asgi_application()

# The expert ranking's term index is built in the background at start-up, not by a request.
from taiex.staffing.ranking.index import warm_term_index  # noqa: E402 - needs the apps loaded

warm_term_index()
