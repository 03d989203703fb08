from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("gezin/<int:family_id>/plan/", views.plan, name="plan"),
    path("gezin/<int:family_id>/plan/hulpvraag/", views.help_question_edit, name="help_question"),
    path(
        "gezin/<int:family_id>/plan/hulpvraag/klopt-nog/",
        views.help_question_check,
        name="help_question_check",
    ),
    path(
        "gezin/<int:family_id>/plan/hulpvraag/hoe-vaak/",
        views.help_question_interval,
        name="help_question_interval",
    ),
    path("gezin/<int:family_id>/plan/doelen/nieuw/", views.goal_new, name="goal_new"),
    path("gezin/<int:family_id>/plan/doelen/<int:goal_id>/", views.goal_detail, name="goal"),
    path(
        "gezin/<int:family_id>/plan/doelen/<int:goal_id>/bewerken/",
        views.goal_edit,
        name="goal_edit",
    ),
    path(
        "gezin/<int:family_id>/plan/doelen/<int:goal_id>/weghalen/",
        views.goal_remove,
        name="goal_remove",
    ),
    path(
        "gezin/<int:family_id>/plan/doelen/<int:goal_id>/terugzetten/",
        views.goal_restore,
        name="goal_restore",
    ),
    path(
        "gezin/<int:family_id>/plan/doelen/<int:goal_id>/cijfer/",
        views.score_add,
        name="score_add",
    ),
    path("gezin/<int:family_id>/plan/stappen/nieuw/", views.step_new, name="step_new"),
    path(
        "gezin/<int:family_id>/plan/stappen/<int:step_id>/veranderen/",
        views.step_edit,
        name="step_edit",
    ),
    path(
        "gezin/<int:family_id>/plan/stappen/<int:step_id>/klaar/",
        views.step_change,
        {"change": "done"},
        name="step_done",
    ),
    path(
        "gezin/<int:family_id>/plan/stappen/<int:step_id>/vieren/",
        views.step_change,
        {"change": "celebrate"},
        name="step_celebrate",
    ),
    path(
        "gezin/<int:family_id>/plan/stappen/<int:step_id>/weghalen/",
        views.step_change,
        {"change": "remove"},
        name="step_remove",
    ),
    path(
        "gezin/<int:family_id>/plan/stappen/<int:step_id>/terugzetten/",
        views.step_restore,
        name="step_restore",
    ),
    path(
        "gezin/<int:family_id>/plan/voorstel/<slug:kind>/<int:item_id>/overnemen/",
        views.proposal_answer,
        {"answer": "accept"},
        name="proposal_accept",
    ),
    path(
        "gezin/<int:family_id>/plan/voorstel/<slug:kind>/<int:item_id>/niet-overnemen/",
        views.proposal_answer,
        {"answer": "decline"},
        name="proposal_decline",
    ),
    path("gezin/<int:family_id>/plan/tijdlijn/", views.timeline, name="timeline"),
    path("gezin/<int:family_id>/mijn-plan/<int:member_id>/", views.mine, name="mine"),
    path(
        "gezin/<int:family_id>/mijn-plan/<int:member_id>/zeggen/",
        views.child_word_add,
        name="child_word",
    ),
    path("gezin/<int:family_id>/plan/toekomstbeeld/nieuw/", views.vision_new, name="vision_new"),
    path("gezin/<int:family_id>/plan/successen/nieuw/", views.success_new, name="success_new"),
    path(
        "gezin/<int:family_id>/plan/toekomstbeeld/<int:vision_id>/veranderen/",
        views.vision_edit,
        name="vision_edit",
    ),
    path(
        "gezin/<int:family_id>/plan/successen/<int:success_id>/veranderen/",
        views.success_edit,
        name="success_edit",
    ),
    path("gezin/<int:family_id>/plan/afspraken/nieuw/", views.agreement_new, name="agreement_new"),
    path(
        "gezin/<int:family_id>/plan/afspraken/<int:agreement_id>/ja/",
        views.agreement_agree,
        name="agreement_agree",
    ),
    path(
        "gezin/<int:family_id>/plan/afspraken/<int:agreement_id>/antwoord/",
        views.agreement_answer,
        name="agreement_answer",
    ),
    path(
        "gezin/<int:family_id>/plan/afspraken/<int:agreement_id>/veranderen/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "gezin/<int:family_id>/plan/afspraken/<int:agreement_id>/evalueren/",
        views.agreement_evaluate,
        name="agreement_evaluate",
    ),
]
