from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("gezin/<int:family_id>/download/plan.pdf", views.plan_pdf, name="pdf"),
    path("gezin/<int:family_id>/download/gegevens.json", views.family_json_export, name="json"),
    path("gezin/<int:family_id>/download/fhir.json", views.family_fhir_export, name="fhir"),
    path(
        "gezin/<int:family_id>/download/verhuisbestand.json",
        views.move_file,
        name="move_file",
    ),
    path("organisatie/gezin-inlezen/", views.import_page, name="import"),
]
