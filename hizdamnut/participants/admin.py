from django.contrib import admin

from hizdamnut.audit.services import record_admin_reads

from .models import Participant, StatusChange


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["status", "changed_on", "reason", "note", "expected_return", "changed_by", "recorded_at"]
    can_delete = False


@admin.register(Participant)
@record_admin_reads
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "id_number", "center", "status"]
    list_filter = ["center", "status"]
    search_fields = ["first_name", "last_name", "id_number", "phone"]
    list_select_related = ["center"]
    inlines = [StatusChangeInline]
