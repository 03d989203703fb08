"""Trust by structure, swept over the whole URL map.

- Hidden items: for every persona × every page, partial and download of
  their family × every item that persona may not see, the item's words never
  appear (the PDF's text included).
- Read-only: under emergency access and for a closed family, every POST route
  answers 403 and no family row changes.

Both sweeps walk every URL pattern; a new URL is covered, or the sweep fails
because nobody taught ``UrlMapTestCase.kwargs_for`` its parameters.
"""

import hashlib
import io
import json
from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Organization
from samenplan.decisions import actions as decision_actions
from samenplan.decisions.models import Check, Decision
from samenplan.families import actions as family_actions
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Consent, EmergencyAccess, Family, Member, Participant
from samenplan.lib.visibility import family_models
from samenplan.notices import work
from samenplan.plan import actions as plan_actions
from samenplan.plan.models import Goal, Step
from samenplan.tests.urlmap import UrlMapTestCase, our_patterns

PRIVATE_GOAL = "Ik wil mijn tekeningen exposeren in de bibliotheek"
PRIVATE = [
    PRIVATE_GOAL,
    "Noor belt de bibliotheek over een plek aan de muur",  # its step
    "Spannend, maar ik wil het echt",  # the note with her score
    "Noor tekent op woensdag in de leeszaal",  # an agreement about it
    "Mijn tekening hing een week in de klas",  # a success that belongs to it
    "Ik vind dat Sem zelf mag kiezen, maar zeg het liever niet hardop",  # a private view
]
SCOPED_GOAL = "Sanne heeft één avond per week voor zichzelf"
SCOPED_DECISION = "Krijgen we hulp thuis van Jeugdhulp De Brug?"
SCOPED_STEP = "Sanne zoekt een cursus of sportclub voor dinsdagavond"  # on the scoped goal
SCOPED = [SCOPED_GOAL, SCOPED_DECISION, SCOPED_STEP]
DRAFT = ["Hoe houden we Sem bezig na school?"]
ANOUK_OWN = ["Anouk wil weer drie dagen per week werken"]

# What each persona may not see.
HIDDEN = {
    "sanne": PRIVATE,
    "youssef": PRIVATE,
    "ria": PRIVATE,
    "eva": PRIVATE + SCOPED + DRAFT,
    "martijn": PRIVATE + DRAFT,
    "joke": PRIVATE + DRAFT,
    "noor": [],
    "peter": ANOUK_OWN,  # Daan (17) consented for the file; Anouk not for her own goal
    "bram": [],
}
FAMILY_OF = {"peter": "degroot", "bram": "degroot"}


