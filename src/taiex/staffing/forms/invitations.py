"""Forms of calls for experts and invitations; the services check the rules."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taiex.events.enums import ExpertRole
from taiex.reference.translation import translated

from ..queries.invitations import INVITE_SEARCH_LIMIT, invitable_experts_matching


class CallForm(forms.Form):
    description = forms.CharField(
        label=_("What expertise the event needs"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Experts whose profile fits see this on their home page."),
    )


class InterestForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you are interested"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say in a few words why you are interested.")},
    )


def expert_choice_label(expert):
    """Tells experts of the same name apart: Member State, employer and e-mail."""
    where = translated(expert.member_state)
    if expert.employer_id:
        where = f"{where}, {expert.employer.name}"
    return f"{expert.user.full_name} ({where}) <{expert.user.email}>"


class InviteForm(forms.Form):
    """Finds the expert to invite by a part of their name, e-mail or employer, without
    JavaScript: one verified expert matching is invited; several are offered as a radio choice
    on the page again; none is an error on the text. The ranking page posts the expert's number
    directly in the hidden `expert` field."""

    query = forms.CharField(
        label=_("Expert"),
        required=False,
        max_length=200,
        help_text=_("Part of the name, the e-mail or the employer of a verified expert."),
    )
    expert = forms.IntegerField(
        label=_("Choose the expert"), required=False, min_value=1, widget=forms.HiddenInput
    )
    role = forms.ChoiceField(label=_("Role"), choices=ExpertRole.choices, initial=ExpertRole.EXPERT)

    def offer(self, experts):
        """Show `experts` as a radio choice (after a search matching several)."""
        self.fields["expert"].widget = forms.RadioSelect(
            choices=[(expert.pk, expert_choice_label(expert)) for expert in experts]
        )

    @property
    def error_field(self):
        """Where a refusal about the expert goes: the text typed when the expert was found by
        it alone, else the expert (the radio choice, or the ranking page's hidden number)."""
        found_by_text = self.fields["expert"].widget.is_hidden and self.cleaned_data.get("query")
        return "query" if found_by_text else "expert"

    def clean(self):
        cleaned = super().clean()
        if "expert" in self.errors:
            return cleaned
        query = " ".join(cleaned.get("query", "").split())
        chosen = cleaned.get("expert")
        if chosen and not query:  # from the ranking page
            return cleaned
        if not query:
            self.add_error(
                "query",
                _("Type part of the name, the e-mail or the employer of the expert to invite."),
            )
            return cleaned
        matches = invitable_experts_matching(query)
        if chosen and any(expert.pk == chosen for expert in matches):
            self.offer(matches)  # the choice stays on the page if the invitation is refused
            return cleaned
        cleaned["expert"] = None  # a choice among another search's matches
        if not matches:
            self.add_error(
                "query",
                gettext("No verified expert has “%(query)s” in their name, e-mail or employer.")
                % {"query": query},
            )
        elif len(matches) > INVITE_SEARCH_LIMIT:
            self.add_error(
                "query",
                gettext(
                    "More than %(limit)s verified experts match “%(query)s”: add a word of the "
                    "name, the e-mail or the employer."
                )
                % {"limit": INVITE_SEARCH_LIMIT, "query": query},
            )
        elif len(matches) > 1:
            self.offer(matches)
            self.add_error(
                "expert",
                gettext("%(count)s verified experts match “%(query)s”: choose one.")
                % {"count": len(matches), "query": query},
            )
        else:
            cleaned["expert"] = matches[0].pk
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the invitation is withdrawn"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the invitation is withdrawn.")},
    )


class LinkAnswerForm(DeclineForm):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
