"""The public pages in French, as a browser set to French asks for them (Accept-Language): no
English sentence is left apart from user content (titles, summaries, places), the reference
data reads in French, and the dates are French."""

import pytest
from django.urls import reverse

from tests.i18n import english_left, untranslated_nodes

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.5"}


def user_content():
    """Texts that are the same in both languages on purpose: what people wrote, and the names
    of the reference data that French writes as English does (REGIO PEER 2 PEER)."""
    from taiex.events.models import Event
    from taiex.reference.models import Window

    texts = [w.name for w in Window.objects.all() if w.name_translations.get("fr") == w.name]
    for event in Event.objects.all():
        texts += [event.title, event.summary, event.place, event.legislation, event.keywords]
        texts += [event.beneficiary_institutions, event.original_title, event.original_summary]
    return [text for text in texts if text]


def both(client, url):
    english = client.get(url).content.decode()
    french = client.get(url, **FRENCH).content.decode()
    return english, french


PAGES = [
    ("portal:index", {}),
    ("portal:events", {}),
    ("portal:event", {"reference": "EM-2024-0007"}),
    ("portal:statistics", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_public_pages_are_in_french_for_a_french_browser(client, catalogue, name, kwargs):
    english, french = both(client, reverse(name, kwargs=kwargs))

    assert '<html lang="fr" dir="ltr">' in french
    assert '<html lang="en" dir="ltr">' in english
    assert english_left(french) == []
    assert untranslated_nodes(english, french, user_content()) == []


def test_the_search_in_french_its_facets_and_its_counts(client, catalogue):
    content = client.get(reverse("portal:events"), **FRENCH).content.decode()

    assert "<h1>Rechercher des événements réalisés</h1>" in content
    assert '<h2 id="results-heading">3 événements</h2>' in content
    assert "Serbie <span" in content  # the countries' French names in the facets
    assert "24. Justice, liberté et sécurité <span" in content  # the official French title
    assert "Élargissement <span" in content  # the window

    chosen = client.get(reverse("portal:events") + "?type=expert_mission", **FRENCH)
    content = chosen.content.decode()
    assert '<h2 id="results-heading">1 événement</h2>' in content
    assert "Type : Mission d&#x27;experts \u00d7" in content  # the chosen filter, in French


def test_the_event_page_in_french_dates_footnote_and_reference_names(client, catalogue):
    content = client.get(
        reverse("portal:event", kwargs={"reference": "EM-2024-0007"}), **FRENCH
    ).content.decode()

    assert (
        'du <time datetime="2024-10-01">1 octobre 2024</time> '
        'au <time datetime="2024-10-03">3 octobre 2024</time>'
    ) in content
    assert "<dt>Type</dt><dd>Mission d&#x27;experts</dd>" in content
    assert "Cette désignation est sans préjudice des positions sur le statut" in content
    # User content is not translated.
    assert "Risk analysis on illegal migration" in content


def test_the_english_page_keeps_its_english_dates(client, catalogue):
    content = client.get(
        reverse("portal:event", kwargs={"reference": "EM-2024-0007"})
    ).content.decode()

    assert (
        '<time datetime="2024-10-01">1 Oct 2024</time> to '
        '<time datetime="2024-10-03">3 Oct 2024</time>'
    ) in content
