from django import forms
from django.contrib import admin

from .audit import log_action
from .models import ActivityLog, RetentionAnchor, RetentionRule
from .retention import KINDS


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "from_state", "to_state"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "note", "actor__email"]
    date_hierarchy = "created_at"

    # The audit log is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """An admin whose additions, changes and deletions also write the application's audit log
    (`log_action`), not only Django's admin history: reference data decide eligibility and
    money, so who changed a rule and what is evidence."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        log_action(
            obj,
            actor=request.user,
            action="admin_change" if change else "admin_add",
            data={"fields": list(form.changed_data)},
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]:
            log_action(obj, actor=request.user, action="admin_change", data={"inline": True})
        for obj in formset.deleted_objects:
            log_action(obj, actor=request.user, action="admin_delete", data={"inline": True})

    def delete_model(self, request, obj):
        log_action(obj, actor=request.user, action="admin_delete")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(obj, actor=request.user, action="admin_delete")
        super().delete_queryset(request, queryset)


class RetentionRuleForm(forms.ModelForm):
    """The kind is one an application part registered; the period counts from a day that kind
    knows."""

    kind = forms.ChoiceField(choices=())

    class Meta:
        model = RetentionRule
        fields = ["kind", "period", "unit", "anchor", "is_active", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = sorted(
            ((key, f"{kind.label} ({key})") for key, kind in KINDS.items()),
            key=lambda choice: choice[1],
        )

    def clean(self):
        cleaned = super().clean()
        kind = KINDS.get(cleaned.get("kind"))
        anchor = cleaned.get("anchor")
        if kind and anchor and anchor not in kind.anchors:
            allowed = ", ".join(str(RetentionAnchor(value).label) for value in kind.anchors)
            self.add_error("anchor", f"For this kind the period counts from: {allowed}.")
        return cleaned


@admin.register(RetentionRule)
class RetentionRuleAdmin(AuditedModelAdmin):
    form = RetentionRuleForm
    list_display = ["kind", "period", "unit", "anchor", "is_active", "updated_at"]
    list_filter = ["is_active", "anchor"]
