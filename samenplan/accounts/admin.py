from django.contrib import admin

from .models import Organization, Professional, User

# Only accounts and organisations are managed here. Family content is never
# registered in the admin: it is reached only through families/access.py.


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "language", "is_active", "is_staff", "is_superuser"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "safety_mandate"]
    list_filter = ["kind", "safety_mandate"]


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "function", "is_org_admin", "is_active"]
    list_select_related = ["user", "organization"]


# Never in the admin: second-factor keys and recovery codes, and sessions with their
# IP addresses (each person sees their own sessions under "Mijn account").
def _hide_secrets():
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    for model in (Authenticator, UserSession):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide_secrets()
