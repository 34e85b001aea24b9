"""The HTTP boundary of requests: the request form, contact persons and the action forms."""

import re

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from taiex.accounts.models import Institution
from taiex.accounts.roles import roles_of
from taiex.core.lazy_text import lazy_format
from taiex.core.widgets import InstitutionSelectMultiple, filterable
from taiex.reference.enums import AssistanceType, InterpretationMode
from taiex.reference.keywords import clean_keywords
from taiex.reference.models import (
    BeneficiaryPeriod,
    Chapter,
    Country,
    Language,
    ThematicTeam,
    Window,
)
from taiex.reference.queries import (
    beneficiary_countries,
    beneficiary_country_choices,
    member_states_on,
    windows_open_for,
)
from taiex.reference.translation import translated

from .attachments import ATTACHMENT_MAX_BYTES
from .eligibility import study_visit_problems
from .enums import ApplicationState, Criterion, Decision, Opinion, Recommendation
from .models import Application, Attachment

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PLAIN_FIELDS = [
    "assistance_type",
    "modality",
    "window",
    "lead_institution",
    "title",
    "objectives",
    "legislation",
    "celex_numbers",
    "expected_results",
    "preferred_start",
    "preferred_end",
    "place",
    "participants_count",
    "participants_profile",
    "experts_count",
    "expertise_wished",
    "host_country",
    "host_institution_wished",
    "host_left_to_programme",
    "policy_framework",
    "other_assistance",
    "interpretation_note",
    "keywords",
    "original_title",
    "original_summary",
    "original_language",
]
RELATION_FIELDS = [
    "chapters",
    "working_languages",
    "member_state_preference",
    "partner_institutions",
]


# The sections of the request form, in page order: (anchor, heading, fields). A field of the
# form that no section names falls into "Other details" (sections_of), so a field added to the
# model and the form shows up without touching this list; name it here to place it better.
SECTIONS = [
    (
        "request",
        _("The request"),
        [
            "assistance_type",
            "modality",
            "title",
            "lead_institution",
            "window",
            "partner_institutions",
        ],
    ),
    (
        "purpose",
        _("Purpose and EU law"),
        [
            "objectives",
            "legislation",
            "celex_numbers",
            "chapters",
            "expected_results",
            "expertise_wished",
        ],
    ),
    ("context", _("Context"), ["policy_framework", "other_assistance"]),
    (
        "language",
        _("Keywords and the beneficiary's language"),
        ["keywords", "original_title", "original_summary", "original_language"],
    ),
    ("dates", _("Dates and place"), ["preferred_start", "preferred_end", "place"]),
    (
        "people",
        _("People"),
        [
            "participants_count",
            "participants_profile",
            "working_languages",
        ],
    ),
    # The language pairs (InterpretationPairFormSet) are drawn in this section, above the note.
    ("interpretation", _("Interpretation"), ["interpretation_note"]),
    (
        "experts",
        _("Experts (workshops and expert missions)"),
        ["experts_count", "member_state_preference"],
    ),
    (
        "host",
        _("The host (study visits)"),
        ["host_country", "host_institution_wished", "host_left_to_programme"],
    ),
]
OTHER_SECTION = ("other", _("Other details"))
# The sections that only some types of assistance have: a study visit has a host and no
# experts; a workshop and an expert mission send experts and have no host. The section of
# another type is marked "not applicable" on the page (hidden by site.js when the type changes)
# and its fields are emptied on save, so nothing of it is stored or checked at submission.
SECTION_TYPES = {
    "experts": (AssistanceType.WORKSHOP, AssistanceType.EXPERT_MISSION),
    "host": (AssistanceType.STUDY_VISIT,),
}
# The value a field of a section that does not apply is saved with.
EMPTY_VALUES = {"host_left_to_programme": False, "host_institution_wished": ""}
# Long lists of checkboxes: folded in a <details> so that they cost one Tab stop, not one each.
FOLDED_FIELDS = {"chapters", "member_state_preference", "working_languages"}


