from django.contrib import admin

from .models import (
    AssistanceLimit,
    BeneficiaryPeriod,
    Chapter,
    Cluster,
    ConsultedService,
    Country,
    InstitutionKind,
    Language,
    ThematicTeam,
    Window,
)


class BeneficiaryPeriodInline(admin.TabularInline):
    model = BeneficiaryPeriod
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "eu_member_since", "is_country"]
    search_fields = ["code", "name"]
    inlines = [BeneficiaryPeriodInline]


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_peer_to_peer"]


@admin.register(BeneficiaryPeriod)
class BeneficiaryPeriodAdmin(admin.ModelAdmin):
    list_display = ["country", "window", "valid_from", "valid_to", "note"]
    list_filter = ["window"]


@admin.register(InstitutionKind)
class InstitutionKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_eligible", "is_eligible_expert_employer"]


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "cluster", "team"]
    list_filter = ["cluster", "team"]


admin.site.register(Cluster)
admin.site.register(ThematicTeam)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_eu_official"]


@admin.register(AssistanceLimit)
class AssistanceLimitAdmin(admin.ModelAdmin):
    list_display = [
        "assistance_type",
        "applies_to_peer_to_peer",
        "max_days",
        "max_experts",
        "max_participants",
        "valid_from",
        "valid_to",
    ]


@admin.register(ConsultedService)
class ConsultedServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "is_active"]
    list_filter = ["group", "is_active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["countries", "chapters", "windows"]
