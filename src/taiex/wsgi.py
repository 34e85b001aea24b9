"""WSGI entry point (gunicorn taiex.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taiex.settings")
application = get_wsgi_application()
