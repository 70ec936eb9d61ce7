"""WSGI entry point (gunicorn sedp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sedp.settings")
application = get_wsgi_application()
