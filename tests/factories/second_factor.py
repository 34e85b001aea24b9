"""Second factors for tests: an enrolled authenticator and the code it shows, as a phone would."""

import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.accounts.second_factor import enrol_with_secret

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol(user, secret=SECRET):
    """Give `user` a confirmed authenticator app with a known secret."""
    return enrol_with_secret(user, actor=None, base32_secret=secret)


def code_for(device, *, steps_ahead=0):
    """The code the app shows now (`steps_ahead` 30-second steps away). A code accepted once is
    refused after, so when this step's code was used the next step's is given (the device
    accepts one step ahead), waiting for the clock when even that one was used."""
    while True:
        device = TOTPDevice.objects.get(pk=device.pk)
        now_step = (int(time.time()) - device.t0) // device.step + device.drift
        step = max(now_step + steps_ahead, device.last_t + 1)
        if step <= now_step + device.tolerance:
            return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"
        time.sleep(device.step - (int(time.time()) - device.t0) % device.step + 0.1)
