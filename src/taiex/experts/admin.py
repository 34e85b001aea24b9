"""Back-office screens of the expert database. States move only through the workflows, so they are
read-only here; invitations and calls are made on the staff pages and only looked at here."""

from django.contrib import admin

from .models import Expert, ExpertCall, ExpertLanguage, Interest, Invitation, Unavailability


class ExpertLanguageInline(admin.TabularInline):
    model = ExpertLanguage
    extra = 0


class UnavailabilityInline(admin.TabularInline):
    model = Unavailability
    extra = 0


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "user_email",
        "member_state",
        "employer",
        "verification_state",
        "is_active",
        "created_at",
    ]
    list_filter = ["verification_state", "member_state", "is_active"]
    search_fields = ["user__full_name", "user__email", "position", "keywords"]
    list_select_related = ["user", "member_state", "employer"]
    autocomplete_fields = ["employer"]
    filter_horizontal = ["chapters"]
    readonly_fields = [
        "user",
        "verification_state",
        "verification_reason",
        "verified_at",
        "verified_by",
        "email_confirmed_at",
        "privacy_consent_at",
        "erased_at",
        "created_at",
        "updated_at",
    ]
    inlines = [ExpertLanguageInline, UnavailabilityInline]

    @admin.display(description="E-mail address", ordering="user__email")
    def user_email(self, expert):
        return expert.user.email

    def has_add_permission(self, request):
        # Experts register themselves (with consent and a confirmed e-mail address).
        return False


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
