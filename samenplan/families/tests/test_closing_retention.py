"""Afsluiten ("goed is goed genoeg"), reopening, and keeping and destroying a file."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organization, Professional, User
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder, user
from samenplan.families import actions
from samenplan.families.models import (
    Closing,
    ClosingCriterion,
    ContinuePlan,
    DestructionRecord,
    DestructionRequest,
    Family,
    Member,
    Participant,
)
from samenplan.families.retention import due_families, term_for
from samenplan.lib.visibility import family_models
from samenplan.test import CONFIRMED, give_totp


def worker_of(org, email, *, officer=False, admin=False):
    account = user(email, email.split("@")[0].title())
    Professional.objects.create(
        user=account,
        organization=org,
        function="Medewerker",
        is_privacy_officer=officer,
        is_org_admin=admin,
    )
    give_totp(account)
    return account


class VoluntaryClosingTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.teen = self.f.child("Ties", age=14, account=True)
        self.worker = self.f.professional("Wim")
        Participant.objects.filter(pk=self.worker.pk).update(is_coordinator=True)
        give_totp(self.worker.user)
        self.url = reverse("families:closing", args=[self.f.family.pk])

    def post(self, seat, **data):
        self.client.force_login(seat.user)
        return self.client.post(self.url, {**data, **CONFIRMED})

    def ready(self):
        self.post(self.mother, step="answer", answer="yes")
        self.post(self.mother, step="plan", what_works="Samen ontbijten")

    def test_closing_waits_for_every_consent_givers_yes(self):
        self.ready()
        response = self.post(self.mother, step="close")
        self.assertContains(response, "Nog niet iedereen heeft ja gezegd: Ties", status_code=400)
        self.post(self.teen, step="answer", answer="yes")
        response = self.post(self.mother, step="close")
        self.assertEqual(response.status_code, 302)
        self.f.family.refresh_from_db()
        self.assertIsNotNone(self.f.family.closed_at)
        self.assertFalse(Participant.objects.active().filter(pk=self.worker.pk).exists())
        home = reverse("families:home", args=[self.f.family.pk])
        self.assertEqual(self.client.get(home).status_code, 200)
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.get(home).status_code, 404)

    def test_a_youth_under_16_and_a_professional_do_not_close(self):
        self.ready()
        self.post(self.teen, step="answer", answer="yes")
        self.assertEqual(self.post(self.teen, step="close").status_code, 403)
        self.assertEqual(self.post(self.worker, step="close").status_code, 403)

    def test_the_family_goes_on_within_30_days_with_the_same_table(self):
        self.ready()
        self.post(self.teen, step="answer", answer="yes")
        self.post(self.mother, step="close")
        response = self.post(self.mother, step="reopen")
        self.assertEqual(response.status_code, 302)
        self.f.family.refresh_from_db()
        self.assertIsNone(self.f.family.closed_at)
        seat = Participant.objects.get(pk=self.worker.pk)
        self.assertTrue(seat.is_active())
        self.assertTrue(seat.is_coordinator)
        self.assertIsNotNone(Closing.objects.get().reopened_at)
        # A yes from before going on is not a yes for the next closing.
        self.assertContains(self.post(self.mother, step="close"), "Mira", status_code=400)

    def test_after_30_days_closing_is_final(self):
        self.ready()
        self.post(self.teen, step="answer", answer="yes")
        self.post(self.mother, step="close")
        Family.objects.filter(pk=self.f.family.pk).update(
            closed_at=timezone.now() - timedelta(days=31)
        )
        self.assertEqual(self.post(self.mother, step="reopen").status_code, 403)

    def test_a_closed_family_reads_its_own_plan_and_how_it_goes_on(self):
        self.ready()
        self.post(self.teen, step="answer", answer="yes")
        self.post(self.mother, step="close")
        self.client.force_login(self.mother.user)
        page = self.client.get(self.url)
        self.assertContains(page, "Samen ontbijten")
        self.assertContains(page, "We willen toch verder")
        self.assertEqual(self.post(self.mother, step="criterion", text="Nog iets").status_code, 403)


class CriteriaTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.worker = self.f.professional("Wim")

    def test_a_professionals_criterion_is_a_draft_until_the_family_agrees(self):
        draft = actions.closing_criterion_add(access=self.f.access(self.worker), text="Rust")
        self.assertEqual(draft.status, "draft")
        agreed = actions.closing_criterion_change(
            access=self.f.access(self.mother),
            criterion=draft,
            expected_version=draft.version,
            agree=True,
        )
        self.assertEqual((agreed.status, agreed.version), ("agreed", 2))
        own = actions.closing_criterion_add(access=self.f.access(self.mother), text="Slapen")
        self.assertEqual(own.status, "agreed")

    def test_a_change_over_a_newer_version_is_refused_and_shows_both(self):
        criterion = actions.closing_criterion_add(access=self.f.access(self.mother), text="Rust")
        url = reverse("families:closing", args=[self.f.family.pk])
        self.client.force_login(self.mother.user)
        form = {"step": "criterion_change", "criterion": criterion.pk, "version": 1, "what": "save"}
        self.client.post(url, {**form, "text": "Rust in huis", "met": "on"})
        response = self.client.post(url, {**form, "text": "Rust op school"})
        self.assertContains(response, "Rust in huis", status_code=400)
        criterion.refresh_from_db()
        self.assertEqual((criterion.text, criterion.met), ("Rust in huis", True))


class MeasureClosingTestCase(TestCase):
    """De Groot's case: in an OTS only the GI closes, with the legal basis."""

    def setUp(self):
        self.gi = Organization.objects.create(name="GI Test", kind="gi", safety_mandate=True)
        self.f = FamilyBuilder(legal_framework="ots", gi=self.gi)
        self.mother = self.f.parent("Anna")
        self.youth = self.f.child("Dirk", age=17, account=True)
        self.guardian = self.f.professional("Gijs", organization=self.gi)
        self.worker = self.f.professional("Wim")
        for seat in (self.guardian, self.worker):
            give_totp(seat.user)
        self.url = reverse("families:closing", args=[self.f.family.pk])

    def test_only_the_gi_closes_with_the_legal_basis_and_the_familys_view_beside_it(self):
        self.client.force_login(self.youth.user)
        self.client.post(self.url, {"step": "answer", "answer": "no", "note": "Ik wil nog hulp"})
        self.client.force_login(self.mother.user)
        self.assertEqual(self.client.post(self.url, {"step": "close"}).status_code, 403)
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.post(self.url, {"step": "close"}).status_code, 403)
        self.client.force_login(self.guardian.user)
        page = self.client.get(self.url)
        self.assertContains(page, "Ik wil nog hulp")
        refused = self.client.post(self.url, {"step": "close", "legal_basis": "", **CONFIRMED})
        self.assertContains(refused, "op grond waarvan", status_code=400)
        self.client.post(
            self.url,
            {
                "step": "close",
                **CONFIRMED,
                "legal_basis": "De rechter heeft de OTS beëindigd (uitspraak 3 mei).",
            },
        )
        closing = Closing.objects.get(family=self.f.family)
        self.assertEqual(closing.framework, "ots")
        self.assertIn("rechter", closing.legal_basis)
        self.client.force_login(self.youth.user)
        self.assertContains(self.client.get(self.url), "De rechter heeft de OTS beëindigd")


