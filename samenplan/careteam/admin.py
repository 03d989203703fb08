from django.contrib import admin

from .models import SupportService

# The directory of independent support is not family data: the municipality's
# application manager keeps it here. Family content stays out of the admin.


@admin.register(SupportService)
class SupportServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "active"]
    list_filter = ["municipality", "kind", "active"]
    search_fields = ["name", "description"]
    autocomplete_fields = []
    raw_id_fields = ["contact"]
