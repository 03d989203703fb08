"""The URL map and a lived-in family to try every route on.

``UrlMapTestCase`` builds the demo plus one item behind every kind of route
parameter, and fills a pattern's parameters for a persona (their own family,
or Bakker for outsiders). The access matrix, the hidden-item sweep and the
read-only sweep walk every URL pattern with it, so a new URL is covered or
the sweep fails.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from samenplan.decisions import actions as decision_actions
from samenplan.decisions.models import Decision
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Invitation, Member
from samenplan.test import SamenplanTestCase, give_totp

ANON = "anonymous"
# The family each persona tries: their own, or Bakker for outsiders.
DEGROOT_PERSONAS = {"peter", "daan"}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


class UrlMapTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for key in ("eva", "lotte", "bram", "joke", "admin", "martijn"):
            give_totp(getattr(cls, key))
        cls.invitation = {
            "bakker": Invitation.objects.create(
                family=cls.bakker,
                email="lotte@example.org",
                name="Lotte Bos",
                role="professional",
                invited_by=cls.sanne,
            ),
            "degroot": Invitation.objects.create(
                family=cls.degroot,
                email="lotte@example.org",
                name="Lotte Bos",
                role="professional",
                invited_by=cls.anouk,
            ),
        }
        cls.lotte_profile = cls.lotte.professional
        from samenplan.families.models import DestructionRequest

        cls.destruction = DestructionRequest.objects.get(family__name="Gezin Yilmaz")
        from samenplan.plan.models import Agreement, Goal, Step

        cls.goal = {
            "bakker": Goal.objects.get(family=cls.bakker, text__startswith="Noor gaat"),
            "degroot": Goal.objects.get(family=cls.degroot, text__startswith="Daan maakt"),
        }
        cls.step = {
            "bakker": Step.objects.get(family=cls.bakker, text__startswith="Eva belt"),
            "degroot": Step.objects.get(family=cls.degroot, text__startswith="Daan belt"),
        }
        degroot_agreement = Agreement.objects.create(
            family=cls.degroot, kind="collaboration", text="Bellen op zondag", created_by=cls.daan
        )
        degroot_agreement.concerned.set([cls.p["daan"]])
        cls.agreement = {
            "bakker": Agreement.objects.get(family=cls.bakker, text__startswith="Martijn vertelt"),
            "degroot": degroot_agreement,
        }
        from samenplan.plan.models import Success, Vision

        # Sem's future picture, written down by Sanne; Daan's, in his own words.
        cls.vision = {
            "bakker": Vision.objects.get(family=cls.bakker, member=cls.m["sem"]),
            "degroot": Vision.objects.create(
                family=cls.degroot,
                member=cls.m["daan"],
                text="Ik woon op mezelf",
                by_self=True,
                created_by=cls.daan,
            ),
        }
        cls.success = {
            "bakker": Success.objects.get(family=cls.bakker, what_happened__startswith="Vorige"),
            "degroot": Success.objects.create(
                family=cls.degroot, what_happened="Daan kookte zelf", created_by=cls.daan
            ),
        }
        cls.proposal = {
            "bakker": Goal.objects.get(family=cls.bakker, status="proposed", replaces__isnull=True),
            "degroot": Goal.objects.create(
                family=cls.degroot,
                text="Daan en Anouk eten elke week samen",
                domain="contacten",
                created_by=cls.bram,
                status="proposed",
            ),
        }

        def proposed(participant, about):
            members = list(Member.objects.filter(family=participant.family))
            access = FamilyAccess(
                family=participant.family, participant=participant, members=members
            )
            decision = decision_actions.decision_create(
                access=access, question="Een vraag", options=["Ja", "Nee"], about=about
            )
            decision_actions.outcome_record(
                access=access,
                decision=decision,
                expected_version=decision.version,
                mode="samen",
                chosen=decision.options.first(),
                outcome="Ja.",
                reason="Daarom.",
                review_on=None,
                unheard_reason="Nog niet gevraagd.",
            )
            return decision

        cls.decision = {
            "bakker": Decision.objects.get(family=cls.bakker, question__startswith="Gaat Sem"),
            "degroot": proposed(cls.p["bram"], cls.m["daan"]),
        }
        cls.proposed_decision = {
            "bakker": proposed(cls.p["eva"], cls.m["sem"]),
            "degroot": cls.decision["degroot"],
        }
        cls.decided = {
            "bakker": Decision.objects.get(family=cls.bakker, question__startswith="Krijgen"),
            "degroot": Decision.objects.get(family=cls.degroot, state="decided"),
        }

        from samenplan.careteam.models import Meeting, PhaseNeed, ReportBack, SafetyScenario

        degroot_meeting = Meeting.objects.create(
            family=cls.degroot,
            starts_at=cls.degroot.created_at,
            phase="hulp",
            created_by=cls.bram,
            summary="Verslag",
            summary_status="waiting",
        )
        degroot_meeting.invited.set([cls.p["daan"], cls.p["bram"]])
        degroot_scenario = SafetyScenario.objects.create(
            family=cls.degroot, if_text="Als", then_text="dan", created_by=cls.bram
        )
        degroot_scenario.concerned.set([cls.p["daan"]])
        cls.careteam = {
            "meeting": {
                # The planned one: it can still be moved or cancelled.
                "bakker": Meeting.objects.filter(family=cls.bakker).order_by("starts_at").last(),
                "degroot": degroot_meeting,
            },
            "need": {
                "bakker": PhaseNeed.objects.filter(family=cls.bakker).first(),
                "degroot": PhaseNeed.objects.create(
                    family=cls.degroot,
                    phase="hulp",
                    who="School",
                    why="Stage",
                    created_by=cls.anouk,
                ),
            },
            "scenario": {
                "bakker": SafetyScenario.objects.get(family=cls.bakker),
                "degroot": degroot_scenario,
            },
            "report": {
                "bakker": ReportBack.objects.get(family=cls.bakker, participant=cls.p["eva"]),
                "degroot": ReportBack.objects.create(
                    family=cls.degroot,
                    participant=cls.p["bram"],
                    what="Hoe het gaat",
                    to_whom="Anouk",
                    next_due=cls.degroot.created_at.date(),
                ),
            },
        }
        from samenplan.careteam.models import Report

        # What Eva and Bram reported back (for the family; "ontvangen" is theirs to say).
        cls.careteam["sent"] = {
            key: Report.objects.create(
                family=report.family,
                report_back=report,
                author=report.participant.user,
                text="Het gaat beter met de ochtenden.",
            )
            for key, report in cls.careteam["report"].items()
        }

        from samenplan.creations.models import Creation

        # A drawing of Sem's beside Noor's goal, put in by Sanne; one of Daan's
        # own beside his goal. Both shown to everyone who sees the goal.
        cls.creation = {
            key: Creation.objects.create(
                family=goal.family,
                member=cls.m["sem" if key == "bakker" else "daan"],
                item_type="goal",
                item_id=goal.pk,
                kind="drawing",
                content=b"\x89PNG tekening",
                content_type="image/png",
                size=14,
                audience="table",
                created_by=cls.sanne if key == "bakker" else cls.daan,
            )
            for key, goal in cls.goal.items()
        }

        from samenplan.network.models import FamilyGroupPlan, NetworkPerson

        cls.network = {
            "person": {
                "bakker": NetworkPerson.objects.filter(family=cls.bakker).first(),
                "degroot": NetworkPerson.objects.filter(family=cls.degroot).first(),
            },
            "plan": {
                "bakker": FamilyGroupPlan.objects.get(family=cls.bakker, status="draft"),
                "degroot": FamilyGroupPlan.objects.create(
                    family=cls.degroot,
                    main_question="Hoe komt Daan weer thuis?",
                    created_by=cls.daan,
                ),
            },
        }

    def user(self, persona):
        return None if persona == ANON else getattr(self, persona)

    def target(self, persona):
        return "degroot" if persona in DEGROOT_PERSONAS else "bakker"

    def kwargs_for(self, pattern, persona):
        family_key = self.target(persona)
        family = getattr(self, family_key)
        kwargs = {}
        keys = pattern.pattern.converters.keys()
        if "family_id" in keys:
            kwargs["family_id"] = family.pk
        if "participant_id" in keys:
            kwargs["participant_id"] = self.p["martijn" if family_key == "bakker" else "bram"].pk
        if "invitation_id" in keys:
            kwargs["invitation_id"] = self.invitation[family_key].pk
        if "goal_id" in keys:
            kwargs["goal_id"] = self.goal[family_key].pk
        if "step_id" in keys:
            kwargs["step_id"] = self.step[family_key].pk
        if "agreement_id" in keys:
            kwargs["agreement_id"] = self.agreement[family_key].pk
        if "vision_id" in keys:
            kwargs["vision_id"] = self.vision[family_key].pk
        if "success_id" in keys:
            kwargs["success_id"] = self.success[family_key].pk
        if "item_id" in keys:
            kwargs["kind"] = "goal"
            kwargs["item_id"] = self.proposal[family_key].pk
        if "decision_id" in keys:
            name = pattern.name
            if name in ("assent_yes", "assent_no"):
                kwargs["decision_id"] = self.proposed_decision[family_key].pk
            elif name in ("objection", "check", "check_for", "review"):
                kwargs["decision_id"] = self.decided[family_key].pk
            else:
                kwargs["decision_id"] = self.decision[family_key].pk
        if "option_id" in keys:
            decision = self.decision[family_key]
            kwargs["option_id"] = decision.options.order_by("id").first().pk
        for key, converter in (
            ("meeting", "meeting_id"),
            ("need", "need_id"),
            ("scenario", "scenario_id"),
            ("report", "report_id"),
            ("sent", "sent_id"),
        ):
            if converter in keys:
                kwargs[converter] = self.careteam[key][family_key].pk
        for key, converter in (("person", "person_id"), ("plan", "plan_id")):
            if converter in keys:
                kwargs[converter] = self.network[key][family_key].pk
        if "member_id" in keys:
            if pattern.name == "member_authority":
                # Gezag is about a parent; a child's page is a 404.
                kwargs["member_id"] = self.m["youssef" if family_key == "bakker" else "anouk"].pk
            else:
                kwargs["member_id"] = self.m["sem" if family_key == "bakker" else "daan"].pk
        if "on_id" in keys:
            kwargs["on"] = "goal"
            kwargs["on_id"] = self.goal[family_key].pk
        if "creation_id" in keys:
            kwargs["creation_id"] = self.creation[family_key].pk
        if "request_id" in keys:
            # Elif's request to destroy the Yilmaz file, for Wijkteam Oost's privacy officer.
            kwargs["request_id"] = self.destruction.pk
        if "professional_id" in keys:
            kwargs["professional_id"] = self.lotte_profile.pk
        return kwargs

    def reverse_for(self, name, pattern, persona):
        """The URL of ``pattern`` for ``persona``; a parameter nobody knows how to fill fails."""
        from django.urls import reverse

        kwargs = self.kwargs_for(pattern, persona)
        missing = set(pattern.pattern.converters) - set(kwargs)
        assert not missing, f"{name}: add {sorted(missing)} to UrlMapTestCase.kwargs_for"
        return reverse(name, kwargs=kwargs)


def our_patterns() -> dict:
    """Every URL pattern of Samenplan's own views, by name."""
    return {
        name: pattern
        for _, name, pattern in walk(get_resolver().url_patterns)
        if name and pattern.callback.__module__.startswith("samenplan")
    }
