"""Back office: staff edit questionnaires and the policy without code. A version in use is
read-only; the action "new version" copies it for editing, "put in force" sends it from now on."""

from django.contrib import admin, messages

from .models import EvaluationPolicy, Question, Questionnaire
from .services import questionnaires as versions


class QuestionInline(admin.TabularInline):
    model = Question
    fk_name = "questionnaire"
    extra = 0
    fields = [
        "position",
        "key",
        "kind",
        "text",
        "help_text",
        "is_required",
        "repeat",
        "choices",
        "shown_if_question",
        "shown_if_answer",
    ]

    def has_add_permission(self, request, obj=None):
        return obj is None or not versions.is_in_use(obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or not versions.is_in_use(obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or not versions.is_in_use(obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "version", "is_active", "created_at"]
    list_filter = ["audience", "is_active"]
    readonly_fields = ["is_active", "created_at"]
    inlines = [QuestionInline]
    actions = ["make_new_version", "put_in_force"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and versions.is_in_use(obj):
            return ["audience", "version", "title", "introduction", "is_active", "created_at"]
        return self.readonly_fields

    @admin.action(description="Copy into a new version to edit")
    def make_new_version(self, request, queryset):
        for questionnaire in queryset:
            copy = versions.new_version(questionnaire, actor=request.user)
            messages.success(request, f"{copy} is ready to edit; put it in force when done.")

    @admin.action(description="Put in force (send this version from now on)")
    def put_in_force(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, "Choose exactly one version to put in force.")
            return
        versions.activate(queryset.get(), actor=request.user)
        messages.success(request, f"{queryset.get()} is sent from now on.")


@admin.register(EvaluationPolicy)
class EvaluationPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "reminder_after_days",
        "answer_days",
        "follow_up_after_months",
        "minimum_answers_shown",
    ]
