from django.contrib import admin

from .models import CommunityService


@admin.register(CommunityService)
class CommunityServiceAdmin(admin.ModelAdmin):
    list_display = ["name_he", "code", "center", "active"]
    list_filter = ["active", "center"]
