"""Checks of translated pages: the English sentences of the catalogue that are still visible on
a page rendered in another language (a missing {% translate %}, or a catalogue not compiled)."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "src/taiex/locale/fr/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}|<[^>]+>|\n")
MIN_WORDS = 3  # shorter pieces ("Participants", "Total") are often the same in French


@cache
def english_sentences():
    """The pieces of the catalogue's English texts between placeholders and tags, of three
    words or more, that differ from their French translation."""
    pieces = set()
    for entry in polib.pofile(str(CATALOGUE)):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in filter(None, [entry.msgid, entry.msgid_plural]):
            for raw in PLACEHOLDER.split(text):
                piece = " ".join(raw.split()).strip(" .,:;()")
                if len(piece.split()) >= MIN_WORDS and not any(piece in t for t in translations):
                    pieces.add(piece)
    return pieces


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:  # what a screen reader or a tooltip says is visible too
            if name in {"aria-label", "title", "alt", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_left(html):
    """The English sentences of the catalogue visible on the page, sorted."""
    text = visible_text(html)
    return sorted(piece for piece in english_sentences() if piece in text)


def _text_nodes(html):
    parser = _VisibleText()
    parser.feed(html)
    return {" ".join(part.split()) for part in parser.parts}


def untranslated_nodes(english_html, french_html, user_content=()):
    """Text nodes of three words or more that read the same in the English and the French
    page (a string never marked for translation), less those inside user content (titles,
    summaries, names) that is not translated on purpose."""
    same = _text_nodes(english_html) & _text_nodes(french_html)

    def without_user_content(node):
        for text in sorted(user_content, key=len, reverse=True):
            node = node.replace(" ".join(text.split()), "")
        return node

    return sorted(node for node in same if len(without_user_content(node).split()) >= MIN_WORDS)


# A browser set to French, as the French page tests send it.
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.5"}


def both(client, url):
    """The page at `url` as an English and as a French browser get it."""
    english = client.get(url).content.decode()
    french = client.get(url, **FRENCH).content.decode()
    return english, french
