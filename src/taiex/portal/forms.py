"""The public search form: words, facets (several values each), sort; read from the query
string so that every result page has a stable, shareable address."""

import re

from django import forms
from django.core.exceptions import ValidationError

from taiex.events.queries.search import SearchFilters
from taiex.reference.enums import AssistanceType, MissionKind, Modality

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("-date", "Newest first"),
    ("date", "Oldest first"),
    ("title", "Title (A to Z)"),
]


class ValuesField(forms.Field):
    """Several values of one query parameter (?country=RS&country=AL), each checked by
    `pattern` or turned into an int within `min_value`..`max_value`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern=None, min_value=None, max_value=None, upper=False, **kwargs):
        super().__init__(required=False, **kwargs)
        self.pattern = re.compile(pattern) if pattern else None
        self.min_value, self.max_value, self.upper = min_value, max_value, upper

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return [str(item).strip() for item in values if str(item).strip()][:50]

    def clean(self, value):
        cleaned = []
        for item in self.to_python(value):
            if self.pattern is not None:
                text = item.upper() if self.upper else item
                if not self.pattern.fullmatch(text):
                    raise ValidationError(f"“{item[:40]}” is not a valid value.", code="invalid")
                converted = text
            else:
                try:
                    converted = int(item)
                except ValueError:
                    raise ValidationError(
                        f"“{item[:40]}” is not a whole number.", code="invalid"
                    ) from None
                if not self.min_value <= converted <= self.max_value:
                    raise ValidationError(
                        f"Choose a value from {self.min_value} to {self.max_value}.",
                        code="out_of_range",
                    )
            if converted not in cleaned:
                cleaned.append(converted)
        return tuple(cleaned)


class PublicSearchForm(forms.Form):
    """An invalid value is reported next to its field and ignored, so results still show."""

    q = forms.CharField(
        label="Search events",
        required=False,
        max_length=200,
        help_text="Words in the title, summary, legislation, institutions or places.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    country = ValuesField(label="Beneficiary", pattern=r"[A-Z]{2,3}", upper=True)
    window = ValuesField(label="Window", pattern=r"[a-z0-9_-]{1,30}")
    type = forms.MultipleChoiceField(
        label="Type", required=False, choices=AssistanceType.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    modality = forms.MultipleChoiceField(
        label="Modality", required=False, choices=Modality.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    kind = forms.MultipleChoiceField(
        label="Kind of expert mission", required=False, choices=MissionKind.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    chapter = ValuesField(label="Chapter", min_value=1, max_value=99)
    cluster = ValuesField(label="Cluster", min_value=1, max_value=99)
    year = ValuesField(label="Year", min_value=1990, max_value=2100)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)
    # Set by the "Search instead for ..." link: the words as typed, typos not corrected.
    exact = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def to_filters(self) -> SearchFilters:
        """The valid filters (an invalid field counts as empty)."""
        self.is_valid()
        cleaned = {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors
        }
        return SearchFilters(
            q=(cleaned.get("q") or "").strip(),
            country=cleaned.get("country") or (),
            window=cleaned.get("window") or (),
            type=tuple(cleaned.get("type") or ()),
            modality=tuple(cleaned.get("modality") or ()),
            kind=tuple(cleaned.get("kind") or ()),
            chapter=cleaned.get("chapter") or (),
            cluster=cleaned.get("cluster") or (),
            year=cleaned.get("year") or (),
            sort=cleaned.get("sort") or "relevance",
            exact=bool(cleaned.get("exact")),
        )