class DestructionTestCase(TestCase):
    def setUp(self):
        self.org = Organization.objects.create(name="Wijkteam Vier Ogen", kind="wijkteam")
        self.f = FamilyBuilder(organization=self.org)
        self.mother = self.f.parent("Mira")
        self.teen = self.f.child("Ties", age=13, account=True)
        self.worker = self.f.professional("Wim", organization=self.org)
        self.officer = worker_of(self.org, "ingrid@example.org", officer=True)
        self.colleague = worker_of(self.org, "colleague@example.org", officer=True)
        self.closing = reverse("families:closing", args=[self.f.family.pk])
        # The mother also sits in another family: her account stays.
        other = FamilyBuilder("Gezin Ander")
        Participant.objects.create(
            family=other.family, user=self.mother.user, role="network", relation_label="tante"
        )

    def ask(self):
        self.client.force_login(self.teen.user)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.closing, {"step": "destroy", "reason": "Klaar"})
        return DestructionRequest.objects.get(family=self.f.family)

    def page(self, asked):
        return reverse("families:privacy_request", args=[asked.pk])

    def test_the_request_goes_to_the_privacy_officer_with_a_legal_month(self):
        asked = self.ask()
        self.assertEqual(asked.organization, self.org)
        self.assertEqual(asked.answer_before, timezone.localdate() + timedelta(days=30))
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["colleague@example.org", "ingrid@example.org"]
        )
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(reverse("families:privacy")), "Gezin Test")
        self.assertContains(self.client.get(self.page(asked)), "Ties")
        # The family's own log names who looked at its request.
        log = AuditEvent.objects.get(family=self.f.family, data="destruction", action="view")
        self.assertEqual((log.actor, log.role), (self.officer, "privacy_officer"))

    def test_four_eyes_then_everything_of_the_family_is_gone_and_no_name_is_kept(self):
        asked = self.ask()
        self.client.force_login(self.officer)
        basis = "Verzoek van de jongere (13); geen belang van een ander."
        self.client.post(
            self.page(asked), {"step": "decide", "version": 1, "answer": "destroy", "basis": basis}
        )
        asked.refresh_from_db()
        self.assertEqual(asked.status, "checking")
        own = self.client.post(self.page(asked), {"step": "confirm", "version": 2, "agree": "1"})
        self.assertContains(own, "tweede persoon", status_code=400)
        self.assertTrue(Family.objects.filter(pk=self.f.family.pk).exists())
        teen_user = self.teen.user
        number = self.f.family.pk
        self.client.force_login(self.colleague)
        self.client.post(self.page(asked), {"step": "confirm", "version": 2, "agree": "1"})
        self.assertFalse(Family.objects.filter(pk=number).exists())
        for model in family_models():
            if model is not AuditEvent:
                self.assertFalse(model._default_manager.filter(family_id=number).exists(), model)
        record = DestructionRecord.objects.get(family_number=number)
        self.assertEqual(record.reason, "request")
        self.assertEqual(record.decided_by, self.officer.name)
        self.assertEqual(record.confirmed_by, self.colleague.name)
        self.assertEqual(record.basis, basis)
        kept = " ".join(
            str(getattr(record, f.attname)) for f in DestructionRecord._meta.concrete_fields
        )
        for name in ("Mira", "Ties", "Gezin Test", "example.org"):
            self.assertNotIn(name, kept)
        # The youth's account goes; the mother's stays (another family); work accounts stay.
        self.assertFalse(User.objects.filter(pk=teen_user.pk).exists())
        self.assertTrue(User.objects.filter(pk=self.mother.user.pk).exists())
        self.assertTrue(User.objects.filter(pk=self.worker.user.pk).exists())
        self.assertEqual(record.accounts_removed, 1)
        self.assertTrue(
            AuditEvent.objects.filter(object_type="destructionrecord", object_id=record.pk).exists()
        )

    def test_a_refusal_carries_its_reason_to_the_family(self):
        asked = self.ask()
        self.client.force_login(self.officer)
        empty = self.client.post(
            self.page(asked), {"step": "decide", "version": 1, "answer": "refuse"}
        )
        self.assertEqual(empty.status_code, 400)
        reason = "Zijn zus heeft er groot belang bij dat de afspraken bewaard blijven."
        self.client.post(
            self.page(asked),
            {"step": "decide", "version": 1, "answer": "refuse", "refusal": reason},
        )
        self.client.force_login(self.mother.user)
        page = self.client.get(self.closing)
        self.assertContains(page, reason)
        self.assertContains(page, "geweigerd")

    def test_a_half_filled_confirmation_before_any_decision_says_the_step_is_not_open(self):
        asked = self.ask()
        self.client.force_login(self.colleague)
        early = self.client.post(self.page(asked), {"step": "confirm", "version": 1})
        self.assertContains(early, "niet (meer) bij deze stap", status_code=400)
        asked.refresh_from_db()
        self.assertEqual(asked.status, "pending")

    def test_one_extension_with_a_reason(self):
        asked = self.ask()
        self.client.force_login(self.officer)
        because = "We moeten eerst met de GI overleggen over een oude melding."
        self.client.post(self.page(asked), {"step": "extend", "version": 1, "because": because})
        asked.refresh_from_db()
        self.assertEqual(asked.answer_before, timezone.localdate() + timedelta(days=91))
        again = self.client.post(
            self.page(asked), {"step": "extend", "version": 2, "because": because}
        )
        self.assertContains(again, "maar één keer", status_code=400)
        self.client.force_login(self.mother.user)
        self.assertContains(self.client.get(self.closing), because)

    def test_who_else_may_not_judge_requests(self):
        asked = self.ask()
        stranger = worker_of(
            Organization.objects.create(name="Ander Team", kind="wijkteam"),
            "ander@example.org",
            officer=True,
        )
        self.client.force_login(stranger)
        self.assertEqual(self.client.get(self.page(asked)).status_code, 404)
        give_totp(self.worker.user)
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.get(self.page(asked)).status_code, 403)
        self.client.force_login(self.mother.user)
        self.assertEqual(self.client.get(reverse("families:privacy")).status_code, 404)

    def test_a_privacy_officer_never_sits_at_the_table(self):
        with self.assertRaises(actions.ActionError):
            actions.invitation_create(
                access=self.f.access(self.mother),
                email="ingrid@example.org",
                name="Ingrid",
                role="professional",
            )

    def test_reminders_go_out_once_a_day_for_requests_that_are_nearly_due(self):
        asked = self.ask()
        DestructionRequest.objects.filter(pk=asked.pk).update(
            answer_before=timezone.localdate() + timedelta(days=3)
        )
        mail.outbox.clear()
        call_command("privacy_reminders", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 2)
        call_command("privacy_reminders", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 2)


