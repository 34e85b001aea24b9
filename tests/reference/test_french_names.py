"""The reference data people read has French names as data (migration 0019): the official
French titles of the 35 acquis chapters, every country, the windows, clusters, teams and
institution kinds, and the official footnotes of Kosovo* and Palestine**."""

from django.utils import translation

from taiex.reference.models import (
    Chapter,
    Cluster,
    Country,
    InstitutionKind,
    ThematicTeam,
    Window,
)
from taiex.reference.translation import lazy_name, translated


def test_every_name_people_read_has_a_french_name(db):
    for model in (Chapter, Cluster, Country, InstitutionKind, ThematicTeam, Window):
        without = [str(row.pk) for row in model.objects.all() if not row.name_translations]
        assert without == [], model.__name__
    assert Chapter.objects.count() == 35


def test_the_official_french_titles_and_names(db):
    with translation.override("fr"):
        assert (
            str(Chapter.objects.get(number=23)) == "23. Pouvoir judiciaire et droits fondamentaux"
        )
        assert str(Chapter.objects.get(number=12)) == (
            "12. Sécurité alimentaire, politique vétérinaire et phytosanitaire"
        )
        assert str(Country.objects.get(code="MK")) == "Macédoine du Nord"
        assert str(Country.objects.get(code="TR")) == "Türkiye"
        assert str(Country.objects.get(code="XK")) == "Kosovo*"
        assert str(Window.objects.get(code="neighbourhood-south")) == "Voisinage méridional"
        assert str(InstitutionKind.objects.get(code="judiciary")) == "Pouvoir judiciaire"
    kosovo = Country.objects.get(code="XK")
    assert translated(kosovo, "official_footnote", "fr").startswith(
        "Cette désignation est sans préjudice des positions sur le statut"
    )


def test_the_english_name_stays_in_english_and_is_the_fallback(db):
    serbia = Country.objects.get(code="RS")
    with translation.override("en"):
        assert str(serbia) == "Serbia"
        assert str(lazy_name(serbia)) == "Serbia"
    with translation.override("fr"):
        assert str(lazy_name(serbia)) == "Serbie"
    serbia.name_translations = None
    with translation.override("fr"):
        assert str(serbia) == "Serbia"  # no French name: the English one
