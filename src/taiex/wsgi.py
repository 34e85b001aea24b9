"""WSGI entry point (gunicorn taiex.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taiex.settings")
application = get_wsgi_application()

# The expert ranking's term index is built in the background at start-up, not by a request.
from taiex.staffing.ranking.index import warm_term_index  # noqa: E402 - needs the apps loaded

warm_term_index()
