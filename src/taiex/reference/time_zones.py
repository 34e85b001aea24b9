"""The time zone of a country's capital, for an event whose venue is in that country.

Read from the IANA database's `zone.tab` shipped by the PyPI package `tzdata` (a dependency, so
nothing is downloaded at run time): a country with one zone gets it; a country with several gets
the zone of its capital, from `CAPITAL_ZONES` where the first row of `zone.tab` is another city
(Kaliningrad for Russia, Simferopol for Ukraine). Kosovo and the Turkish Cypriot community have
no ISO row in `zone.tab`. An event held elsewhere than the capital of a multi-zone country (Cancún,
Vladivostok) is corrected on the event's details page."""

from functools import cache
from importlib import resources

# Countries with several zones whose first `zone.tab` row is not the capital's zone, and the
# codes `zone.tab` does not list.
CAPITAL_ZONES = {
    "AU": "Australia/Sydney",  # Canberra
    "BR": "America/Sao_Paulo",  # Brasília
    "CA": "America/Toronto",  # Ottawa
    "FM": "Pacific/Pohnpei",  # Palikir
    "PS": "Asia/Hebron",  # Ramallah, West Bank
    "RU": "Europe/Moscow",
    "TCC": "Asia/Famagusta",  # the Turkish Cypriot community, northern Cyprus
    "UA": "Europe/Kyiv",
    "US": "America/New_York",  # Washington
    "UZ": "Asia/Tashkent",
    "XK": "Europe/Belgrade",  # Kosovo*: Pristina keeps the same time as Belgrade
}


@cache
def _first_zones():
    zones = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_comment = line.split("\t")
            zones.setdefault(code, zone)
    return zones


def capital_time_zone(country_code):
    """The IANA zone of the capital of `country_code` (ISO 3166 alpha-2, or TCC); None when
    the code is unknown or empty."""
    if not country_code:
        return None
    return CAPITAL_ZONES.get(country_code) or _first_zones().get(country_code)
