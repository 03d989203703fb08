from django.urls import path

from . import views

app_name = "taal"

urlpatterns = [
    path("taalhulp/", views.hints, name="hints"),
    path("taalhulp/weg/", views.dismiss, name="dismiss"),
]
