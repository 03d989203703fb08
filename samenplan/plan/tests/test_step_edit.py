"""Plans change: a step's words, who does it and its date can be changed, versioned."""

from datetime import date, timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.families.models import Family, Revision
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan import actions
from samenplan.plan.models import Status, Step, TimelineEntry
from samenplan.test import give_totp


class StepEditTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Ruud")
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        self.step = actions.step_create(
            access=self.f.access(self.mother),
            text="School bellen over het rooster",
            owner=self.mother,
            due_date=date(2026, 12, 5),
        )

    def edit(self, seat, version=None, **fields):
        current = Step.objects.get(pk=self.step.pk)
        values = {
            "text": current.text,
            "owner": current.owner,
            "owner_name": current.owner_name,
            "goal": current.goal,
            "due_date": current.due_date,
            **fields,
        }
        return actions.step_update(
            access=self.f.access(seat),
            step=current,
            expected_version=version or current.version,
            **values,
        )

    def test_moving_a_step_a_week_keeps_its_history_and_says_so_on_the_timeline(self):
        step = self.edit(self.mother, due_date=date(2026, 12, 12))
        self.assertEqual((step.due_date, step.version), (date(2026, 12, 12), 2))
        self.assertEqual(Revision.objects.filter(item_type="step", item_id=step.pk).count(), 2)
        line = TimelineEntry.objects.filter(item_id=step.pk).first()
        self.assertEqual((line.action, line.actor), ("changed", self.mother.user))
        self.assertIn("nu voor 12 december 2026", line.summary)
        self.assertTrue(
            AuditEvent.objects.filter(action="update", data="step", object_id=str(step.pk)).exists()
        )

    def test_a_stale_edit_is_refused_with_the_newest_text(self):
        version = self.step.version
        self.edit(self.mother, text="School mailen over het rooster")
        with self.assertRaises(StaleEdit) as refused:
            self.edit(self.father, text="Oma belt school", version=version)
        self.assertEqual(refused.exception.current, "School mailen over het rooster")
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, "School mailen over het rooster")

    def test_handing_a_step_to_someone_else_asks_them_again(self):
        step = self.edit(self.mother, owner=self.father)
        self.assertEqual(step.status, Status.PROPOSED)
        self.assertIsNone(step.decided_by)
        self.assertEqual(TimelineEntry.objects.filter(item_id=step.pk).first().action, "proposed")

    def test_taking_a_step_on_yourself_needs_nobody_elses_yes(self):
        step = self.edit(self.father, owner=self.father)
        self.assertEqual(step.status, Status.ACCEPTED)

    def test_only_who_wrote_it_whom_it_is_for_or_the_family_change_it(self):
        with self.assertRaises(ActionError):
            self.edit(self.gran, text="Anders")
        with self.assertRaises(ActionError):
            self.edit(self.worker, text="Anders")
        mine = actions.step_create(
            access=self.f.access(self.worker), text="Eef belt school", owner=self.worker
        )
        self.step = mine
        self.assertEqual(self.edit(self.worker, text="Eef mailt school").text, "Eef mailt school")

    def test_a_step_that_is_done_or_removed_stays_as_it_was(self):
        actions.step_done(access=self.f.access(self.mother), step=self.step)
        with self.assertRaises(ActionError):
            self.edit(self.mother, text="Anders")

    def test_a_step_needs_someone_at_this_table(self):
        other = FamilyBuilder("Gezin Anders").parent("Vreemd")
        with self.assertRaises(ActionError):
            self.edit(self.mother, owner=other)
        with self.assertRaises(ActionError):
            self.edit(self.mother, owner=None, owner_name="  ")

    # --- the page ---------------------------------------------------------------

    def url(self):
        return reverse("plan:step_edit", args=[self.f.family.pk, self.step.pk])

    def test_the_page_moves_the_step_and_goes_back_to_it(self):
        self.client.force_login(self.mother.user)
        page = self.client.get(self.url())
        self.assertContains(page, "Stap veranderen")
        response = self.client.post(
            self.url(),
            {
                "text": "School bellen over het rooster",
                "owner": self.mother.pk,
                "due_date": "2026-12-19",
                "version": self.step.version,
            },
        )
        self.assertRedirects(
            response,
            reverse("plan:plan", args=[self.f.family.pk]) + f"#step-{self.step.pk}",
            fetch_redirect_response=False,
        )
        self.assertEqual(Step.objects.get(pk=self.step.pk).due_date, date(2026, 12, 19))

    def test_a_stale_save_shows_both_texts_and_keeps_what_was_typed(self):
        seen = self.step.version
        self.edit(self.father, text="Papa belt school")
        self.client.force_login(self.mother.user)
        data = {"text": "Mama mailt school", "owner": self.mother.pk, "version": seen}
        response = self.client.post(self.url(), data)
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "Papa belt school", status_code=400)
        self.assertContains(response, "Mama mailt school", status_code=400)
        # Saving again goes over the version now seen.
        newest = Step.objects.get(pk=self.step.pk).version
        self.assertContains(response, f'name="version" value="{newest}"', status_code=400)
        again = self.client.post(self.url(), {**data, "version": newest})
        self.assertEqual(again.status_code, 302)
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, "Mama mailt school")

    def test_a_closed_family_and_emergency_access_change_nothing(self):
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url(), {"text": "X", "owner": self.mother.pk, "version": self.step.version}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, "School bellen over het rooster")

    def test_the_plan_offers_the_change_to_those_who_may(self):
        plan = reverse("plan:plan", args=[self.f.family.pk])
        self.client.force_login(self.mother.user)
        self.assertContains(self.client.get(plan), self.url())
        self.client.force_login(self.gran.user)
        self.assertNotContains(self.client.get(plan), self.url())

    def test_a_date_in_the_past_is_allowed_for_a_step_that_was_late(self):
        self.client.force_login(self.mother.user)
        yesterday = timezone.localdate() - timedelta(days=1)
        response = self.client.post(
            self.url(),
            {
                "text": self.step.text,
                "owner": self.mother.pk,
                "due_date": yesterday.isoformat(),
                "version": self.step.version,
            },
        )
        self.assertEqual(response.status_code, 302)

    def test_the_page_says_on_the_timeline_when_a_step_moved_or_changed_hands(self):
        self.client.force_login(self.mother.user)
        self.client.post(
            self.url(),
            {
                "text": self.step.text,
                "owner": self.father.pk,
                "due_date": "2026-12-19",
                "version": self.step.version,
            },
        )
        line = TimelineEntry.objects.filter(item_id=self.step.pk).first()
        self.assertEqual(line.action, "proposed")
        self.assertIn("nu voor 19 december 2026", line.summary)
        self.assertEqual(Step.objects.get(pk=self.step.pk).status, Status.PROPOSED)
