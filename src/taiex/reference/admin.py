from django.contrib import admin

from taiex.core.admin import AuditedModelAdmin

from .models import (
    AssistanceLimit,
    BeneficiaryPeriod,
    Chapter,
    Cluster,
    ConsultedService,
    Country,
    CountryHoliday,
    InstitutionKind,
    KindEligibility,
    Language,
    PublicHoliday,
    ReminderDelay,
    ThematicTeam,
    Window,
    WorkingLanguageRule,
)


class BeneficiaryPeriodInline(admin.TabularInline):
    model = BeneficiaryPeriod
    extra = 0


class TranslatedNamesAdmin(AuditedModelAdmin):
    """The names in other languages are shown, not edited here: they come from the catalogue
    data of each language (reference/data/names_<code>.csv, loading.load_name_translations)."""

    readonly_fields = ["name_translations"]


@admin.register(Country)
class CountryAdmin(TranslatedNamesAdmin):
    readonly_fields = ["name_translations", "official_footnote_translations"]
    list_display = ["code", "name", "eu_member_since", "is_country"]
    search_fields = ["code", "name"]
    inlines = [BeneficiaryPeriodInline]


@admin.register(Window)
class WindowAdmin(TranslatedNamesAdmin):
    list_display = ["code", "name", "is_peer_to_peer"]


@admin.register(BeneficiaryPeriod)
class BeneficiaryPeriodAdmin(AuditedModelAdmin):
    list_display = ["country", "window", "valid_from", "valid_to", "note"]
    list_filter = ["window"]


@admin.register(InstitutionKind)
class InstitutionKindAdmin(TranslatedNamesAdmin):
    list_display = ["code", "name", "is_eligible", "is_eligible_expert_employer"]


@admin.register(Chapter)
class ChapterAdmin(TranslatedNamesAdmin):
    list_display = ["number", "name", "cluster", "team"]
    list_filter = ["cluster", "team"]


admin.site.register(Cluster, TranslatedNamesAdmin)
admin.site.register(ThematicTeam, TranslatedNamesAdmin)


@admin.register(Language)
class LanguageAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "is_eu_official"]


@admin.register(AssistanceLimit)
class AssistanceLimitAdmin(AuditedModelAdmin):
    list_display = [
        "assistance_type",
        "applies_to_peer_to_peer",
        "max_days",
        "max_experts",
        "max_participants",
        "valid_from",
        "valid_to",
    ]


@admin.register(KindEligibility)
class KindEligibilityAdmin(AuditedModelAdmin):
    list_display = ["kind", "is_eligible", "valid_from", "valid_to", "source"]
    list_filter = ["kind"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(AuditedModelAdmin):
    list_display = ["day", "name"]
    date_hierarchy = "day"


@admin.register(CountryHoliday)
class CountryHolidayAdmin(AuditedModelAdmin):
    list_display = ["country", "day", "name"]
    list_filter = ["country"]
    list_select_related = ["country"]
    date_hierarchy = "day"


@admin.register(WorkingLanguageRule)
class WorkingLanguageRuleAdmin(AuditedModelAdmin):
    list_display = ["minimum_level", "valid_from", "valid_to", "source"]


@admin.register(ReminderDelay)
class ReminderDelayAdmin(AuditedModelAdmin):
    list_display = ["kind", "working_days", "valid_from", "valid_to", "source"]
    list_filter = ["kind"]


@admin.register(ConsultedService)
class ConsultedServiceAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "group", "is_active"]
    list_filter = ["group", "is_active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["countries", "chapters", "windows"]