def access_of(participant) -> FamilyAccess:
    return FamilyAccess(
        family=participant.family,
        participant=participant,
        members=list(Member.objects.filter(family=participant.family)),
    )


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class HiddenItemsTestCase(UrlMapTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        noor = access_of(cls.p["noor"])
        goal = plan_actions.goal_create(
            access=noor,
            text=PRIVATE_GOAL,
            domain="vrije_tijd",
            owner=cls.m["noor"],
            private=True,
        )
        cls.private_goal = goal
        meeting = cls.careteam["meeting"]["bakker"]
        plan_actions.step_create(
            access=noor, text=PRIVATE[1], owner=cls.p["noor"], goal=goal, meeting=meeting
        )
        plan_actions.score_add(access=noor, goal=goal, score=4, note=PRIVATE[2])
        plan_actions.agreement_create(
            access=noor, kind="goal", goal=goal, text=PRIVATE[3], concerned=[cls.p["noor"]]
        )
        plan_actions.success_create(access=noor, what_happened=PRIVATE[4], goals=[goal])
        sem = Decision.objects.get(family=cls.bakker, question__startswith="Gaat Sem")
        decision_actions.view_give(
            access=noor, decision=sem, certainty=6, words=PRIVATE[5], private=True
        )
        # Sanne leaves her own goal and a decision out of Eva's consent.
        sanne = access_of(cls.p["sanne"])
        scoped_goal = Goal.objects.get(family=cls.bakker, text=SCOPED_GOAL)
        scoped_decision = Decision.objects.get(family=cls.bakker, question=SCOPED_DECISION)
        # The meeting page once showed a step of a goal left out of someone's consent.
        Step.objects.filter(family=cls.bakker, text=SCOPED_STEP).update(meeting=meeting)
        family_actions.consent_scope_set(
            access=sanne,
            participant=cls.p["eva"],
            left_out={"goal": [scoped_goal.pk], "decision": [scoped_decision.pk]},
        )
        # Anouk's own goal in De Groot.
        plan_actions.goal_create(
            access=access_of(cls.p["anouk"]),
            text=ANOUK_OWN[0],
            domain="school",
            owner=cls.m["anouk"],
        )
        # Late steps wait for someone ("Wacht op jou"): the lists must hide them too.
        Step.objects.filter(family=cls.bakker, text__in=[PRIVATE[1], SCOPED_STEP]).update(
            due_date=timezone.localdate() - timedelta(days=2)
        )
        for family in (cls.bakker, cls.degroot):
            work.family_changed(family.pk)

    def target(self, persona):
        return FAMILY_OF.get(persona, "bakker")

    def pages_for(self, persona):
        """Every GET route of the persona's family, and the hidden items' own pages."""
        family = getattr(self, self.target(persona))
        for name, pattern in sorted(our_patterns().items()):
            if "family_id" not in pattern.pattern.converters:
                continue
            yield name, self.reverse_for(name, pattern, persona)
        yield "the private goal", f"/gezin/{family.pk}/plan/doelen/{self.private_goal.pk}/"
        yield "voor jou", "/voor-jou/"
        yield "mijn gezinnen", "/mijn-gezinnen/"

    def assert_no_page_or_download_shows_what_they_may_not_see(self, persona):
        hidden = HIDDEN[persona]
        self.client.force_login(getattr(self, persona))
        shown = 0
        for name, url in self.pages_for(persona):
            for headers in ({}, {"HX-Request": "true"}):
                response = self.client.get(url, headers=headers)
                if response.status_code != 200:
                    continue
                shown += 1
                text = self.text_of(response)
                for words in hidden:
                    with self.subTest(persona=persona, url=name, words=words[:30]):
                        self.assertNotIn(words, text)
        self.assertGreater(shown, 30, persona)

    # One test per persona (below the class), so parallel workers share the sweep.

    def test_those_who_may_see_an_item_do(self):
        """The sweep is not blind: each item shows up for someone who may see it."""
        seen_by = {"noor": PRIVATE, "sanne": SCOPED + DRAFT, "anouk": ANOUK_OWN}
        for persona, words in seen_by.items():
            self.client.force_login(getattr(self, persona))
            family = self.degroot if persona == "anouk" else self.bakker
            data = self.client.get(f"/gezin/{family.pk}/download/gegevens.json")
            text = self.text_of(data)
            for each in words:
                with self.subTest(persona=persona, words=each[:30]):
                    self.assertIn(each, text)

    def test_what_waits_for_noor_names_her_private_step_only_for_her(self):
        self.client.force_login(self.noor)
        self.assertContains(self.client.get("/voor-jou/"), f"Je stap is te laat: {PRIVATE[1]}")
        self.client.force_login(self.sanne)
        self.assertNotContains(self.client.get("/voor-jou/"), PRIVATE[1])

    def test_nobody_downloads_other_peoples_check_answers(self):
        decided = Decision.objects.get(family=self.bakker, question=SCOPED_DECISION)
        self.assertGreater(Check.objects.filter(decision=decided).count(), 1)
        for persona in ("sanne", "noor"):
            self.client.force_login(getattr(self, persona))
            url = f"/gezin/{self.bakker.pk}/download/gegevens.json"
            data = json.loads(self.client.get(url).content)
            rows = data["models"]["decisions.check"]
            self.assertEqual({row["participant"] for row in rows}, {self.p[persona].pk})

    def text_of(self, response) -> str:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if content.startswith(b"%PDF"):
            return pdf_text(content)
        if response["Content-Type"].startswith(("image/", "audio/")):
            # A child's drawing holds no words; who may fetch it at all is tried
            # in creations/tests/test_uploads.py.
            return ""
        # JSON escapes non-ASCII; read it back so the words compare as written.
        if response["Content-Type"].startswith(("application/json", "application/fhir+json")):
            return json.dumps(json.loads(content), ensure_ascii=False)
        return content.decode()


def snapshot() -> str:
    """Every row of every family model, as one fingerprint."""
    digest = hashlib.sha256()
    for model in [Family, *family_models()]:
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


class ReadOnlyTestCase(UrlMapTestCase):
    """Emergency access and a closed family write nothing, whatever is posted."""

    PAYLOAD = {
        "text": "Iets",
        "reason": "Iets",
        "summary": "Iets",
        "version": "1",
        "seen": "1",
        "answer": "yes",
        "step": "criterion",
        "why": "Iets",
    }

    def post_everywhere(self, persona, allowed=()):
        refused = 0
        for name, pattern in sorted(our_patterns().items()):
            if "family_id" not in pattern.pattern.converters or name in allowed:
                continue
            url = self.reverse_for(name, pattern, persona)
            before = snapshot()
            response = self.client.post(url, self.PAYLOAD)
            with self.subTest(url=name):
                # Asking for emergency access is only for a professional at the table.
                expected = 404 if name == "families:emergency" and persona != "eva" else 403
                self.assertEqual(response.status_code, expected)
                self.assertEqual(snapshot(), before, "a refused POST changed family data")
            refused += 1
        return refused

    def test_emergency_access_writes_nothing_anywhere(self):
        Organization.objects.filter(pk=self.wijkteam.pk).update(safety_mandate=True)
        Consent.objects.filter(participant=self.p["eva"]).update(withdrawn_at=timezone.now())
        now = timezone.now()
        EmergencyAccess.objects.create(
            family=self.bakker,
            participant=self.p["eva"],
            organization=self.wijkteam,
            reason="Zorgen om de veiligheid van de kinderen, melding van school.",
            started_at=now,
            expires_at=now + timedelta(hours=24),
        )
        self.client.force_login(self.eva)
        self.assertEqual(self.client.get(f"/gezin/{self.bakker.pk}/plan/").status_code, 200)
        self.assertGreater(self.post_everywhere("eva"), 60)

    def assert_a_closed_family_refuses_their_writes(self, persona):
        Family.objects.filter(pk=self.bakker.pk).update(closed_at=timezone.now())
        # Withdrawing consent stays possible after closing: it only narrows who reads.
        allowed = {"families:consent_withdraw"}
        self.client.force_login(getattr(self, persona))
        self.assertGreater(self.post_everywhere(persona, allowed), 60)

    def test_a_closed_family_writes_nothing_for_a_parent(self):
        self.assert_a_closed_family_refuses_their_writes("sanne")

    def test_a_closed_family_writes_nothing_for_a_youth(self):
        self.assert_a_closed_family_refuses_their_writes("noor")

    def test_a_closed_family_writes_nothing_for_a_professional(self):
        self.assert_a_closed_family_refuses_their_writes("ria")


for _persona in HIDDEN:
    setattr(
        HiddenItemsTestCase,
        f"test_no_page_or_download_shows_{_persona}_what_they_may_not_see",
        lambda self, persona=_persona: self.assert_no_page_or_download_shows_what_they_may_not_see(
            persona
        ),
    )


class SnapshotTestCase(UrlMapTestCase):
    def test_the_fingerprint_sees_a_change(self):
        before = snapshot()
        Participant.objects.filter(pk=self.p["ria"].pk).update(relation_label="oma Ria")
        self.assertNotEqual(snapshot(), before)
