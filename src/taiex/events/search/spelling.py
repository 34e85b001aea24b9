"""Forms of a word that the stemmers do not join: British and American spellings, nationality
and place adjectives with their nouns, and the -ant/-ation pairs ("migrant" <-> "migration").
Every form is an alternative of the same search term (any of them may match)."""

# British -> American pairs that no rule catches safely ("-our" and "-re" endings are lists:
# "hour", "four", "genre" must not change). Plurals in -s are added below.
PAIRS = {
    "labour": "labor", "harbour": "harbor", "behaviour": "behavior", "neighbour": "neighbor",
    "favour": "favor", "colour": "color", "honour": "honor", "rumour": "rumor",
    "vapour": "vapor", "endeavour": "endeavor", "flavour": "flavor", "odour": "odor",
    "tumour": "tumor", "armour": "armor", "centre": "center", "metre": "meter",
    "litre": "liter", "theatre": "theater", "fibre": "fiber", "calibre": "caliber",
    "licence": "license", "defence": "defense", "offence": "offense", "pretence": "pretense",
    "programme": "program", "catalogue": "catalog", "dialogue": "dialog",
    "analogue": "analog", "judgement": "judgment", "ageing": "aging", "fulfil": "fulfill",
    "enrolment": "enrollment", "instalment": "installment", "grey": "gray",
    "aluminium": "aluminum", "sulphur": "sulfur", "paediatric": "pediatric",
    "anaemia": "anemia", "haemophilia": "hemophilia", "oesophagus": "esophagus",
    "manoeuvre": "maneuver", "mould": "mold", "plough": "plow", "draught": "draft",
    "tyre": "tire", "kerb": "curb", "sceptical": "skeptical", "practise": "practice",
}  # fmt: skip
# Doubled l before a suffix in British spelling ("travelling", "modelled", "counsellor").
DOUBLE_L = ("travel", "model", "label", "cancel", "counsel", "signal", "fuel", "level",
            "channel", "tunnel", "equal", "total", "dial", "marshal", "jewel", "panel")  # fmt: skip

# Adjectives of nationality and place, and their nouns (both directions).
ADJECTIVES = {
    "albanian": "albania", "bosnian": "bosnia", "kosovar": "kosovo", "kosovan": "kosovo",
    "montenegrin": "montenegro", "macedonian": "macedonia", "serbian": "serbia",
    "turkish": "turkey", "turkiye": "turkey", "croatian": "croatia", "icelandic": "iceland",
    "armenian": "armenia", "azerbaijani": "azerbaijan", "belarusian": "belarus",
    "georgian": "georgia", "moldovan": "moldova", "ukrainian": "ukraine",
    "algerian": "algeria", "egyptian": "egypt", "israeli": "israel", "jordanian": "jordan",
    "lebanese": "lebanon", "libyan": "libya", "moroccan": "morocco",
    "palestinian": "palestine", "syrian": "syria", "tunisian": "tunisia",
    "russian": "russia", "european": "europe", "mexican": "mexico",
    "ecuadorian": "ecuador", "namibian": "namibia", "vietnamese": "vietnam",
    "austrian": "austria", "belgian": "belgium", "bulgarian": "bulgaria",
    "cypriot": "cyprus", "czech": "czechia", "danish": "denmark", "estonian": "estonia",
    "finnish": "finland", "french": "france", "german": "germany", "greek": "greece",
    "hungarian": "hungary", "irish": "ireland", "italian": "italy", "latvian": "latvia",
    "lithuanian": "lithuania", "maltese": "malta", "dutch": "netherlands",
    "polish": "poland", "portuguese": "portugal", "romanian": "romania",
    "slovak": "slovakia", "slovenian": "slovenia", "slovene": "slovenia",
    "spanish": "spain", "swedish": "sweden", "mediterranean": "mediterranean",
}  # fmt: skip


def _pairs():
    pairs = {}
    for british, american in PAIRS.items():
        for suffix in ("", "s"):
            pairs[british + suffix] = american + suffix
            pairs[american + suffix] = british + suffix
    for stem in DOUBLE_L:
        for suffix in ("ing", "ed", "er", "ers", "or", "ors"):
            pairs[stem + "l" + suffix] = stem + suffix
            pairs[stem + suffix] = stem + "l" + suffix
    return pairs


SPELLINGS = _pairs()
NOUNS = {}
for _adjective, _noun in ADJECTIVES.items():
    NOUNS.setdefault(_adjective, set()).add(_noun)
    NOUNS.setdefault(_noun, set()).add(_adjective)
    NOUNS.setdefault(_adjective + "s", set()).add(_noun)  # "Ukrainians"
# Türkiye is folded to "turkiye"; "Turkish" and "Turkey" reach it too.
NOUNS["turkey"].add("turkiye")
NOUNS["turkish"].add("turkiye")

# -ise/-ize: "harmonisation" <-> "harmonization", "organised" <-> "organized". A false form
# ("wize") matches nothing, so the rule needs no list of exceptions.
ISE_ENDINGS = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"),
               ("ises", "izes"), ("ised", "ized"), ("ising", "izing"), ("yse", "yze"),
               ("ysed", "yzed"), ("ysing", "yzing"))  # fmt: skip
ANT_ATION = (("ants", "ation"), ("ant", "ation"), ("ations", "ant"), ("ation", "ant"))


def spelling_forms(word: str) -> list[str]:
    """`word` and its other spellings and related forms, `word` first."""
    forms = [word]

    def add(form):
        if form not in forms:
            forms.append(form)

    if word in SPELLINGS:
        add(SPELLINGS[word])
    for british, american in ISE_ENDINGS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                add(word[: -len(ending)] + other)
    for suffix, other in ANT_ATION:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            add(word[: -len(suffix)] + other)
            break
    for noun in sorted(NOUNS.get(word, ())):
        add(noun)
    return forms
