"""The plan's PDF is made by the task worker and kept per person and family version."""

from unittest import mock

from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.exports import tasks
from samenplan.plan import actions as plan

from .test_exports import weasyprint_or_skip

DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def pdf_reads(family):
    return AuditEvent.objects.filter(family=family, action="export", detail="pdf").count()


class KeptPdfTestCase(TestCase):
    def setUp(self):
        weasyprint_or_skip(self)
        cache.clear()
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.fons = self.f.parent("Fons")
        self.url = reverse("exports:pdf", args=[self.f.family.pk])
        self.renders = mock.patch.object(tasks.pdf, "plan_pdf", wraps=tasks.pdf.plan_pdf)
        self.render = self.renders.start()
        self.addCleanup(self.renders.stop)

    def download(self, seat):
        self.client.force_login(seat.user)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        return response

    def test_without_a_separate_worker_the_pdf_comes_at_once_and_its_read_is_logged(self):
        self.download(self.mira)
        self.assertEqual(self.render.call_count, 1)
        self.assertEqual(pdf_reads(self.f.family), 1)

    def test_a_second_download_is_the_kept_pdf_and_is_logged_again(self):
        first = self.download(self.mira).content
        second = self.download(self.mira).content
        self.assertEqual(first, second)
        self.assertEqual(self.render.call_count, 1)
        self.assertEqual(pdf_reads(self.f.family), 2)

    def test_a_change_in_the_family_makes_a_new_pdf(self):
        self.download(self.mira)
        plan.step_create(
            access=self.f.access(self.mira), text="Samen koken op zondag", owner=self.fons
        )
        self.download(self.mira)
        self.assertEqual(self.render.call_count, 2)

    def test_each_person_gets_the_pdf_of_what_they_may_see(self):
        noa = self.f.child("Noa", age=14, account=True)
        plan.goal_create(
            access=self.f.access(noa),
            text="Mijn eigen doel",
            domain="gezondheid",
            owner=noa.member,
            private=True,
        )
        mine = self.download(noa).content
        theirs = self.download(self.mira).content
        self.assertEqual(self.render.call_count, 2)
        self.f.family.refresh_from_db()
        keys = [tasks.pdf_key(self.f.access(seat), "nl") for seat in (noa, self.mira)]
        self.assertNotEqual(keys[0], keys[1])
        self.assertEqual(cache.get(keys[0]), mine)
        self.assertEqual(cache.get(keys[1]), theirs)
        # What each was given was made for them: the private goal only in Noa's.
        contexts = [call.args[0] for call in self.render.call_args_list]
        self.assertEqual([a.participant for a in contexts], [noa, self.mira])

    def test_the_worker_makes_nothing_for_someone_no_longer_at_the_table(self):
        self.mira.active_to = timezone.now()
        self.mira.save()
        result = tasks.render_plan_pdf.call(self.mira.user.pk, self.f.family.pk, "nl")
        self.assertEqual(result, "")
        self.assertEqual(self.render.call_count, 0)


@override_settings(TASKS=DB)
class PdfOnTheWorkerTestCase(TransactionTestCase):
    """With a separate worker the page says the PDF is being made, and looks again."""

    def setUp(self):
        weasyprint_or_skip(self)
        cache.clear()
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.url = reverse("exports:pdf", args=[self.f.family.pk])
        self.client.force_login(self.mira.user)

    def test_the_page_waits_for_the_worker_then_gives_the_pdf(self):
        from django_tasks_db.models import DBTaskResult

        waiting = self.client.get(self.url)
        self.assertEqual(waiting.status_code, 200)
        self.assertContains(waiting, "We maken jullie pdf")
        self.assertContains(waiting, f'data-wait-for="{self.url}"')  # the script looks again
        self.assertNotContains(waiting, 'http-equiv="refresh"')  # no timed reload (WCAG 2.2.1)
        self.assertEqual(pdf_reads(self.f.family), 0)  # nothing of the plan shown yet
        self.client.get(self.url)  # looking again before the worker ran asks nothing more
        self.assertEqual(DBTaskResult.objects.count(), 1)

        call_command("db_worker", batch=True, verbosity=0)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(pdf_reads(self.f.family), 1)
