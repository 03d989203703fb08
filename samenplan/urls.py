from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from samenplan import views

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("gezond/", views.health, name="health"),
    path("taal/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("samenplan.accounts.urls")),
    path("", include("samenplan.families.urls")),
    path("", include("samenplan.plan.urls")),
    path("", include("samenplan.decisions.urls")),
    path("", include("samenplan.careteam.urls")),
    path("", include("samenplan.network.urls")),
    path("", include("samenplan.exports.urls")),
    path("", include("samenplan.notices.urls")),
    path("", include("samenplan.taal.urls")),
    path("", include("samenplan.creations.urls")),
]

if settings.SAMENPLAN_ADMIN:
    urlpatterns.append(path("beheer/", admin.site.urls))

handler400 = "samenplan.views.error_400"
handler403 = "samenplan.views.error_403"
handler404 = "samenplan.views.error_404"
handler500 = "samenplan.views.error_500"
