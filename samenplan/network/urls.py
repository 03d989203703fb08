from django.urls import path

from . import views

app_name = "network"

base = "gezin/<int:family_id>/netwerk/"

urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "nieuw/", views.person_new, name="person_new"),
    path(base + "persoon/<int:person_id>/", views.person_edit, name="person_edit"),
    path(
        base + "persoon/<int:person_id>/overnemen/",
        views.person_decide,
        {"answer": "accept"},
        name="person_accept",
    ),
    path(
        base + "persoon/<int:person_id>/niet-overnemen/",
        views.person_decide,
        {"answer": "decline"},
        name="person_decline",
    ),
    path(base + "wie-zijn-wij/", views.about_us, name="about_us"),
    path(base + "wie-zijn-wij/aanpassen/", views.about_us_edit, name="about_us_edit"),
    path(base + "genogram/", views.genogram, name="genogram"),
    path(base + "genogram/relatie/", views.relationship_new, name="relationship_new"),
    path(base + "tijdlijn/", views.timeline, name="timeline"),
    path(base + "tijdlijn/nieuw/", views.event_new, name="event_new"),
    path(base + "familiegroepsplan/", views.family_plans, name="family_plans"),
    path(base + "familiegroepsplan/nieuw/", views.family_plan_edit, name="family_plan_new"),
    path(
        base + "familiegroepsplan/<int:plan_id>/",
        views.family_plan_edit,
        name="family_plan_edit",
    ),
    path(
        base + "familiegroepsplan/<int:plan_id>/delen/",
        views.family_plan_share,
        name="family_plan_share",
    ),
]
