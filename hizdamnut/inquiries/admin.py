from django.contrib import admin

from hizdamnut.audit.services import record_admin_reads

from .models import Inquiry, InquiryCategory, Screening


class ChildInline(admin.TabularInline):
    model = InquiryCategory
    fk_name = "parent"
    extra = 1
    fields = ["code", "label_he", "label_en", "position"]


@admin.register(InquiryCategory)
class InquiryCategoryAdmin(admin.ModelAdmin):
    """The reason tree, editable by an admin (also loadable with `load_inquiry_categories`)."""

    list_display = ["code", "label_he", "label_en", "parent", "position"]
    list_filter = ["parent"]
    inlines = [ChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")


@admin.register(Inquiry)
@record_admin_reads
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["pk", "center", "received_on", "status", "source", "channel"]
    list_filter = ["center", "status", "source", "channel"]
    raw_id_fields = ["participant"]


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ["pk", "inquiry", "screened_on", "decision", "override_decision", "rules_version"]
    raw_id_fields = ["inquiry"]
