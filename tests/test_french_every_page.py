"""Every page of the inventory (tests/pages.py), opened by its role with the person's language
set to French (the anonymous visitor with a French browser), shows none of the catalogue's
English sentences: each string the catalogue translates is rendered translated on every page.

Stored texts are left out: they were written once, in the language of the moment (the history's
notes and the names of their objects, inbox items made while the person's language was still
English, a contact person's position), and are not translated on purpose (docs/decisions.md).
"""

import pytest

from taiex.applications.models import ContactPerson
from taiex.core.models import ActivityLog, InboxItem
from tests.i18n import english_left
from tests.pages import PAGES, fetch_every_page, make_page_data


def stored_texts():
    texts = [
        *ActivityLog.objects.values_list("note", flat=True),
        *ActivityLog.objects.values_list("object_repr", flat=True),
        *InboxItem.objects.values_list("subject", flat=True),
        *InboxItem.objects.values_list("body", flat=True),
        *ContactPerson.objects.values_list("position", flat=True),
    ]
    return sorted({text for text in texts if text}, key=len, reverse=True)


@pytest.mark.django_db
def test_every_page_in_french_leaves_no_english_sentence_of_the_catalogue(settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path
    data = make_page_data()
    left, opened = {}, 0
    french = fetch_every_page(data, language="fr", accept_language="fr-FR,fr;q=0.9")
    for role, url, response in french:
        html = response.content.decode()
        assert '<html lang="fr"' in html, url
        for text in stored_texts():
            html = html.replace(text, "")
        opened += 1
        if english := english_left(html):
            left[f"{role} {url}"] = english

    assert left == {}
    assert opened == len(PAGES)
