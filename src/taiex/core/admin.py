from django.contrib import admin

from .audit import log_action
from .models import ActivityLog


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
