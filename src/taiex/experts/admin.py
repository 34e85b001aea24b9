"""Back-office screens of the expert database. States move only through the workflows, so they are
read-only here."""

from django.contrib import admin

from .models import Expert, ExpertLanguage, Unavailability


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
