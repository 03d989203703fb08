from django.urls import path

from . import views

app_name = "creations"

base = "gezin/<int:family_id>/gemaakt/"

urlpatterns = [
    path(base + "nieuw/<str:on>/<int:on_id>/", views.creation_add, name="add"),
    path(base + "<int:creation_id>/", views.creation_file, name="file"),
    path(base + "<int:creation_id>/weghalen/", views.creation_remove, name="remove"),
]
