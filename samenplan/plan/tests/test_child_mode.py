"""Mijn plan and kindmodus: a child reads their own part of the plan in large type,
and a child without an account uses it on a grown-up's phone. What the child
says there is the child's own, marked as said on that phone; nothing else can
be opened or written until the grown-up taps "Klaar"."""

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.creations import actions as creations
from samenplan.creations.models import Creation
from samenplan.families.models import Family
from samenplan.plan import actions
from samenplan.plan.models import ChildWord, Goal, GoalScore, Vision


class ChildModeTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.family = self.f.family
        self.sanne = self.f.parent("Sanne")
        self.sem = self.f.child("Sem", age=11)
        self.noor = self.f.child("Noor", age=15, account=True)
        parent = self.f.access(self.sanne)
        self.sem_goal = actions.goal_create(
            access=parent, text="Ik kan zelf naar school fietsen", domain="school", owner=self.sem
        )
        self.noor_goal = actions.goal_create(
            access=parent, text="Noor slaapt beter", domain="gezondheid", owner=self.noor.member
        )
        self.step = actions.step_create(
            access=parent, text="Samen de route oefenen", goal=self.sem_goal, owner=self.sanne
        )
        self.client.force_login(self.sanne.user)

    def url(self, name, *args):
        return reverse(name, args=[self.family.pk, *args])

    def hand_over(self):
        return self.client.post(self.url("families:child_mode_start", self.sem.pk))

    def test_a_parent_hands_over_the_phone_and_only_the_childs_plan_shows(self):
        response = self.hand_over()
        self.assertRedirects(response, self.url("plan:mine", self.sem.pk))
        page = self.client.get(self.url("plan:mine", self.sem.pk))
        self.assertContains(page, "Hoi Sem! Dit is jouw plan.")
        self.assertContains(page, "Ik kan zelf naar school fietsen")
        self.assertContains(page, "Samen de route oefenen")
        self.assertNotContains(page, "Noor slaapt beter")
        for elsewhere in (
            self.url("plan:plan"),
            self.url("families:home"),
            self.url("plan:mine", self.noor.member.pk),
            reverse("families:list"),
            reverse("accounts:my_account"),
        ):
            with self.subTest(elsewhere):
                self.assertRedirects(self.client.get(elsewhere), self.url("plan:mine", self.sem.pk))
        handed = AuditEvent.objects.get(action="hand_over")
        self.assertEqual((handed.actor, handed.object_id), (self.sanne.user, self.sem.pk))

    def test_the_childs_score_is_their_own_said_on_the_parents_phone(self):
        self.hand_over()
        response = self.client.post(
            self.url("plan:score_add", self.sem_goal.pk), {"score": "7", "note": "Bijna!"}
        )
        self.assertRedirects(response, self.url("plan:mine", self.sem.pk))
        score = GoalScore.objects.get(goal=self.sem_goal)
        self.assertEqual(
            (score.member, score.author, score.by_child, score.score),
            (self.sem, self.sanne.user, True, 7),
        )
        event = AuditEvent.objects.get(data="goal_score", action="create")
        self.assertEqual(event.on_behalf_of, "Sem")
        self.assertContains(
            self.client.get(self.url("plan:mine", self.sem.pk)), "Jouw laatste cijfer: 7"
        )
        self.client.post(self.url("families:child_mode_end"))
        voice = self.client.get(self.url("families:child_voice", self.sem.pk))
        self.assertContains(voice, "Door Sem zelf, op de telefoon van Sanne")

    def test_a_child_scores_only_their_own_goal(self):
        self.hand_over()
        self.client.post(self.url("plan:score_add", self.noor_goal.pk), {"score": "2"})
        self.assertFalse(GoalScore.objects.exists())

    def test_a_goal_of_the_whole_family_is_the_childs_to_score_too(self):
        family_goal = actions.goal_create(
            access=self.f.access(self.sanne), text="Rustige ochtenden", domain="opvoeden"
        )
        self.hand_over()
        self.assertContains(
            self.client.get(self.url("plan:mine", self.sem.pk)), "Een doel van jullie hele gezin"
        )
        self.client.post(self.url("plan:score_add", family_goal.pk), {"score": "6"})
        score = GoalScore.objects.get(goal=family_goal)
        self.assertEqual((score.member, score.by_child), (self.sem, True))

    def test_no_other_write_passes_in_child_mode(self):
        self.hand_over()
        response = self.client.post(
            self.url("plan:goal_new"), {"text": "Een doel van Sanne", "domain": "wonen"}
        )
        self.assertRedirects(response, self.url("plan:mine", self.sem.pk))
        self.assertFalse(Goal.objects.filter(text="Een doel van Sanne").exists())
        access = self.f.access(self.sanne, child_member_id=self.sem.pk)
        self.assertEqual(
            [access.may(a) for a in ("goal.create", "step.done", "goal.score", "child_word.add")],
            [False, False, True, True],
        )

    def test_the_child_says_what_they_think_and_it_is_marked_as_theirs(self):
        self.hand_over()
        response = self.client.post(
            self.url("plan:child_word", self.sem.pk),
            {"face": "blij", "text": "Ik vind fietsen leuk", "goal": self.sem_goal.pk},
        )
        self.assertRedirects(
            response, self.url("plan:mine", self.sem.pk) + f"#goal-{self.sem_goal.pk}"
        )
        word = ChildWord.objects.get()
        self.assertEqual(
            (word.member, word.author, word.by_child, word.face),
            (self.sem, self.sanne.user, True, "blij"),
        )
        page = self.client.get(self.url("plan:mine", self.sem.pk))
        self.assertContains(page, "door Sem zelf, op de telefoon van Sanne")

    def test_too_long_words_are_refused_and_kept(self):
        self.hand_over()
        long_text = "fietsen " * 200
        response = self.client.post(
            self.url("plan:child_word", self.sem.pk), {"face": "blij", "text": long_text}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "fietsen fietsen", status_code=400)
        self.assertFalse(ChildWord.objects.exists())

    def test_klaar_gives_the_phone_back(self):
        self.hand_over()
        response = self.client.post(self.url("families:child_mode_end"))
        self.assertRedirects(response, self.url("plan:mine", self.sem.pk))
        self.assertEqual(self.client.get(self.url("plan:plan")).status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(action="hand_back").exists())
        # On the grown-up's own phone the child's page offers to hand it over again.
        self.assertContains(
            self.client.get(self.url("plan:mine", self.sem.pk)), "Geef de telefoon aan Sem"
        )

    def test_the_access_log_tells_who_held_the_phone(self):
        self.hand_over()
        self.client.post(self.url("plan:child_word", self.sem.pk), {"face": "blij"})
        self.client.post(self.url("families:child_mode_end"))
        log = self.client.get(self.url("families:access_log"))
        self.assertContains(log, "gaf de telefoon aan een kind, dat zelf in het plan keek")
        self.assertContains(log, "kreeg de telefoon terug van een kind, dat zelf in het plan keek")
        self.assertContains(log, "wat een kind ervan vindt")

    def test_only_a_child_without_an_account_gets_the_phone(self):
        response = self.client.post(self.url("families:child_mode_start", self.noor.member.pk))
        self.assertEqual(response.status_code, 403)
        self.client.force_login(self.noor.user)
        response = self.client.post(self.url("families:child_mode_start", self.sem.pk))
        self.assertEqual(response.status_code, 403)

    def test_a_closed_family_ends_child_mode(self):
        self.hand_over()
        Family.objects.filter(pk=self.family.pk).update(closed_at=timezone.now())
        self.client.get(self.url("plan:mine", self.sem.pk))
        self.assertEqual(self.client.get(self.url("plan:plan")).status_code, 200)

    def test_what_someone_else_keeps_private_stays_hidden_from_the_child(self):
        noor = self.f.access(self.noor)
        secret = actions.goal_create(
            access=noor,
            text="Mijn geheime doel",
            domain="contacten",
            owner=self.noor.member,
            private=True,
            shared_with=[self.sanne],
        )
        seen = Goal.objects.visible_to(self.f.access(self.sanne))
        in_child_mode = Goal.objects.visible_to(
            self.f.access(self.sanne, child_member_id=self.sem.pk)
        )
        self.assertIn(secret, seen)
        self.assertNotIn(secret, in_child_mode)
        self.assertIn(self.sem_goal, in_child_mode)

    def test_a_youth_reads_her_own_plan_and_says_something_back(self):
        self.client.force_login(self.noor.user)
        page = self.client.get(self.url("plan:mine", self.noor.member.pk))
        self.assertContains(page, "Mijn plan")
        self.assertContains(page, "Noor slaapt beter")
        self.assertNotContains(page, "Geef de telefoon")
        self.client.post(self.url("plan:child_word", self.noor.member.pk), {"face": "gaat_wel"})
        word = ChildWord.objects.get()
        self.assertEqual((word.member, word.by_child), (self.noor.member, False))
        # Her words about someone else's plan are not hers to say.
        response = self.client.post(self.url("plan:child_word", self.sem.pk), {"face": "blij"})
        self.assertEqual(response.status_code, 403)

    def test_in_child_mode_a_drawing_is_the_childs_and_only_beside_their_own_part(self):
        import io

        from PIL import Image

        picture = io.BytesIO()
        Image.new("RGB", (40, 30), (0, 120, 200)).save(picture, format="PNG")
        phone = self.f.access(self.sanne, child_member_id=self.sem.pk)
        self.assertEqual(creations.makers(phone), [self.sem])
        made = creations.creation_add(
            access=phone,
            member=self.sem,
            item_type="goal",
            item_id=self.sem_goal.pk,
            raw=picture.getvalue(),
        )
        self.assertEqual(
            (made.member, made.by_child, made.created_by), (self.sem, True, self.sanne.user)
        )
        vision = Vision.objects.create(
            family=self.family, member=self.noor.member, text="Later", created_by=self.noor.user
        )
        self.assertIsNone(creations.attached_to(phone, "goal", self.noor_goal.pk))
        self.assertIsNone(creations.attached_to(phone, "vision", vision.pk))
        sems = Vision.objects.create(
            family=self.family, member=self.sem, text="Voetbal", created_by=self.sanne.user
        )
        self.assertEqual(creations.attached_to(phone, "vision", sems.pk), sems)
        self.assertEqual(Creation.objects.count(), 1)
