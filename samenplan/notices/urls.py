from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("voor-jou/", views.for_you, name="for_you"),
    path("mijn-account/meldingen/", views.notice_settings, name="settings"),
    path("organisatie/meldingen/", views.organization_failures, name="organization_failures"),
]
