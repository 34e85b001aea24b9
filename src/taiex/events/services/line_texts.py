"""The texts of a fee statement's lines, kept as a key and its values so that a statement reads
in its reader's language: the case handler's English, the expert's French (a statement's lines
are frozen when it is approved; their words are not).

A line stores `label` (English, what the exports and the history read) and `text`:
{"key": ..., "args": {...}}. An argument is a plain string (a name, a time, a number), or
{"date": "2026-04-14"}, {"amount": "100.00"}, {"percent": "30"}, {"names": {"en": ..., "fr":
...}} (reference names, as data) or {"key": ..., "args": ...} (a clause, such as the reason a
travel day counts half). Lines computed before the texts existed have only `label`."""

from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

TEXTS = {
    "fee_day": _("Fee, %(day)s (event day)"),
    "host_fee_day": _("Host fee, %(day)s (event day)"),
    "travel_day": _("Travel day %(day)s, %(reason)s"),
    "outbound_full": _("outbound flight %(time)s: full day"),
    "outbound_half": _("outbound flight %(time)s after %(limit)s: half day"),
    "outbound_none": _("outbound flight %(time)s after %(limit)s: not counted"),
    "return_full": _("return flight lands %(time)s: full day"),
    "return_half": _("return flight lands %(time)s before %(limit)s: half day"),
    "return_none": _("return flight lands %(time)s before %(limit)s: not counted"),
    "approval_daily_fee": _(
        "Daily fee of %(amount)s EUR: the activity was approved on %(day)s, before the fee rules "
        "that followed."
    ),
    "approval_host_fee": _(
        "Host fee of %(amount)s EUR: the activity was approved on %(day)s, before the fee rules "
        "that followed."
    ),
    "allowance": _("Daily allowance, %(day)s (%(country)s)"),
    "allowance_share": _("Daily allowance, %(day)s (%(country)s): %(reason)s"),
    "hotel": _("Hotel night of %(day)s provided: %(percent)s%% of %(amount)s"),
    "breakfast": _("Breakfast of %(day)s provided: %(percent)s%% of %(amount)s"),
    "lunch": _("Lunch of %(day)s provided: %(percent)s%% of %(amount)s"),
    "dinner": _("Dinner of %(day)s provided: %(percent)s%% of %(amount)s"),
    "eu_staff": _("No fee and no daily allowance: %(name)s is staff of an EU institution."),
    "eu_body_official": _(
        "No fee and no daily allowance: %(name)s is an official of %(employer)s, an EU agency or "
        "institution (fee rules of %(day)s)."
    ),
    "online": _("No daily allowance: the event is held online."),
    "own_country": _(
        "No daily allowance: the event takes place in the expert's own country (%(country)s)."
    ),
    "no_travel": _("Daily allowance: computed once the travel is recorded."),
    "train_receipt": _("Train receipt no. %(number)s"),
    "train_receipt_described": _("Train receipt no. %(number)s: %(description)s"),
    "local_transport_receipt": _("Local transport receipt no. %(number)s"),
    "local_transport_receipt_described": _(
        "Local transport receipt no. %(number)s: %(description)s"
    ),
}


def text(key, **args):
    """A line's text: `key` of TEXTS and its arguments (see the module's docstring)."""
    if key not in TEXTS:
        raise KeyError(f"No statement text {key!r}.")
    return {"key": key, "args": args}


def day(value: date):
    return {"date": value.isoformat()}


def amount(value: Decimal):
    return {"amount": str(value)}


def percent(value: Decimal):
    return {"percent": format(value.normalize(), "f")}


def names(reference_row):
    """A reference row's name in every language it has (Country: name and name_translations)."""
    return {"names": {"en": reference_row.name, **(reference_row.name_translations or {})}}


def _argument(value):
    if not isinstance(value, dict):
        return value
    if "date" in value:
        return date_format(date.fromisoformat(value["date"]), "DATE_FORMAT")
    if "amount" in value:
        return number_format(Decimal(value["amount"]), decimal_pos=2)
    if "percent" in value:
        return number_format(Decimal(value["percent"]))
    if "names" in value:
        code = (translation.get_language() or "en").split("-")[0]
        return value["names"].get(code) or value["names"]["en"]
    return render(value)


def render(value):
    """The text in the active language."""
    template = TEXTS[value["key"]]
    args = {name: _argument(arg) for name, arg in value["args"].items()}
    return str(template) % args if args else str(template)


def english(value):
    """The text in English: a line's `label`."""
    with translation.override("en"):
        return render(value)


def label_of(line):
    """A stored line's label in the active language (its English label when it has no text)."""
    stored = line.get("text")
    if not stored or stored.get("key") not in TEXTS:
        return line["label"]
    return render(stored)


def local_day(value: date):
    """A date in the active language's format, for messages: 8 Mar 2017, 8 mars 2017."""
    return date_format(value, "DATE_FORMAT")
