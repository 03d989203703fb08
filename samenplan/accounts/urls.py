from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("mijn-account/", views.my_account, name="my_account"),
    path("sessie/nog-bezig/", views.still_here, name="still_here"),
    path("organisatie/", views.organization, name="organization"),
    path(
        "organisatie/professional/<int:professional_id>/",
        views.professional_edit,
        name="professional_edit",
    ),
]
