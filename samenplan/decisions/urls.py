from django.urls import path

from . import views

app_name = "decisions"

base = "gezin/<int:family_id>/beslissen/"
one = base + "<int:decision_id>/"

urlpatterns = [
    path(base, views.decision_list, name="list"),
    path(base + "nieuw/", views.decision_new, name="new"),
    path(one, views.decision_detail, name="detail"),
    path(one + "keuze/", views.option_add, name="option_add"),
    path(one + "keuze/<int:option_id>/argument/", views.argument_add, name="argument_add"),
    path(one + "mening/", views.view_give, name="view"),
    path(one + "besluiten/", views.decide, name="decide"),
    path(one + "ja/", views.assent, {"agrees": True}, name="assent_yes"),
    path(one + "nog-niet/", views.assent, {"agrees": False}, name="assent_no"),
    path(one + "niet-eens/", views.objection_add, name="objection"),
    path(one + "terugblik/", views.check, name="check"),
    path(one + "terugblik/voor/<int:member_id>/", views.check_for, name="check_for"),
    path(one + "opnieuw-bekijken/", views.review, name="review"),
]