def section_applies(anchor, assistance_type):
    """Whether the section `anchor` applies to `assistance_type` (every section does while no
    type is chosen)."""
    types = SECTION_TYPES.get(anchor)
    return not assistance_type or types is None or assistance_type in types


def not_applicable_fields(assistance_type):
    """The fields of the sections that do not apply to `assistance_type`."""
    return {
        name
        for anchor, _, names in SECTIONS
        if not section_applies(anchor, assistance_type)
        for name in names
    }


def sections_of(form):
    """The sections of `form`, as (anchor, heading, field names), with the unplaced fields last."""
    placed = {name for _, _, names in SECTIONS for name in names}
    sections = [
        (anchor, heading, [name for name in names if name in form.fields])
        for anchor, heading, names in SECTIONS
    ]
    rest = [name for name in form.fields if name not in placed and not form[name].is_hidden]
    if rest:
        sections.append((*OTHER_SECTION, rest))
    return [section for section in sections if section[2]]


class CelexField(forms.CharField):
    """CELEX numbers separated by commas, spaces or new lines, stored as a list."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part.upper() for part in re.split(r"[\s,;]+", text) if part]

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value


class ApplicationForm(forms.ModelForm):
    """Every field is optional here, so a draft saves with any partial data; completeness and
    eligibility are checked on submission by services.submit_application."""

    celex_numbers = CelexField(
        required=False,
        label=_("CELEX numbers"),
        help_text=_("For example 32013L0032, 32013R0604; separate several with commas."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    host_left_to_programme = forms.TypedChoiceField(
        required=False,
        label=_("Who chooses the host (study visits only)"),
        choices=[
            ("named", _("We name the preferred host Member State below")),
            ("programme", _("We leave the choice of the host to the programme")),
        ],
        coerce=lambda value: value == "programme",
        empty_value=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Application
        fields = [*PLAIN_FIELDS, *RELATION_FIELDS]
        labels = {
            "title": _("Title"),
            "keywords": _("Keywords"),
            "chapters": _("Chapters"),
            "expected_results": _("Expected results"),
            "original_title": _("Title in your language"),
            "original_summary": _("Summary in your language"),
            "original_language": _("Language of the title and summary"),
            "assistance_type": _("Type of assistance"),
            "modality": _("How it takes place"),
            "window": _("Window (instrument)"),
            "lead_institution": _("Lead institution"),
            "legislation": _("EU legislation concerned"),
            "policy_framework": _("Policy framework"),
            "other_assistance": _("Other assistance on the same subject"),
            "interpretation_note": _("Other interpretation needs"),
            "objectives": _("Purpose and objectives"),
            "preferred_start": _("Preferred first day"),
            "preferred_end": _("Preferred last day"),
            "place": _("Place"),
            "participants_count": _("Number of participants"),
            "participants_profile": _("Profile of the participants"),
            "experts_count": _("Number of experts wished"),
            "expertise_wished": _("Expertise wished"),
            "member_state_preference": _("Member State preference for the experts"),
            "host_country": _("Preferred host Member State"),
            "host_institution_wished": _("Host administration you would like to visit (optional)"),
            "working_languages": _("Working languages"),
            "partner_institutions": _("Partner institutions"),
        }
        help_texts = {
            "legislation": _(
                "Name the acts (directives, regulations) or describe the area of law."
            ),
            "place": _("City and venue, for an on-site or hybrid event."),
            "partner_institutions": _(
                "Other institutions taking part; only a workshop may bring "
                "together several countries."
            ),
            "member_state_preference": _("Optional, for workshops and expert missions."),
            "participants_count": _("A study visit: the size of the visiting group."),
            "experts_count": _("Workshops and expert missions only: a study visit has no experts."),
            "expertise_wished": _(
                "Workshops and expert missions: the expertise the experts bring. "
                "A study visit: what the group wants to see and learn (optional)."
            ),
            "host_country": _(
                "Study visits only: the Member State whose administration the group "
                "would like to visit."
            ),
            "host_institution_wished": _(
                "Study visits only: for example the ministry or agency, if you know it."
            ),
            "window": _("The instrument that funds assistance to your country."),
            "interpretation_note": _(
                "Anything the language pairs above do not say: sign language, interpretation "
                "in some sessions only."
            ),
        }
        widgets = {
            "preferred_start": DATE_INPUT,
            "preferred_end": DATE_INPUT,
            "chapters": forms.CheckboxSelectMultiple,
            "member_state_preference": forms.CheckboxSelectMultiple,
            "working_languages": forms.CheckboxSelectMultiple,
            "objectives": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "legislation": forms.Textarea(attrs={"rows": 3}),
            "keywords": forms.Textarea(attrs={"rows": 2}),
            "original_summary": forms.Textarea(attrs={"rows": 3}),
            "participants_profile": forms.Textarea(attrs={"rows": 3}),
            "interpretation_note": forms.Textarea(attrs={"rows": 2}),
            "expertise_wished": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["version"].required = True
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.today = today = timezone.localdate()
        roles = roles_of(user)
        own = Institution.objects.filter(pk__in=roles.institution_ids).select_related("country")
        if self.instance.lead_institution_id:
            own = own | Institution.objects.filter(pk=self.instance.lead_institution_id)
        own = list(own.distinct())
        self.fields["lead_institution"].queryset = Institution.objects.filter(
            pk__in=[institution.pk for institution in own]
        ).select_related("country")
        self.fields["lead_institution"].label_from_instance = lambda i: (
            f"{i.name} ({translated(i.country)})"
        )
        if not self.instance.lead_institution_id and len(own) == 1:
            # One institution and one open window: nothing for the applicant to choose.
            self.initial["lead_institution"] = own[0].pk
            windows = list(windows_open_for(own[0].country, today))
            if len(windows) == 1 and not self.instance.window_id:
                self.initial["window"] = windows[0].pk
        self.lead = self.chosen_lead(own)
        self.assistance_type = self.chosen_value("assistance_type", AssistanceType.values)
        # The windows open to the lead's country today (to the countries of the applicant's
        # institutions while no lead is chosen): a Member State's only in the peer-to-peer
        # strands, another country's never in them; the draft's own window stays listed.
        countries = [self.lead.country_id] if self.lead else [i.country_id for i in own]
        open_windows = Window.objects.filter(
            pk__in=BeneficiaryPeriod.objects.valid_on(today)
            .filter(country__in=countries)
            .values("window")
        )
        if self.instance.window_id:
            open_windows = open_windows | Window.objects.filter(pk=self.instance.window_id)
        self.fields["window"].queryset = open_windows.distinct()
        self.fields["window"].error_messages["invalid_choice"] = _(
            "This window is not open to your country today: choose one of the list."
        )
        self.window = self.chosen_window()
        partners = self.fields["partner_institutions"]
        partners.queryset = Institution.objects.filter(
            country__in=beneficiary_countries(today)
        ).select_related("country")
        partners.label_from_instance = lambda i: f"{i.name} ({translated(i.country)})"
        partners.widget = filterable(InstitutionSelectMultiple(attrs={"size": 8}))
        partners.widget.choices = partners.choices
        partners.widget.countries = self.partner_countries()
        self.fields["member_state_preference"].queryset = member_states_on(today)
        self.fields["host_country"].queryset = member_states_on(today)
        if self.instance.host_left_to_programme:
            self.initial["host_left_to_programme"] = "programme"
        elif self.instance.host_country_id or self.instance.host_institution_wished:
            self.initial["host_left_to_programme"] = "named"
        else:
            self.initial.pop("host_left_to_programme", None)
        self.fields["host_country"].error_messages["invalid_choice"] = _(
            "Choose the host among the EU Member States."
        )
        self.fields["chapters"].queryset = Chapter.objects.all()
        self.fields["working_languages"].queryset = Language.objects.all()
        for name in FOLDED_FIELDS:
            filterable(self.fields[name].widget)
        # The fields in page order, so that the error summary lists them as the page shows them.
        self.order_fields([name for _, _, names in sections_of(self) for name in names])

    def chosen_value(self, name, allowed):
        """The value of `name` the page shows: the posted one, else the draft's (or initial)."""
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.initial.get(name, getattr(self.instance, name, None))
        return value if value in allowed else None

    def chosen_lead(self, own):
        by_pk = {str(institution.pk): institution for institution in own}
        if self.is_bound:
            return by_pk.get(str(self.data.get(self.add_prefix("lead_institution")) or ""))
        return by_pk.get(str(self.initial.get("lead_institution") or ""))

    def chosen_window(self):
        if self.is_bound:
            pk = self.data.get(self.add_prefix("window"))
        else:
            pk = self.initial.get("window")
        if not pk or not str(pk).isdigit():
            return None
        return next((w for w in self.fields["window"].queryset if w.pk == int(pk)), None)

    def partner_countries(self):
        """The countries (pks) whose institutions may be partners, or None while no lead
        institution is chosen: the lead's country, and for a workshop every beneficiary of its
        window on the day (of the lead country's open windows while none is chosen)."""
        if self.lead is None:
            return None
        if self.assistance_type != AssistanceType.WORKSHOP:
            return {self.lead.country_id}
        if self.window is not None:
            windows = [self.window.pk]
        else:
            windows = windows_open_for(self.lead.country, self.today).values("pk")
        periods = BeneficiaryPeriod.objects.valid_on(self.today).filter(window__in=windows)
        return {self.lead.country_id, *periods.values_list("country", flat=True)}

    def clean_partner_institutions(self):
        """Refuse an institution of a country that cannot be a partner of this request."""
        partners = self.cleaned_data.get("partner_institutions") or []
        allowed = self.partner_countries()
        if allowed is None:
            return partners
        lead_country = self.lead.country
        errors = []
        for partner in partners:
            if partner.country_id in allowed:
                continue
            names = {
                "institution": partner.name,
                "country": translated(partner.country),
                "lead_country": translated(lead_country),
            }
            if self.assistance_type != AssistanceType.WORKSHOP:
                errors.append(
                    gettext(
                        "%(institution)s is an institution of %(country)s, not of "
                        "%(lead_country)s: only a workshop can bring together institutions of "
                        "several countries."
                    )
                    % names
                )
            elif self.window:
                errors.append(
                    gettext(
                        "%(institution)s is an institution of %(country)s, which is not a "
                        "beneficiary of the window %(window)s on %(day)s."
                    )
                    % {
                        **names,
                        "window": translated(self.window),
                        "day": date_format(self.today, "d F Y"),
                    }
                )
            else:
                errors.append(
                    gettext(
                        "%(institution)s is an institution of %(country)s, which is not a "
                        "beneficiary of the windows open to %(lead_country)s on %(day)s."
                    )
                    % {**names, "day": date_format(self.today, "d F Y")}
                )
        if errors:
            raise forms.ValidationError(errors)
        return partners

    def add_problems(self, problems):
        """Put submission problems (field -> messages, services.ApplicationError) on the form;
        those of no field of the form (contacts) are returned."""
        rest = {}
        add_errors_allowed(self)
        for name, messages in problems.items():
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
            else:
                rest[name] = messages
        return rest

    def clean_keywords(self):
        return clean_keywords(self.cleaned_data.get("keywords"))

    def clean_original_language(self):
        language = self.cleaned_data.get("original_language")
        texts = [self.cleaned_data.get(name) for name in ("original_title", "original_summary")]
        if any(texts) and language is None:
            raise forms.ValidationError(_("Choose the language of the original title and summary."))
        return language

    def clean(self):
        data = super().clean()
        # The fields of a section that does not apply to the chosen type are not saved: their
        # values (and any error on them) are dropped, and the draft keeps them empty.
        for name in not_applicable_fields(data.get("assistance_type")):
            if name in self.fields:
                self.errors.pop(name, None)
                multiple = isinstance(self.fields[name], forms.ModelMultipleChoiceField)
                data[name] = EMPTY_VALUES.get(name, [] if multiple else None)
        for field, message in study_visit_problems(
            data.get("assistance_type"),
            experts_count=data.get("experts_count"),
            host_country=data.get("host_country"),
            host_institution_wished=data.get("host_institution_wished"),
            host_left_to_programme=data.get("host_left_to_programme"),
            member_state_preference=data.get("member_state_preference"),
        ):
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def split(self):
        """The cleaned data as (plain fields, relations) for services.save_draft."""
        data = self.cleaned_data
        fields = {name: data.get(name) for name in PLAIN_FIELDS}
        for name, value in fields.items():
            if value is None and not Application._meta.get_field(name).null:
                fields[name] = [] if name == "celex_numbers" else ""
        relations = {name: list(data.get(name) or []) for name in RELATION_FIELDS}
        return fields, relations