class RetentionTestCase(TestCase):
    def closed(self, name, *, years_ago, framework="vrijwillig", child_age=None):
        f = FamilyBuilder(name, legal_framework=framework)
        seat = f.parent("Ouder")
        if child_age is not None:
            f.child("Kind", age=child_age)
        Family.objects.filter(pk=f.family.pk).update(
            closed_at=timezone.now() - timedelta(days=round(365.25 * years_ago))
        )
        f.family.refresh_from_db()
        return f.family, seat

    def test_voluntary_help_is_kept_twenty_years_after_it_ended(self):
        due, _seat = self.closed("Gezin Oud", years_ago=20.1)
        kept, _seat = self.closed("Gezin Jong", years_ago=19.9)
        self.assertEqual(due_families(), [due])
        self.assertIn("20 jaar na het einde van de hulp", term_for(kept).basis)

    def test_a_measure_is_kept_thirty_years_after_the_youngest_child_came_of_age(self):
        # Closed 25 years ago when the child was 10: she turned 18 seventeen years ago.
        family, _seat = self.closed("Gezin OTS", years_ago=25, framework="ots", child_age=35)
        self.assertEqual(due_families(), [])
        term = term_for(family)
        child = Member.objects.get(family=family, name="Kind")
        self.assertEqual(term.until.year, child.birth_date.year + 48)
        with override_settings(SAMENPLAN_RETENTION_MEASURE_YEARS=10):
            self.assertEqual(due_families(), [family])

    def test_the_term_comes_from_the_settings(self):
        family, _seat = self.closed("Gezin Kort", years_ago=6)
        with override_settings(SAMENPLAN_RETENTION_YEARS=5):
            self.assertEqual(due_families(), [family])

    def test_a_dry_run_destroys_nothing_and_apply_leaves_a_record_with_the_operator(self):
        due, seat = self.closed("Gezin Oud", years_ago=21)
        kept, _seat = self.closed("Gezin Jong", years_ago=2)
        out = StringIO()
        call_command("apply_retention", stdout=out)
        self.assertIn(f"Zou vernietigen: gezin nummer {due.pk}", out.getvalue())
        self.assertTrue(Family.objects.filter(pk=due.pk).exists())
        call_command(
            "apply_retention", "--apply", "--operator", "beheer@gemeente", stdout=StringIO()
        )
        self.assertFalse(Family.objects.filter(pk=due.pk).exists())
        self.assertTrue(Family.objects.filter(pk=kept.pk).exists())
        record = DestructionRecord.objects.get(family_number=due.pk)
        self.assertEqual((record.reason, record.operator), ("retention", "beheer@gemeente"))
        self.assertIn("20 jaar", record.basis)
        self.assertFalse(User.objects.filter(pk=seat.user_id).exists())
        self.assertFalse(ContinuePlan.objects.filter(family_id=due.pk).exists())
        self.assertFalse(ClosingCriterion.objects.filter(family_id=due.pk).exists())
