"""Pickers that fit the data: lists a person can filter, and institution lists narrowed to a
country on the server (site.js adds a filter box and follows the country on the page)."""

from django import forms

# The class that site.js looks for to put a "Filter" text box above a long list (a <select>,
# or the box of a checkbox list); a short list (ten items or fewer) is left as it is.
FILTERABLE = "filterable"


def filterable(widget):
    """`widget` marked for the filter box of site.js (works without JavaScript: a plain list)."""
    classes = widget.attrs.get("class", "").split()
    if FILTERABLE not in classes:
        widget.attrs["class"] = " ".join([*classes, FILTERABLE])
    return widget


class CountryNarrowedMixin:
    """A select of institutions whose options carry their country (data-country, its pk) and
    are narrowed to `countries` (pks) on the server when it is set: the page re-rendered after
    a country was chosen lists that country's institutions only. The field's queryset stays the
    wider set, so an institution of another country reaches the form's validation and is refused
    there with a message that names the country, not Django's "Select a valid choice"."""

    countries = None

    def create_option(  # noqa: PLR0917 (Django's signature, called with positional arguments)
        self, name, value, label, selected, index, subindex=None, attrs=None
    ):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-country"] = str(instance.country_id)
        return option

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if self.countries is None:
            return groups
        shown = {str(pk) for pk in self.countries}
        narrowed = []
        for group_name, options, index in groups:
            kept = [
                option
                for option in options
                if option["selected"]
                or "data-country" not in option["attrs"]
                or option["attrs"]["data-country"] in shown
            ]
            if kept:
                narrowed.append((group_name, kept, index))
        return narrowed


class InstitutionSelect(CountryNarrowedMixin, forms.Select):
    pass


class InstitutionSelectMultiple(CountryNarrowedMixin, forms.SelectMultiple):
    pass
