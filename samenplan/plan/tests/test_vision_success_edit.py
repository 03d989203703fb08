"""Future pictures and successes can be changed, versioned, by those whose words they are."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.families.models import Family, Revision
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan import actions
from samenplan.plan.models import Success, TimelineEntry, Vision
from samenplan.test import give_totp


class VisionEditTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Ruud")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        self.vision = actions.vision_write(
            access=self.f.access(self.teen),
            member=self.teen.member,
            text="Ik ga weer graag naar school",
        )

    def url(self):
        return reverse("plan:vision_edit", args=[self.f.family.pk, self.vision.pk])

    def update(self, seat, text, version=None):
        return actions.vision_update(
            access=self.f.access(seat),
            vision=self.vision,
            expected_version=version or Vision.objects.get(pk=self.vision.pk).version,
            text=text,
        )

    def test_whose_words_they_are_changes_them_and_it_is_a_new_version(self):
        changed = self.update(self.teen, "Ik ga weer graag naar school, en naar hockey")
        self.assertEqual(changed.version, 2)
        self.assertEqual(Revision.objects.filter(item_type="vision").count(), 2)
        self.assertTrue(TimelineEntry.objects.filter(kind="vision", action="changed").exists())
        self.assertTrue(AuditEvent.objects.filter(action="update", data="vision").exists())
        with self.assertRaises(StaleEdit):
            self.update(self.teen, "Oud", version=1)

    def test_nobody_else_changes_someone_elses_future_picture(self):
        for seat in (self.mother, self.worker):
            with self.assertRaises(ActionError):
                self.update(seat, "Iets anders")
            self.client.force_login(seat.user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.client.force_login(self.teen.user)
        plan = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertContains(plan, self.url())

    def test_the_page_keeps_what_was_typed_and_shows_both_texts_when_stale(self):
        self.update(self.teen, "Ik ga weer graag naar school, zegt Tess")
        self.client.force_login(self.teen.user)
        response = self.client.post(
            self.url(), {"text": "Ik wil naar de havo", "first_noticed": "", "version": "1"}
        )
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "zegt Tess", status_code=400)
        self.assertContains(response, "Ik wil naar de havo", status_code=400)

    def test_emergency_access_and_a_closed_family_change_nothing(self):
        with self.assertRaises(PermissionDenied):
            actions.vision_update(
                access=self.f.access(self.teen, emergency=True),
                vision=self.vision,
                expected_version=1,
                text="X",
            )
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.teen.user)
        response = self.client.post(self.url(), {"text": "X", "version": "1"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Vision.objects.get(pk=self.vision.pk).text, "Ik ga weer graag naar school")


class SuccessEditTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.gran = self.f.network("Oma Ans")
        self.school = actions.goal_create(
            access=self.f.access(self.mother), text="Tess gaat naar school", domain="school"
        )
        self.mornings = actions.goal_create(
            access=self.f.access(self.mother), text="Rustige ochtenden", domain="opvoeden"
        )
        self.success = actions.success_create(
            access=self.f.access(self.teen),
            what_happened="Ik was op tijd op school",
            goals=[self.school],
        )

    def url(self):
        return reverse("plan:success_edit", args=[self.f.family.pk, self.success.pk])

    def test_the_family_links_a_success_to_another_goal_later(self):
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url(),
            {
                "what_happened": "Tess was op tijd op school, drie dagen achter elkaar",
                "goals": [self.school.pk, self.mornings.pk],
                "version": "1",
            },
        )
        self.assertRedirects(
            response,
            reverse("plan:plan", args=[self.f.family.pk]) + f"#success-{self.success.pk}",
            fetch_redirect_response=False,
        )
        success = Success.objects.get(pk=self.success.pk)
        self.assertEqual(success.version, 2)
        self.assertEqual(
            set(success.goals.values_list("pk", flat=True)), {self.school.pk, self.mornings.pk}
        )
        self.assertTrue(TimelineEntry.objects.filter(kind="success", action="changed").exists())
        goal = self.client.get(reverse("plan:goal", args=[self.f.family.pk, self.mornings.pk]))
        self.assertContains(goal, "drie dagen achter elkaar")

    def test_someone_else_at_the_table_does_not_change_it(self):
        self.client.force_login(self.gran.user)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        with self.assertRaises(ActionError):
            actions.success_update(
                access=self.f.access(self.gran),
                success=self.success,
                expected_version=1,
                what_happened="Anders",
            )

    def test_empty_words_or_another_familys_goal_are_refused(self):
        other = FamilyBuilder("Gezin Anders")
        stranger = other.parent("Ander")
        elsewhere = actions.goal_create(
            access=other.access(stranger), text="Ergens anders", domain="school"
        )
        for fields in ({"what_happened": "  "}, {"what_happened": "Iets", "goals": [elsewhere]}):
            with self.assertRaises(ActionError):
                actions.success_update(
                    access=self.f.access(self.mother),
                    success=self.success,
                    expected_version=1,
                    **fields,
                )
        vision = actions.vision_write(
            access=self.f.access(self.mother), member=self.mother.member, text="Rust"
        )
        with self.assertRaises(ActionError):
            actions.vision_update(
                access=self.f.access(self.mother), vision=vision, expected_version=1, text=" "
            )
