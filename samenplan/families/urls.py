from django.urls import path

from . import views

app_name = "families"

urlpatterns = [
    path("mijn-gezinnen/", views.family_list, name="list"),
    path("gezin/nieuw/", views.family_start, name="start"),
    path("privacy/", views.privacy_requests, name="privacy"),
    path(
        "organisatie/uitnodigingen/",
        views.organization_invitations,
        name="organization_invitations",
    ),
    path("privacy/verzoek/<int:request_id>/", views.privacy_request, name="privacy_request"),
    path(
        "uitnodiging/<int:invitation_id>/aannemen/",
        views.invitation_respond,
        {"answer": "accept"},
        name="invitation_accept",
    ),
    path(
        "uitnodiging/<int:invitation_id>/afwijzen/",
        views.invitation_respond,
        {"answer": "decline"},
        name="invitation_decline",
    ),
    path("gezin/<int:family_id>/", views.family_home, name="home"),
    path("gezin/<int:family_id>/uitnodigen/", views.invite, name="invite"),
    path(
        "gezin/<int:family_id>/uitnodiging/<int:invitation_id>/intrekken/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "gezin/<int:family_id>/deelnemer/<int:participant_id>/stoppen/",
        views.participant_end,
        name="participant_end",
    ),
    path("gezin/<int:family_id>/toestemming/", views.consent, name="consent"),
    path(
        "gezin/<int:family_id>/toestemming/<int:participant_id>/geven/",
        views.consent_change,
        {"answer": "give"},
        name="consent_give",
    ),
    path(
        "gezin/<int:family_id>/toestemming/<int:participant_id>/intrekken/",
        views.consent_change,
        {"answer": "withdraw"},
        name="consent_withdraw",
    ),
    path("gezin/<int:family_id>/logboek/", views.access_log, name="access_log"),
    path(
        "gezin/<int:family_id>/toestemming/<int:participant_id>/wat/",
        views.consent_scope,
        name="consent_scope",
    ),
    path("gezin/<int:family_id>/noodtoegang/", views.emergency, name="emergency"),
    path("gezin/<int:family_id>/afsluiten/", views.closing, name="closing"),
    path("gezin/<int:family_id>/verhuizen/", views.move, name="move"),
    path(
        "gezin/<int:family_id>/gezinslid/<int:member_id>/",
        views.member_edit,
        name="member_edit",
    ),
    path("gezin/<int:family_id>/gezinslid/nieuw/", views.member_new, name="member_new"),
    path(
        "gezin/<int:family_id>/gezinslid/<int:member_id>/gezag/",
        views.member_authority,
        name="member_authority",
    ),
    path(
        "gezin/<int:family_id>/gezinslid/<int:member_id>/geschiedenis/",
        views.member_history,
        name="member_history",
    ),
    path("gezin/<int:family_id>/stem/<int:member_id>/", views.child_voice, name="child_voice"),
    path(
        "gezin/<int:family_id>/kindmodus/<int:member_id>/",
        views.child_mode_start,
        name="child_mode_start",
    ),
    path("gezin/<int:family_id>/kindmodus/klaar/", views.child_mode_end, name="child_mode_end"),
]