def add_errors_allowed(form):
    """Let add_error() work on an unbound form too (the problems of a saved draft, shown on
    the form opened with ?check=1): Django keeps cleaned_data only after validation."""
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}
    return form


class ContactForm(forms.Form):
    name = forms.CharField(max_length=150, required=False, label=_("Name"))
    position = forms.CharField(max_length=150, required=False, label=_("Position"))
    email = forms.EmailField(required=False, label=_("E-mail"))
    phone = forms.CharField(max_length=40, required=False, label=_("Phone"))

    def clean(self):
        data = super().clean()
        if data.get("email") and not data.get("name"):
            self.add_error("name", _("Give the name of this contact person."))
        if data.get("name") and not data.get("email"):
            self.add_error("email", _("Give the e-mail address of this contact person."))
        return data

    @property
    def is_blank(self):
        return not any(self.cleaned_data.get(name) for name in self.fields)


ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=10)


def contacts_from(formset):
    return [
        {name: form.cleaned_data.get(name, "") for name in ContactForm.base_fields}
        for form in formset.forms
        if form.cleaned_data and not form.is_blank
    ]


class InterpretationPairForm(forms.Form):
    """One language pair of the request: from a language into another, and how."""

    source = forms.ModelChoiceField(
        queryset=Language.objects.all(),
        required=False,
        label=pgettext_lazy("interpretation", "From"),
        error_messages={"invalid_choice": _("Choose a language of the list.")},
    )
    target = forms.ModelChoiceField(
        queryset=Language.objects.all(),
        required=False,
        label=pgettext_lazy("interpretation", "Into"),
        error_messages={"invalid_choice": _("Choose a language of the list.")},
    )
    mode = forms.ChoiceField(
        choices=InterpretationMode.choices,
        initial=InterpretationMode.SIMULTANEOUS,
        required=False,
        label=_("How"),
        error_messages={"invalid_choice": _("Choose simultaneous or consecutive.")},
    )

    def clean(self):
        data = super().clean()
        source, target = data.get("source"), data.get("target")
        if "source" in self.errors or "target" in self.errors:
            return data
        if target and not source:
            self.add_error("source", _("Choose the language interpreted from."))
        elif source and not target:
            self.add_error("target", _("Choose the language interpreted into."))
        elif source and source == target:
            self.add_error(
                "target",
                _("Choose two different languages: %(language)s into itself is no interpretation.")
                % {"language": source},
            )
        if source and target and not data.get("mode"):
            data["mode"] = InterpretationMode.SIMULTANEOUS
        return data

    @property
    def is_blank(self):
        return not (self.cleaned_data.get("source") or self.cleaned_data.get("target"))


