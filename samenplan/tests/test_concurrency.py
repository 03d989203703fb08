"""Nothing is lost when people act at once: real parallel connections on PostgreSQL.

Each test starts threads, each with its own database connection, that wait at
a barrier and then write at the same moment. SQLite runs one writer at a time
(IMMEDIATE transactions), so these run on PostgreSQL only; `.ci/run` runs the
whole suite there too (`make test-pg` locally).
"""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import TransactionTestCase

from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions as careteam_actions
from samenplan.careteam.models import Meeting
from samenplan.families import actions
from samenplan.families.models import Member, Revision, SubmittedForm
from samenplan.families.once import AlreadySaved, create_once
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan import actions as plan_actions
from samenplan.plan.models import HelpQuestion, Step


def at_once(*jobs):
    """Run the jobs in parallel threads, released together; return what each raised."""
    barrier = threading.Barrier(len(jobs))
    outcome = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
            outcome[index] = "ok"
        except Exception as error:  # the outcome is what the test looks at
            outcome[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return outcome


@pytest.mark.postgres
class ConcurrencyTestCase(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("real parallel writers need PostgreSQL: make test-pg (DATABASE_URL)")
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Yusuf")
        self.worker = self.f.professional("Eef")

    def test_parallel_member_edits_keep_one_and_refuse_the_rest(self):
        member = self.mother.member
        version = member.version

        def edit(n):
            return lambda: actions.member_update(
                access=self.f.access(self.mother),
                member=Member.objects.get(pk=member.pk),
                expected_version=version,
                name=f"Sara {n}",
            )

        outcome = at_once(*(edit(n) for n in range(20)))
        self.assertEqual(outcome.count("ok"), 1)
        self.assertTrue(all(isinstance(o, StaleEdit) for o in outcome if o != "ok"))
        member.refresh_from_db()
        self.assertEqual(member.version, version + 1)
        self.assertEqual(Revision.objects.filter(item_type="member", item_id=member.pk).count(), 1)

    def test_two_help_question_saves_from_one_version_make_one_version(self):
        family = self.f.access(self.mother)
        base = plan_actions.help_question_write(access=family, text="Rust in huis", base_id=None)
        for round_ in range(6):

            def write(text, base_id=base.pk):
                return lambda: plan_actions.help_question_write(
                    access=self.f.access(self.mother), text=text, base_id=base_id
                )

            outcome = at_once(write(f"Versie A{round_}"), write(f"Versie B{round_}"))
            with self.subTest(round=round_):
                self.assertEqual(outcome.count("ok"), 1)
                self.assertIsInstance(next(o for o in outcome if o != "ok"), StaleEdit)
            base = plan_actions.help_question_current(self.f.family.pk)
        accepted = HelpQuestion.objects.filter(family=self.f.family, status="accepted")
        self.assertEqual(accepted.count(), 7)
        self.assertEqual(sorted(accepted.values_list("version", flat=True)), list(range(1, 8)))

    def test_a_double_submit_at_the_same_moment_makes_one_step(self):
        def submit():
            access = self.f.access(self.mother)
            return create_once(
                access=access,
                token="dezelfde-knop-twee-keer",
                make=lambda: plan_actions.step_create(
                    access=access, text="Sara belt de school", owner=self.mother
                ),
            )

        outcome = at_once(*(submit for _ in range(10)))
        self.assertEqual(outcome.count("ok"), 1)
        self.assertTrue(all(isinstance(o, AlreadySaved) for o in outcome if o != "ok"))
        self.assertEqual(Step.objects.filter(text="Sara belt de school").count(), 1)
        self.assertEqual(SubmittedForm.objects.get().item_type, "step")

    def test_a_correction_and_a_klopt_at_once_never_lose_the_correction(self):
        meeting = Meeting.objects.create(
            family=self.f.family,
            starts_at=self.f.family.created_at,
            phase="hulp",
            created_by=self.worker.user,
        )
        pk = meeting.pk
        for round_ in range(20):
            meeting.refresh_from_db()
            meeting = careteam_actions.summary_write(
                access=self.f.access(self.worker),
                meeting=meeting,
                expected_version=meeting.version,
                summary=f"Verslag {round_}",
            )
            seen = meeting.version
            correction = f"Ik was er ook bij ({round_})."

            def correct(seen=seen, correction=correction):
                return careteam_actions.summary_confirm(
                    access=self.f.access(self.father),
                    meeting=Meeting.objects.get(pk=pk),
                    correct=False,
                    correction=correction,
                    seen_version=seen,
                )

            def confirm(seen=seen):
                return careteam_actions.summary_confirm(
                    access=self.f.access(self.mother),
                    meeting=Meeting.objects.get(pk=pk),
                    correct=True,
                    seen_version=seen,
                )

            outcome = at_once(correct, confirm)
            meeting.refresh_from_db()
            with self.subTest(round=round_):
                self.assertEqual(outcome.count("ok"), 1)
                self.assertIsInstance(next(o for o in outcome if o != "ok"), ActionError)
                if outcome[0] == "ok":
                    self.assertEqual(meeting.correction, correction)
                    self.assertEqual(meeting.summary_status, "corrected")
                else:
                    self.assertEqual(meeting.summary_status, "confirmed")
