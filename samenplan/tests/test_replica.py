"""Reads go to the replica only when lag can't hurt; `make cluster` drills it for real."""

import time

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEvent
from samenplan.lib import replica

ROUTER = replica.ReplicaRouter()


def read_alias_during(method: str, cookies: dict | None = None):
    """The database a page's read would use, and the response, for one request."""
    seen = {}

    def view(request):
        seen["read"] = ROUTER.db_for_read(User)
        seen["write"] = ROUTER.db_for_write(User)
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    response = replica.ReplicaMiddleware(view)(request)
    return seen, response


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(replica, "configured", lambda: True)


def test_without_a_request_every_read_goes_to_the_primary():
    # The worker, management commands and migrations never read a lagging copy.
    assert ROUTER.db_for_read(User) == "default"
    assert ROUTER.db_for_write(User) == "default"


def test_a_page_reads_from_the_replica_and_writes_to_the_primary(with_replica):
    seen, response = read_alias_during("GET")
    assert seen == {"read": "replica", "write": "default"}
    assert replica.COOKIE not in response.cookies


def test_a_post_reads_from_the_primary_and_marks_the_browser(with_replica):
    seen, response = read_alias_during("POST")
    assert seen == {"read": "default", "write": "default"}
    cookie = response.cookies[replica.COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    assert abs(float(cookie.value) - time.time()) < 5


def test_right_after_writing_the_same_browser_reads_from_the_primary(with_replica):
    seen, _ = read_alias_during("GET", {replica.COOKIE: f"{time.time() - 2:.3f}"})
    assert seen["read"] == "default"


def test_a_while_after_writing_reads_go_to_the_replica_again(with_replica):
    seen, _ = read_alias_during("GET", {replica.COOKIE: f"{time.time() - 60:.3f}"})
    assert seen["read"] == "replica"


@pytest.mark.parametrize("value", ["", "soon", "nan", "an hour from now"])
def test_a_mangled_or_future_cookie_gives_no_special_treatment(with_replica, value):
    if value == "an hour from now":
        value = f"{time.time() + 3600:.0f}"
    seen, _ = read_alias_during("GET", {replica.COOKIE: value})
    assert seen["read"] == "replica"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(with_replica):
    # The audit chain, the version check and the one-time token read and write
    # in one transaction: a replica's older view would fork or lose them.
    token = replica._reads_may_lag.set(True)
    try:
        with transaction.atomic():
            assert ROUTER.db_for_read(AuditEvent) == "default"
    finally:
        replica._reads_may_lag.reset(token)


def test_what_an_object_has_is_read_where_the_object_came_from(with_replica):
    user = User(email="sanne@example.org")
    user._state.db = "default"
    token = replica._reads_may_lag.set(True)
    try:
        assert ROUTER.db_for_read(AuditEvent, instance=user) == "default"
        assert ROUTER.db_for_read(AuditEvent) == "replica"
    finally:
        replica._reads_may_lag.reset(token)


def test_only_the_primary_is_migrated():
    assert ROUTER.allow_migrate("default", "audit")
    assert not ROUTER.allow_migrate("replica", "audit")


def test_without_a_replica_the_middleware_changes_nothing():
    seen, response = read_alias_during("POST")
    assert seen["read"] == "default"
    assert replica.COOKIE not in response.cookies


@override_settings(SAMENPLAN_REPLICA_PIN_SECONDS=30)
def test_the_pin_lasts_as_long_as_the_setting_says(with_replica):
    seen, response = read_alias_during("POST")
    assert response.cookies[replica.COOKIE]["max-age"] == 30
    seen, _ = read_alias_during("GET", {replica.COOKIE: f"{time.time() - 20:.3f}"})
    assert seen["read"] == "default"
