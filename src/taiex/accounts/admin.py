"""Back-office screens for people, institutions and roles."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.admin import ApplicationAdmin
from oauth2_provider.models import get_application_model

from taiex.core.audit import log_action

from .models import ApiClient, Contractor, Institution, Membership, User
from .second_factor import reset_second_factor

# The second factors are changed only through the audited services (the device screens of
# django-otp would also show the secrets).
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        # Addresses are stored in lower case; refuse one that differs only in letter case.
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("A user with this e-mail address already exists.", code="unique")
        return email


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = [
        "role",
        "institution",
        "country",
        "team",
        "consulted_service",
        "contractor",
        "created_at",
    ]
    autocomplete_fields = ["institution"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("full_name", "position", "phone")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]
    list_display = ["email", "full_name", "position", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    search_fields = ["email", "full_name", "position"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]

    @admin.action(
        description="Reset two-factor authentication (lost phone)", permissions=["change"]
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            reset_second_factor(user, actor=request.user)
        self.message_user(
            request,
            f"Two-factor authentication reset for {len(queryset)} account(s); each sets it up "
            "again at the next sign-in. The audit log records it.",
            messages.SUCCESS,
        )


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "parent", "created_at", "created_by"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "country__name"]
    list_select_related = ["country", "kind", "parent", "created_by"]
    autocomplete_fields = ["parent", "created_by"]
    date_hierarchy = "created_at"


@admin.register(Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["name", "contract_reference", "is_active", "created_at"]
    search_fields = ["name", "contract_reference"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "role",
        "institution",
        "country",
        "team",
        "consulted_service",
        "contractor",
        "created_at",
    ]
    list_filter = ["role", "country", "team", "consulted_service", "contractor"]
    search_fields = ["user__email", "user__full_name", "institution__name"]
    list_select_related = [
        "user",
        "institution",
        "country",
        "team",
        "consulted_service",
        "contractor",
    ]
    autocomplete_fields = ["user", "institution"]


OAuthApplication = get_application_model()


class ApiClientInline(admin.StackedInline):
    model = ApiClient
    can_delete = False
    verbose_name = "API access"
    verbose_name_plural = "API access"
    help_text = "Read only unless set to write."


class ClientCredentialsApplicationAdmin(ApplicationAdmin):
    """Applications that use the API with client credentials, acting as their user (a service
    account): the only kind the token endpoint serves. Every save is in the audit log."""

    inlines = [ApiClientInline]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "authorization_grant_type":
            kwargs["choices"] = [
                (OAuthApplication.GRANT_CLIENT_CREDENTIALS, "Client credentials (for the API)")
            ]
        if db_field.name == "client_type":
            kwargs["choices"] = [(OAuthApplication.CLIENT_CONFIDENTIAL, "Confidential")]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        application = form.instance
        client = ApiClient.objects.filter(application=application).first()
        log_action(
            application,
            actor=request.user,
            action="api_client.change" if change else "api_client.register",
            data={
                "client_id": application.client_id,
                "user": application.user.email if application.user else "",
                "scope": client.scope if client else "read",
            },
        )


if admin.site.is_registered(OAuthApplication):
    admin.site.unregister(OAuthApplication)
admin.site.register(OAuthApplication, ClientCredentialsApplicationAdmin)
