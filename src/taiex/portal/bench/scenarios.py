"""The searches the benchmark runs, as the query strings a person would send. Plain data (no
Django import): the locustfile, which runs outside Django, reads it too."""

# Words alone: ranked full text (accents folded: "Cacak" finds "Čačak"; stemming: "centres").
KEYWORD = (
    {"q": "asylum"},
    {"q": "migration"},
    {"q": "waste water"},
    {"q": "Cacak"},
    {"q": "customs procedures"},
    {"q": "data protection"},
    {"q": "food safety"},
    {"q": "detention centres"},
    {"q": "judiciary"},
    {"q": "electricity market"},
)
# Facets alone: no words, newest first.
FACETS = (
    {"country": "RS"},
    {"type": "study_visit", "year": "2019"},
    {"window": "neighbourhood-east", "modality": "online"},
    {"chapter": "24"},
    {"cluster": "2"},
    {"country": ["TR", "AL"], "year": "2005"},
    {"window": "enlargement", "type": "workshop"},
    {"year": ["2010", "2011", "2012"]},
)
# Words and facets together.
COMBINED = (
    {"q": "asylum", "country": "AZ"},
    {"q": "water", "year": "2015", "type": "workshop"},
    {"q": "customs", "window": "enlargement", "chapter": "29"},
    {"q": "data protection", "country": "RS", "type": "expert_mission"},
    {"q": "border", "year": ["2019", "2020"], "modality": "on_site"},
    {"q": "Uzice", "type": "workshop"},
    {"q": "energy", "window": "neighbourhood-south"},
    {"q": "food", "cluster": "5", "sort": "-date"},
)
SCENARIOS = {"keyword": KEYWORD, "facets": FACETS, "combined": COMBINED}


def query_pairs(params):
    """[(name, value)] with repeated names for lists, as in ?year=2019&year=2020."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    return pairs