class BaseInterpretationPairFormSet(forms.BaseFormSet):
    def clean(self):
        """Refuse a pair asked twice (the same languages in the same direction)."""
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.is_blank:
                continue
            key = (form.cleaned_data["source"].pk, form.cleaned_data["target"].pk)
            if key in seen:
                form.add_error(
                    "target",
                    _("%(source)s into %(target)s is already asked for above.")
                    % {
                        "source": form.cleaned_data["source"],
                        "target": form.cleaned_data["target"],
                    },
                )
            seen.add(key)


InterpretationPairFormSet = forms.formset_factory(
    InterpretationPairForm, formset=BaseInterpretationPairFormSet, extra=2, max_num=12
)


def pairs_from(formset):
    """The language pairs of a valid formset, as dicts for services.save_draft."""
    return [
        {
            "source": form.cleaned_data["source"],
            "target": form.cleaned_data["target"],
            "mode": form.cleaned_data.get("mode") or InterpretationMode.SIMULTANEOUS,
        }
        for form in formset.forms
        if form.cleaned_data and not form.is_blank
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"), required=False
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Note"), required=False
    )


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(
        choices=[
            (Opinion.NO_OBJECTION, _("No objection")),
            (Opinion.OBJECTION, _("Objection (veto)")),
        ],
        widget=forms.RadioSelect,
        label=_("Opinion"),
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Comment"),
        required=False,
        help_text=_("Required for an objection."),
    )


class ProposalForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=Recommendation.choices, widget=forms.RadioSelect, label=_("Recommendation")
    )
    criteria = forms.MultipleChoiceField(
        choices=Criterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Criteria met"),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label=_("Reason"), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Decision.choices, widget=forms.RadioSelect, label=_("Decision")
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"), required=False
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("Message"), required=False
    )


SORTS = {
    "newest": (_("Newest first"), ["-created_at", "-id"]),
    "submitted": (_("Submitted, newest first"), ["-submitted_at", "-id"]),
    "deadline": (_("Consultation deadline"), ["consultation_deadline", "id"]),
    "reference": (_("Reference"), ["reference", "id"]),
    "title": (_("Title"), ["title", "id"]),
}
QUEUES = {
    "mine": _("My requests"),
    "ncp": _("Waiting for my check"),
    "opinion": _("Waiting for my opinion"),
    "team": _("My team's queue"),
    "meeting": _("For the planning meeting"),
}


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(
        required=False, label=_("Search"), widget=forms.TextInput(attrs={"type": "search"})
    )
    queue = forms.ChoiceField(
        required=False, label=_("Queue"), choices=[("", _("All I can see")), *QUEUES.items()]
    )
    state = forms.ChoiceField(
        required=False, label=_("State"), choices=[("", _("Any")), *ApplicationState.choices]
    )
    assistance_type = forms.ChoiceField(
        required=False, label=_("Type"), choices=[("", _("Any")), *AssistanceType.choices]
    )
    country = forms.ModelChoiceField(
        required=False,
        label=_("Country"),
        queryset=Country.objects.none(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    team = forms.ModelChoiceField(
        required=False,
        label=_("Team"),
        queryset=ThematicTeam.objects.all(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    year = forms.IntegerField(required=False, label=_("Year"), min_value=1996, max_value=2100)
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, queues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = beneficiary_countries()
        self.fields["country"].choices = beneficiary_country_choices(
            None, empty_label=_("Any"), key="code"
        )
        if queues is not None:
            # Only the queues of the roles the person holds: an applicant is not offered the
            # staff's queues (views.lists.QUEUES_OF_ROLE).
            self.fields["queue"].choices = [
                ("", _("All I can see")),
                *[(key, label) for key, label in QUEUES.items() if key in queues],
            ]
            self.fields["queue"].error_messages["invalid_choice"] = _(
                "This queue is not one of yours; choose one of the list."
            )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the document is"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("Document"),
        help_text=lazy_format(
            _(
                "PDF, Word (.docx) or OpenDocument (.odt), at most %(megabytes)s MB. Only those "
                "who handle the request see it."
            ),
            megabytes=ATTACHMENT_MAX_BYTES // (1024 * 1024),
        ),
    )
