"""manage.py demo_code: the code an authenticator app holding the demo's documented key shows
now, for the second step of a demo sign-in without a phone."""

import time
from base64 import b32decode

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from taiex.demo.people import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo accounts (staff, NCPs, consulted "
        "services), computed from the demo's documented key. It works for the demo only."
    )

    def handle(self, *args, **options):
        step = 30
        code = totp(b32decode(DEMO_TOTP_SECRET), step=step)
        left = step - int(time.time()) % step
        self.stdout.write(f"{code:06d}  (valid for {left} more seconds, then the next one)")
