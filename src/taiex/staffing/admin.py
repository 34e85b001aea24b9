"""Back-office screens of calls and invitations: made on the staff pages and by the experts,
only looked at here."""

from django.contrib import admin

from .models import ExpertCall, Interest, Invitation


class ReadMostlyAdmin(admin.ModelAdmin):
    """Shown, not made, here: these rows come from the staff pages and the workflows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadMostlyAdmin):
    list_display = ["expert", "event", "role", "state", "invited_at", "expires_at", "responded_at"]
    list_filter = ["state", "role"]
    search_fields = ["expert__user__full_name", "expert__user__email", "event__reference"]
    list_select_related = ["expert__user", "event"]
    readonly_fields = [
        "event",
        "expert",
        "role",
        "state",
        "invited_by",
        "invited_at",
        "expires_at",
        "responded_at",
        "link_used_at",
        "reminder_sent_at",
        "decline_reason",
        "updated_at",
    ]


class InterestInline(admin.TabularInline):
    model = Interest
    extra = 0
    readonly_fields = ["expert", "motivation", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ExpertCall)
class ExpertCallAdmin(ReadMostlyAdmin):
    list_display = ["event", "published_by", "published_at", "is_open"]
    list_filter = ["is_open"]
    search_fields = ["event__reference", "description"]
    list_select_related = ["event", "published_by"]
    readonly_fields = ["event", "published_by", "published_at"]
    inlines = [InterestInline]
