"""Back-office screen for events. The state only moves through the event's pages (the
workflow writes the audit log), so it is read-only here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AgendaSession, Event, EventDocument, EventInterpretationPair, HostAgreement


class AgendaSessionInline(admin.TabularInline):
    model = AgendaSession
    extra = 0
    fields = ["day", "starts_at", "ends_at", "title", "language", "interpretation"]


class EventInterpretationPairInline(admin.TabularInline):
    model = EventInterpretationPair
    extra = 0
    fields = ["source", "target", "mode"]


class EventDocumentInline(admin.TabularInline):
    """Documents are uploaded on the event's page (type and content checks); listed here."""

    model = EventDocument
    extra = 0
    can_delete = False
    fields = ["kind", "title", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "event_type",
        "state",
        "beneficiary",
        "start_date",
        "end_date",
        "case_handler",
        "participants_count",
    ]
    list_filter = ["state", "event_type", "modality", "window", "team", "beneficiary"]
    list_select_related = ["beneficiary", "case_handler"]
    search_fields = ["reference", "title", "summary", "place", "beneficiary__name"]
    date_hierarchy = "start_date"
    ordering = ["-start_date", "-id"]
    readonly_fields = [
        "state",
        "cancellation_reason",
        "postponement_reason",
        "application",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["case_handler", "host_institution"]
    filter_horizontal = ["other_beneficiaries", "chapters", "working_languages"]
    inlines = [AgendaSessionInline, EventInterpretationPairInline, EventDocumentInline]

    def has_add_permission(self, request):
        # Created only through the workflow (a request is drafted and submitted on its pages,
        # an event comes from an approved request), never from the admin.
        return False

    fieldsets = [
        (None, {"fields": ["reference", "state", "application", "event_type", "modality"]}),
        ("Public description", {"fields": ["title", "summary", "legislation"]}),
        (
            "Where and when",
            {"fields": ["start_date", "end_date", "place", "venue_country", "time_zone"]},
        ),
        (
            "Beneficiaries",
            {
                "fields": [
                    "beneficiary",
                    "other_beneficiaries",
                    "window",
                    "chapters",
                    "beneficiary_institutions",
                    "participants_count",
                ]
            },
        ),
        (
            "Delivery",
            {
                "fields": [
                    "meeting_link",
                    "working_languages",
                    "interpretation_needed",
                    "interpretation_note",
                    "capacity",
                    "experts_needed",
                    "host_institution",
                ]
            },
        ),
        (
            "Handling",
            {"fields": ["team", "case_handler", "postponement_reason", "cancellation_reason"]},
        ),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(HostAgreement)
class HostAgreementAdmin(admin.ModelAdmin):
    """The asks to host a study visit, to look up and search: read-only, because an ask moves
    only through the event's page (asked, agreed, declined, withdrawn), which checks the move,
    sets the event's host and writes the audit log."""

    list_display = ["event", "institution", "host_country", "state", "asked_at", "answered_at"]
    list_filter = ["state", ("institution__country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event", "institution__country"]
    search_fields = ["event__reference", "event__title", "institution__name"]
    date_hierarchy = "asked_at"
    ordering = ["-asked_at", "-id"]
    fields = [
        "event",
        "institution",
        "state",
        "contact_email",
        "asked_by",
        "asked_at",
        "answered_at",
        "reason",
    ]
    readonly_fields = fields

    @admin.display(description=_("Member State"), ordering="institution__country__name")
    def host_country(self, agreement):
        return agreement.institution.country.name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
