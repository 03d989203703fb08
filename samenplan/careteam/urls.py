from django.urls import path

from . import views

app_name = "careteam"

base = "gezin/<int:family_id>/wie-doet-wat/"
meeting = base + "overleg/<int:meeting_id>/"

urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "rolkaart/", views.role_card_edit, name="role_card"),
    path(base + "zorgcoordinator/<int:participant_id>/", views.coordinator, name="coordinator"),
    path(base + "fasen/", views.phases, name="phases"),
    path(base + "fasen/<int:need_id>/weghalen/", views.phase_need_remove, name="phase_need_remove"),
    path(base + "overleg/", views.meetings, name="meetings"),
    path(base + "overleg/nieuw/", views.meeting_new, name="meeting_new"),
    path(meeting, views.meeting, name="meeting"),
    path(meeting + "verzetten/", views.meeting_move, name="meeting_move"),
    path(meeting + "afzeggen/", views.meeting_cancel, name="meeting_cancel"),
    path(meeting + "agenda/", views.agenda_add, name="agenda_add"),
    path(meeting + "verslag/", views.meeting_summary, name="meeting_summary"),
    path(meeting + "klopt/", views.meeting_confirm, {"correct": True}, name="meeting_confirm"),
    path(
        meeting + "verbeteren/", views.meeting_confirm, {"correct": False}, name="meeting_correct"
    ),
    path(meeting + "agenda.ics", views.meeting_ics, name="meeting_ics"),
    path(base + "veiligheid/", views.safety, name="safety"),
    path(base + "veiligheid/nieuw/", views.safety_new, name="safety_new"),
    path(base + "veiligheid/<int:scenario_id>/ja/", views.safety_agree, name="safety_agree"),
    path(
        base + "veiligheid/<int:scenario_id>/antwoord/", views.safety_answer, name="safety_answer"
    ),
    path(base + "veiligheid/<int:scenario_id>/veranderen/", views.safety_edit, name="safety_edit"),
    path(base + "terugkoppeling/nieuw/", views.report_back_new, name="report_back_new"),
    path(
        base + "terugkoppeling/<int:report_id>/gedaan/",
        views.report_back_done,
        name="report_back_done",
    ),
    path(
        base + "terugkoppeling/<int:report_id>/wie-leest/",
        views.report_back_audience,
        name="report_back_audience",
    ),
    path(
        base + "terugkoppeling/bericht/<int:sent_id>/ontvangen/",
        views.report_receive,
        name="report_receive",
    ),
    path(base + "steun/", views.support, name="support"),
]
