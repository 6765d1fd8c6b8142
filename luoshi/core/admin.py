from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, Department, Government, LogEntry, Plan, ProgressReport, Target, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("luoshi", {"fields": ("government", "role", "department")}))  # type: ignore[misc]
    list_display = ("username", "government", "role", "department", "is_staff")
    list_filter = ("role", "government")


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "government", "order")
    list_filter = ("government",)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("government", "year", "title", "published", "demo")
    exclude = ("engine_output", "text")


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("metric", "plan", "low", "high", "unit", "comparator", "deadline", "version")
    list_filter = ("plan",)
    search_fields = ("metric",)


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("department", "role", "target", "node")


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ("target", "as_of", "value", "status", "reporter", "demo")
    list_filter = ("status", "demo")


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ("created", "user", "action", "target")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
