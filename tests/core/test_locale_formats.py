"""Dates, numbers and money in the reader's locale: 8 mars 2017 and 1 234,50 EUR in French,
8 Mar 2017 and 1,234.50 EUR in English."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from taiex.core.templatetags.money import money

NBSP = "\u00a0"


def render(source, **context):
    return Template("{% load money %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "8 mars 2017"), ("en", "8 Mar 2017")],
)
def test_a_date_in_the_readers_language(language, expected):
    with translation.override(language):
        assert render('{{ day|date:"DATE_FORMAT" }}', day=date(2017, 3, 8)) == expected


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("fr", Decimal("1234.5"), f"1{NBSP}234,50{NBSP}EUR"),
        ("en", Decimal("1234.5"), f"1,234.50{NBSP}EUR"),
        ("fr", Decimal("1234567.891"), f"1{NBSP}234{NBSP}567,89{NBSP}EUR"),
        ("fr", Decimal(0), f"0,00{NBSP}EUR"),
        ("en", "-12.5", f"-12.50{NBSP}EUR"),
    ],
)
def test_money_in_the_readers_locale(language, amount, expected):
    with translation.override(language):
        assert money(amount) == expected
        assert render("{{ amount|money }}", amount=amount) == expected


def test_money_leaves_what_is_not_an_amount_as_it_is():
    assert money(None) == ""
    assert money("") == ""
    assert money("n/a") == "n/a"


def test_a_number_in_the_readers_locale():
    with translation.override("fr"):
        assert Template("{{ n }}").render(Context({"n": 1234.5})) == "1234,5"
    with translation.override("en"):
        assert Template("{{ n }}").render(Context({"n": 1234.5})) == "1234.5"
