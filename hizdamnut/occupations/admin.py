from django.contrib import admin

from .models import Occupation, OccupationSynonym


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "title_he", "title_en")
    list_filter = ("level",)
    search_fields = ("code", "title_he", "title_en")


@admin.register(OccupationSynonym)
class OccupationSynonymAdmin(admin.ModelAdmin):
    list_display = ("title_he", "occupation")
    search_fields = ("title_he", "occupation__code")
    raw_id_fields = ("occupation",)
