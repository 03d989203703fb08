from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("families:list")
    return render(request, "home.html")


def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


def security_txt(request: HttpRequest) -> HttpResponse:
    """Where to report a vulnerability (RFC 9116; on the Dutch comply-or-explain list)."""
    expires = settings.SECURITY_TXT_EXPIRES
    if not expires:
        # Without a date from the settings: the end of next year, never further.
        expires = f"{timezone.now().year + 1}-12-31T23:59:59Z"
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_ROOT.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def health(request: HttpRequest) -> HttpResponse:
    """Is the app able to work: database, cache, queue. No data, no names."""
    from django.core.cache import cache
    from django.db import connection

    parts = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        parts["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure is "not ok"
        parts["database"] = "error"
    try:
        cache.set("samenplan-health", "1", 10)
        parts["cache"] = "ok" if cache.get("samenplan-health") == "1" else "error"
    except Exception:  # noqa: BLE001
        parts["cache"] = "error"
    parts["queue"] = _queue_health()
    if "replica" in settings.DATABASES:
        parts["replica"] = _replica_health()
    healthy = all(value == "ok" for value in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **parts}, status=200 if healthy else 503
    )


def _replica_health() -> str:
    """The replica answers and is replaying the primary (a standby, not a copy)."""
    from django.db import connections

    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            return "ok" if cursor.fetchone()[0] else "error"
    except Exception:  # noqa: BLE001 - any failure is "not ok"
        return "error"


def _queue_health() -> str:
    try:
        if settings.SAMENPLAN_TASKS == "rq":
            import django_rq

            django_rq.get_connection("default").ping()
        else:
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.exists()
        return "ok"
    except Exception:  # noqa: BLE001
        return "error"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language; remembered in a cookie and, when logged in, on the account."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    if request.user.is_authenticated and request.user.language != language:
        from samenplan.accounts.actions import profile_update

        profile_update(user=request.user, name=request.user.name, language=language)
    return response


def error_400(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    no_consent = str(exception) == "no_consent"
    return render(request, "403.html", {"no_consent": no_consent}, status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
