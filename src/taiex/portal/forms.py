"""The public search form: words, facets (several values each), sort; read from the query
string so that every result page has a stable, shareable address."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from taiex.events.queries.search import SearchFilters
from taiex.reference.enums import AssistanceType, MissionKind, Modality

SORT_CHOICES = [
    ("relevance", gettext_lazy("Relevance")),
    ("-date", gettext_lazy("Newest first")),
    ("date", gettext_lazy("Oldest first")),
    ("title", gettext_lazy("Title (A to Z)")),
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
                    raise ValidationError(
                        _("“%(value)s” is not a valid value.") % {"value": item[:40]},
                        code="invalid",
                    )
                converted = text
            else:
                try:
                    converted = int(item)
                except ValueError:
                    raise ValidationError(
                        _("“%(value)s” is not a whole number.") % {"value": item[:40]},
                        code="invalid",
                    ) from None
                if not self.min_value <= converted <= self.max_value:
                    raise ValidationError(
                        _("Choose a value from %(min)s to %(max)s.")
                        % {"min": self.min_value, "max": self.max_value},
                        code="out_of_range",
                    )
            if converted not in cleaned:
                cleaned.append(converted)
        return tuple(cleaned)


class PublicSearchForm(forms.Form):
    """An invalid value is reported next to its field and ignored, so results still show."""

    q = forms.CharField(
        label=gettext_lazy("Search events"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Words in the title, summary, legislation, institutions or places."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    country = ValuesField(label=gettext_lazy("Beneficiary"), pattern=r"[A-Z]{2,3}", upper=True)
    window = ValuesField(
        label=pgettext_lazy("funding window", "Window"), pattern=r"[a-z0-9_-]{1,30}"
    )
    type = forms.MultipleChoiceField(
        label=pgettext_lazy("event type", "Type"), required=False, choices=AssistanceType.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    modality = forms.MultipleChoiceField(
        label=gettext_lazy("Modality"), required=False, choices=Modality.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Kind of expert mission"), required=False, choices=MissionKind.choices,
        widget=forms.MultipleHiddenInput,
    )  # fmt: skip
    chapter = ValuesField(label=gettext_lazy("Chapter"), min_value=1, max_value=99)
    cluster = ValuesField(label=gettext_lazy("Cluster"), min_value=1, max_value=99)
    year = ValuesField(label=gettext_lazy("Year"), min_value=1990, max_value=2100)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False, choices=SORT_CHOICES)
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
