"""The same task suite on both queues: the database (the default) and RQ on a real Redis."""

import os
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings

from samenplan.builders import FamilyBuilder
from samenplan.notices import work
from samenplan.notices.models import Notification
from samenplan.notices.tasks import send_notices
from samenplan.plan import actions as plan

# Mail goes out only outside the quiet hours: these tests run at noon (conftest.py).
pytestmark = pytest.mark.daytime

RQ = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILING_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,
    "EMAIL_TIMEOUT": 2,
}


def redis_or_skip():
    import django_rq

    try:
        connection = django_rq.get_connection("default")
        connection.ping()
    except Exception as error:  # noqa: BLE001 - any reason Redis is not there
        message = f"Redis not reachable ({type(error).__name__}): RQ tests need redis-server"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return connection


class QueueTests:
    """A proposal waits for the mother; the worker of each queue sends her one mail.

    Each queue's test case says how its worker runs (``run_worker``).
    """

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.worker = self.f.professional("Wim")
        plan.goal_create(access=self.f.access(self.worker), text="Zwemles", domain="school")

    def test_a_change_queues_one_mail_and_the_worker_sends_it(self):
        work.family_changed(self.f.family.pk)
        self.assertEqual(mail.outbox, [])  # nothing is sent before a worker runs
        self.run_worker()
        self.assertEqual([m.to for m in mail.outbox], [[self.mother.user.email]])
        self.run_worker()
        self.assertEqual(len(mail.outbox), 1)

    def test_the_worker_tries_a_failed_mail_again(self):
        work.family_changed(self.f.family.pk)
        with override_settings(**FAILING_SMTP):
            self.run_worker()
        notification = Notification.objects.get(user=self.mother.user)
        self.assertEqual((notification.attempts, notification.sent_at), (1, None))
        with time_machine.travel(notification.send_after + timedelta(seconds=1)):
            self.run_worker()
        self.assertEqual(len(mail.outbox), 1)
        self.assertIsNotNone(Notification.objects.get(user=self.mother.user).sent_at)


# The database worker closes and reopens connections as a real worker does, which a
# test inside one transaction cannot survive on PostgreSQL: these tests commit.
@override_settings(TASKS=DB)
class DatabaseQueueTestCase(QueueTests, TransactionTestCase):
    def run_worker(self):
        call_command("db_worker", batch=True, verbosity=0)

    def test_the_queue_is_a_table(self):
        from django_tasks_db.models import DBTaskResult

        work.family_changed(self.f.family.pk)
        self.assertEqual(DBTaskResult.objects.count(), 1)
        self.run_worker()
        self.assertEqual(DBTaskResult.objects.get().status, "SUCCESSFUL")


@override_settings(TASKS=RQ)
class RedisQueueTestCase(QueueTests, TestCase):
    def setUp(self):
        self.redis = redis_or_skip()
        self.redis.flushdb()
        self.addCleanup(self.redis.flushdb)
        super().setUp()

    def run_worker(self):
        import django_rq
        from django_tasks_rq import Job
        from rq import SimpleWorker

        # The scheduler moves jobs whose time has come onto the queue; SimpleWorker
        # runs them in this process, so the test's database and outbox are the same.
        worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
        worker.work(burst=True, with_scheduler=True)

    def test_the_queue_is_in_redis(self):
        import django_rq

        work.family_changed(self.f.family.pk)
        self.assertEqual(django_rq.get_queue("default").count, 1)
        self.run_worker()
        self.assertEqual(django_rq.get_queue("default").count, 0)


class SendTaskTestCase(TestCase):
    def test_nothing_due_is_nothing_sent(self):
        self.assertEqual(send_notices.call(12345), "done")
        self.assertEqual(mail.outbox, [])


@override_settings(TASKS=DB)
class EveryMailThroughTheQueueTestCase(TransactionTestCase):
    """Invitations and new accounts too: the request queues, the worker sends."""

    def test_an_invitation_mail_waits_for_the_worker(self):
        from samenplan.families import actions as family_actions

        f = FamilyBuilder()
        mother = f.parent("Mira")
        family_actions.invitation_create(
            access=f.access(mother), email="oma@example.org", name="Oma", role="network"
        )
        self.assertEqual(mail.outbox, [])
        call_command("db_worker", batch=True, verbosity=0)
        self.assertEqual([m.to for m in mail.outbox], [["oma@example.org"]])
        self.assertNotIn("Mira", mail.outbox[0].body)
