# ruff: noqa: RUF001 (French apostrophes)
"""The rate tables in French (the list, a rate's form, the CSV import and its problems), money
in the French way, and the languages of the reference data with their French names."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from taiex.reference.models import Country, Language, SubsistenceRate
from tests.i18n import FRENCH, both, english_left, untranslated_nodes

pytestmark = pytest.mark.django_db


def user_content():
    from taiex.accounts.models import User
    from taiex.reference.models import FeeRule

    texts = [user.full_name for user in User.objects.all()]
    texts += [rule.note for rule in FeeRule.objects.all()]
    return [text for text in texts if text]


def assert_all_french(english, french):
    assert '<html lang="fr" dir="ltr">' in french
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


@pytest.fixture
def serbian_rate(db):
    return SubsistenceRate.objects.create(
        country=Country.objects.get(code="RS"),
        daily_amount=Decimal("1234.50"),
        valid_from=date(2030, 1, 1),
    )


def test_the_rate_tables_in_french(client, head_of_unit, serbian_rate):
    client.force_login(head_of_unit)

    english, french = both(client, reverse("rates:list") + "?country=RS")

    assert_all_french(english, french)
    assert "<h1>Honoraires et indemnités : barèmes</h1>" in french
    assert "<td>1\u00a0234,50\u00a0EUR " in french  # money in the French way
    assert "<td>1,234.50\u00a0EUR " in english
    assert "<caption>1 taux de Serbie</caption>" in french
    assert "le taux de Serbie à partir du 1 janvier 2030" in french


def test_the_rate_form_and_its_errors_in_french(client, head_of_unit, serbian_rate):
    client.force_login(head_of_unit)
    url = reverse("rates:subsistence_edit", args=[serbian_rate.pk])

    english, french = both(client, url)
    assert_all_french(english, french)
    assert "<h1>Indemnité journalière de Serbie à partir du 1 janvier 2030</h1>" in french

    refused = client.post(
        url,
        {"daily_amount": "-1", "valid_from": "2030-01-01", "valid_to": "2029-01-01"},
        **FRENCH,
    ).content.decode()
    assert "Le montant ne peut pas être négatif." in refused
    assert "La fin de validité ne peut pas précéder son début." in refused
    serbian_rate.refresh_from_db()
    assert serbian_rate.daily_amount == Decimal("1234.50")


def test_the_import_and_its_problems_in_french(client, head_of_unit):
    client.force_login(head_of_unit)
    url = reverse("rates:subsistence_import")

    english, french = both(client, url)
    assert_all_french(english, french)
    assert "<h1>Importer des indemnités journalières depuis un CSV</h1>" in french

    upload = SimpleUploadedFile(
        "rates.csv", b"country,daily_amount,valid_from,valid_to\nZZ,ninety,2030-13-01,\n"
    )
    refused = client.post(url, {"file": upload}, **FRENCH).content.decode()
    assert "Rien n’a été importé." in refused
    assert "Ligne 2, colonne country : code de pays inconnu « ZZ »." in refused
    assert "Ligne 2, colonne daily_amount : « ninety » n’est pas un montant en EUR" in refused
    assert "Ligne 2, colonne valid_from : « 2030-13-01 » n’est pas une date (AAAA-MM-JJ)." in (
        refused
    )
    assert not SubsistenceRate.objects.exists()


def test_the_languages_have_french_names_as_data():
    french = Language.objects.get(code="fr")
    serbian = Language.objects.get(code="sr")

    assert french.name_translations == {"fr": "français"}
    with translation.override("fr"):
        assert [str(french), str(serbian)] == ["français", "serbe"]
    with translation.override("en"):
        assert [str(french), str(serbian)] == ["French", "Serbian"]
    assert Language.objects.filter(name_translations__isnull=True).count() == 0
