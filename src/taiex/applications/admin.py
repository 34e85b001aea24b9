from django.contrib import admin

from .models import (
    Application,
    Assessment,
    Comment,
    Consultation,
    ContactPerson,
    InterpretationPair,
)


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class InterpretationPairInline(admin.TabularInline):
    model = InterpretationPair
    extra = 0
    fields = ["source", "target", "mode"]


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    readonly_fields = [
        "group",
        "round",
        "opinion",
        "comment",
        "deadline",
        "responded_by",
        "responded_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-mostly: states move only through the workflow services (the request pages)."""

    list_display = [
        "__str__",
        "title",
        "state",
        "assistance_type",
        "country",
        "team",
        "submitted_at",
    ]
    list_filter = ["state", "assistance_type", "team", "window"]
    search_fields = ["reference", "title"]
    readonly_fields = ["reference", "state", "eligibility", "held_from_state", "version"]
    inlines = [ContactPersonInline, InterpretationPairInline, ConsultationInline]
    list_select_related = ["country", "team"]

    def has_add_permission(self, request):
        # Created only through the workflow (a request is drafted and submitted on its pages,
        # an event comes from an approved request), never from the admin.
        return False


admin.site.register(Assessment)
admin.site.register(Comment)
