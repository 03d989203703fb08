"""The app's URLs plus the benchmark's floor view (never served in production)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from samenplan.urls import urlpatterns as app_urlpatterns


@login_required
def floor(request):
    """The framework's own cost: login required, one query, a tiny response."""
    exists = get_user_model().objects.filter(pk=request.user.pk).exists()
    return HttpResponse("ok" if exists else "no")


urlpatterns = [path("bench/floor/", floor), *app_urlpatterns]
handler403 = "samenplan.views.error_403"
handler404 = "samenplan.views.error_404"
handler500 = "samenplan.views.error_500"
