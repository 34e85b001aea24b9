"""What both search backends share: how words are folded, which words are dropped, how a
person's query becomes search terms, and how matched words are highlighted (in Python, so that
snippets are the same on SQLite and PostgreSQL)."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe


def _accent_map():
    """Latin letters with diacritics -> their base letter, plus the stroke letters that have no
    Unicode decomposition (Đ, Ł, Ø, Ħ, dotless i): "Čačak" and "Đakovica" read as "Cacak",
    "Dakovica"."""
    pairs = {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ħ": "H", "ħ": "h"}
    pairs["\u0131"] = "i"  # dotless i
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base != char and base.isascii():
            pairs.setdefault(char, base)
    return pairs


ACCENTS = _accent_map()
# Stroke letters SQLite's unicode61 tokenizer does not fold by itself (its remove_diacritics
# folds only letters that decompose); its triggers replace these before indexing.
STROKE_LETTERS = {char: base for char, base in ACCENTS.items() if char in "ĐđŁłØøĦħ\u0131"}
# Punctuation PostgreSQL's parser would glue into one token (paths "2013/32/EU", hosts
# "e.g.", hyphenated words); SQLite splits on it, so PostgreSQL reads it as a space too.
SEPARATORS = "/.@:_-\u2013\u2014+&'\u2019"
FOLD_FROM = "".join(ACCENTS) + SEPARATORS
FOLD_TO = "".join(ACCENTS.values()) + " " * len(SEPARATORS)


def _cyrillic():
    """Cyrillic letters -> the Latin letters of Serbian (and Macedonian, Ukrainian, Russian)
    transliteration, accents folded: "јавних набавки" reads as "javnih nabavki", as its
    Serbian Latin spelling does; "љ" -> "lj", "ђ" -> "d" (the folded "đ")."""
    lower = dict(
        zip(
            "абвгдђежзијклмнопрстћуфхцчшѓѕќйыэєіїёґ",
            "abvgddezzijklmnoprstcufhccsgzkjyeeiieg",
            strict=True,
        )
    )
    lower |= {"љ": "lj", "њ": "nj", "џ": "dz", "ю": "ju", "я": "ja", "щ": "sc", "ь": "", "ъ": ""}
    return lower | {char.upper(): latin for char, latin in lower.items()}


CYRILLIC = _cyrillic()
# For SQL: the letters that become one Latin letter, and those that become two or none.
CYRILLIC_SINGLE = {char: latin for char, latin in CYRILLIC.items() if len(latin) == 1}
CYRILLIC_OTHER = {char: latin for char, latin in CYRILLIC.items() if len(latin) != 1}
_FOLD_TABLE = str.maketrans({**dict(zip(FOLD_FROM, FOLD_TO, strict=True)), **CYRILLIC})

# PostgreSQL's English stop words (english.stop): never searched for, on either backend, so
# that "the asylum" matches the same events everywhere.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which who
    whom this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now""".split()  # noqa: SIM905 (reads as the list it copies)
)
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    return text.translate(_FOLD_TABLE).lower()


SUFFIXES = ("ations", "ation", "ants", "ant", "ments", "ment", "ings", "ing", "ies", "es", "ed")


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """A rough stem, only to decide which words a snippet marks (the database does the real
    English stemming): "migrants", "migration" -> "migr"; "centres", "centre" -> "centr"."""
    word = fold(word)
    for suffix in (*SUFFIXES, "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def highlight(text: str, query) -> str:
    """`text`, HTML-escaped, with the words that match `query` in <mark>."""
    stems = query.stems()
    if not stems:  # no words (a search by facets): nothing to mark
        return escape(text)
    return mark_safe("".join(_marked(text, stems)))  # noqa: S308 (every piece escaped)


def _marked(text, stems):
    """The pieces of `text`, escaped; the words whose stem is in `stems` in <mark>. The text
    between two marked words is escaped as one piece (escaping each word and space was most of
    a result page's highlighting)."""
    plain = []
    for index, piece in enumerate(re.split(r"([^\W_]+)", text)):
        if index % 2 == 1 and stems and light_stem(piece) in stems:
            yield escape("".join(plain))
            plain = []
            yield f"<mark>{escape(piece)}</mark>"
        else:
            plain.append(piece)
    yield escape("".join(plain))


def snippet(texts, query, *, words=30) -> str:
    """A short passage of the first of `texts` that matches `query` (or of the first non-empty
    one), HTML-escaped, with the matching words in <mark>."""
    stems = query.stems()
    texts = [text for text in texts if text]
    if not texts:
        return ""
    chosen, start = texts[0], 0
    for text in texts if stems else ():
        tokens = WORD.findall(text)
        hit = next((i for i, token in enumerate(tokens) if light_stem(token) in stems), None)
        if hit is not None:
            chosen, start = text, max(0, hit - 8)
            break
    pieces = re.split(r"([^\W_]+)", chosen)
    # Pieces alternate separator, word, separator...; word number n is pieces[2n + 1].
    first, last = 2 * start + 1, 2 * (start + words) + 1
    passage = "".join(pieces[first:last]) if start else "".join(pieces[:last])
    prefix = "… " if start else ""
    suffix = " …" if last < len(pieces) - 1 else ""
    return mark_safe(  # noqa: S308 (highlight escapes every piece)
        escape(prefix) + highlight(passage.strip(), query) + escape(suffix)
    )
