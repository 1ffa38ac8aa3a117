from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Center, City, Region, StaffProfile, YearlyTarget


class YearlyTargetInline(admin.TabularInline):
    model = YearlyTarget
    extra = 0


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "region", "size"]
    list_select_related = ["city", "region"]
    inlines = [YearlyTargetInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_he", "name_en"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name_he", "name_en", "region"]
    list_filter = ["region"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    filter_horizontal = ["centers"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "staff_role", "is_active"]
    list_select_related = ["staff"]
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        # Staff are deactivated, never deleted: the audit log keeps naming who did what (regulations: access log).
        return False

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate(self, request, queryset):
        users = list(queryset.filter(is_active=True).exclude(pk=request.user.pk))
        for user in users:
            user.is_active = False
            user.save(update_fields=["is_active"])
        self.message_user(request, ngettext("%(count)d user deactivated.", "%(count)d users deactivated.",
                                            len(users)) % {"count": len(users)})

    @admin.display(description="role")
    def staff_role(self, user):
        profile = getattr(user, "staff", None)
        return profile.get_role_display() if profile else "—"
