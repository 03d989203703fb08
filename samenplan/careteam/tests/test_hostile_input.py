"""Hostile input on every form of "Wie doet wat": never a 500, Dutch messages, input kept."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import strategies as st

from samenplan.careteam.models import Meeting, Report, ReportBack, SafetyScenario, SafetySign
from samenplan.test import SamenplanTestCase, give_totp
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    HostileTestCase,
    hostile_given,
)

TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), ANY_TEXT)
CHOICES = st.one_of(st.sampled_from(["", "more", "keep_small"]), ANY_TEXT)


class HostileCareteamFormTestCase(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.eva)

    def url(self, name, *args, user=None):
        self.client.force_login(user or self.sanne)
        return reverse(f"careteam:{name}", args=[self.bakker.pk, *args])

    @property
    def meeting(self):
        """The planned meeting."""
        return Meeting.objects.filter(family=self.bakker).order_by("id").last()

    @property
    def held(self):
        """The meeting that took place last (a summary is written after it)."""
        return (
            Meeting.objects.filter(family=self.bakker, starts_at__lt=timezone.now())
            .order_by("-starts_at")
            .first()
        )

    @hostile_given(
        benign={"parts": lambda text: [text] * 7},
        parts=st.lists(ANY_TEXT, min_size=7, max_size=7),
        version=ANY_NUMBER,
    )
    def test_the_role_card_form(self, parts, version):
        names = ["work", "my_part", "authority", "on_worry", "needs", "ending", "reachability"]
        data = dict(zip(names, parts, strict=True)) | {"version": version}
        response = self.client.post(self.url("role_card", user=self.eva), data)
        self.assert_handled(response)

    @hostile_given(
        date=DATES,
        time=TIMES,
        minutes=ANY_NUMBER,
        place_kind=ANY_TEXT,
        place=ANY_TEXT,
        phase=ANY_TEXT,
        invited=st.lists(ANY_NUMBER, max_size=3),
        guests=ANY_TEXT,
        guest_professionals=ANY_NUMBER,
        choice=CHOICES,
    )
    def test_the_meeting_form(
        self,
        date,
        time,
        minutes,
        place_kind,
        place,
        phase,
        invited,
        guests,
        guest_professionals,
        choice,
    ):
        data = {
            "date": date,
            "time": time,
            "minutes": minutes,
            "place_kind": place_kind,
            "place": place,
            "phase": phase,
            "invited": invited,
            "guests": guests,
            "guest_professionals": guest_professionals,
            "choice": choice,
        }
        response = self.client.post(self.url("meeting_new"), data)
        self.assert_handled(response, [place] if len(place) <= 300 else [])

    @hostile_given(text=ANY_TEXT)
    def test_the_agenda_form(self, text):
        response = self.client.post(self.url("agenda_add", self.meeting.pk), {"text": text})
        self.assertEqual(response.status_code, 302)

    @hostile_given(summary=ANY_TEXT, notes=ANY_TEXT, version=ANY_NUMBER)
    def test_the_summary_form(self, summary, notes, version):
        data = {"summary": summary, "notes": notes, "version": version}
        response = self.client.post(self.url("meeting_summary", self.held.pk), data)
        self.assert_handled(response, [summary] if len(summary) <= 3000 else [])

    @hostile_given(
        date=DATES,
        time=TIMES,
        odd_hour_ok=st.sampled_from(["", "on", "nee", "\x00"]),
        minutes=ANY_NUMBER,
        place_kind=ANY_TEXT,
        place=ANY_TEXT,
        version=ANY_NUMBER,
    )
    def test_the_move_form(self, date, time, odd_hour_ok, minutes, place_kind, place, version):
        data = {
            "date": date,
            "time": time,
            "odd_hour_ok": odd_hour_ok,
            "minutes": minutes,
            "place_kind": place_kind,
            "place": place,
            "version": version,
        }
        response = self.client.post(self.url("meeting_move", self.meeting.pk), data)
        self.assert_handled(response, [place] if len(place) <= 300 else [])

    @hostile_given(reason=ANY_TEXT, version=ANY_NUMBER)
    def test_the_cancel_form(self, reason, version):
        data = {"reason": reason, "version": version}
        response = self.client.post(self.url("meeting_cancel", self.meeting.pk), data)
        self.assert_handled(response, [reason] if len(reason) <= 300 else [])

    @hostile_given(correction=ANY_TEXT, correct=st.booleans())
    def test_the_confirm_forms(self, correction, correct):
        name = "meeting_confirm" if correct else "meeting_correct"
        response = self.client.post(self.url(name, self.meeting.pk), {"correction": correction})
        self.assertEqual(response.status_code, 302)

    @hostile_given(phase=ANY_TEXT, limit=ANY_NUMBER)
    def test_the_table_form(self, phase, limit):
        data = {"phase": phase, "professional_limit": limit}
        self.assert_handled(self.client.post(self.url("phases"), data))

    @hostile_given(phase=ANY_TEXT, participant=ANY_NUMBER, who=ANY_TEXT, why=ANY_TEXT)
    def test_the_phase_need_form(self, phase, participant, who, why):
        data = {"phase": phase, "participant": participant, "who": who, "why": why}
        response = self.client.post(self.url("phases"), data)
        self.assert_handled(response, [why] if len(why) <= 300 else [])

    @hostile_given(
        if_text=ANY_TEXT,
        then_text=ANY_TEXT,
        informs=ANY_TEXT,
        can_do=ANY_TEXT,
        concerned=st.lists(ANY_NUMBER, max_size=3),
    )
    def test_the_safety_form(self, if_text, then_text, informs, can_do, concerned):
        data = {
            "if_text": if_text,
            "then_text": then_text,
            "who_informs": informs,
            "family_can_do": can_do,
            "concerned": concerned,
        }
        response = self.client.post(self.url("safety_new"), data)
        self.assert_handled(response, [if_text] if len(if_text) <= 1000 else [])

    @property
    def scenario(self):
        return SafetyScenario.objects.filter(family=self.bakker).order_by("id").first()

    @hostile_given(
        answer=st.one_of(st.sampled_from(["yes", "yes_if", "no"]), ANY_TEXT),
        reason=ANY_TEXT,
        seen=ANY_NUMBER,
    )
    def test_the_safety_answer_form(self, answer, reason, seen):
        data = {"answer": answer, "reason": reason, "seen": seen}
        response = self.client.post(self.url("safety_answer", self.scenario.pk), data)
        self.assert_handled(response, [reason] if len(reason) <= 300 else [])

    @hostile_given(
        if_text=ANY_TEXT, then_text=ANY_TEXT, informs=ANY_TEXT, can_do=ANY_TEXT, version=ANY_NUMBER
    )
    def test_the_safety_edit_form(self, if_text, then_text, informs, can_do, version):
        data = {
            "if_text": if_text,
            "then_text": then_text,
            "who_informs": informs,
            "family_can_do": can_do,
            "version": version,
        }
        response = self.client.post(self.url("safety_edit", self.scenario.pk), data)
        self.assert_handled(response, [if_text] if len(if_text) <= 1000 else [])

    @hostile_given(what=ANY_TEXT, to_whom=ANY_TEXT, every=ANY_NUMBER, due=DATES)
    def test_the_report_back_form(self, what, to_whom, every, due):
        data = {"what": what, "to_whom": to_whom, "every_weeks": every, "next_due": due}
        response = self.client.post(self.url("report_back_new", user=self.eva), data)
        self.assert_handled(response, [what] if len(what) <= 300 else [])

    @hostile_given(text=ANY_TEXT, critical=st.sampled_from(["", "on", "ja", "\x00"]))
    def test_the_report_form(self, text, critical):
        report = ReportBack.objects.get(family=self.bakker, participant=self.p["eva"])
        data = {"text": text, "critical": critical}
        response = self.client.post(self.url("report_back_done", report.pk, user=self.eva), data)
        self.assert_handled(response, [text] if len(text) <= 2000 else [])

    @hostile_given(audience=ANY_TEXT, version=ANY_NUMBER)
    def test_the_audience_form(self, audience, version):
        report = ReportBack.objects.filter(family=self.bakker).first()
        data = {"audience": audience, "version": version}
        response = self.client.post(self.url("report_back_audience", report.pk), data)
        self.assertEqual(response.status_code, 302)

    @hostile_given(
        name=ANY_TEXT,
        email=ANY_TEXT,
        role=st.one_of(st.sampled_from(["professional", "network"]), ANY_TEXT),
        choice=CHOICES,
        reason=ANY_TEXT,
    )
    def test_the_invitation_with_the_maximum(self, name, email, role, choice, reason):
        self.client.force_login(self.sanne)
        data = {
            "name": name,
            "email": email,
            "role": role,
            "choice": choice,
            "choice_reason": reason,
        }
        response = self.client.post(reverse("families:invite", args=[self.bakker.pk]), data)
        self.assert_handled(response)


PAYLOAD = '<script>alert("tafel")</script>'


class CareteamPayloadTestCase(SamenplanTestCase):
    def test_it_escapes_every_careteam_text(self):
        give_totp(self.eva)
        self.login(self.eva)
        family = self.bakker.pk
        self.client.post(
            reverse("careteam:role_card", args=[family]),
            {"work": PAYLOAD, "version": "1", "reachability": PAYLOAD},
        )
        meeting = Meeting.objects.filter(family=self.bakker).order_by("id").last()
        self.client.post(
            reverse("careteam:agenda_add", args=[family, meeting.pk]), {"text": PAYLOAD}
        )
        held = Meeting.objects.filter(family=self.bakker, summary_status="waiting").get()
        self.client.post(
            reverse("careteam:meeting_summary", args=[family, held.pk]),
            {"summary": PAYLOAD, "notes": PAYLOAD, "version": held.version},
        )
        self.client.post(
            reverse("careteam:safety_new", args=[family]),
            {"if_text": PAYLOAD, "then_text": PAYLOAD, "concerned": [self.p["eva"].pk]},
        )
        self.client.post(
            reverse("careteam:report_back_new", args=[family]),
            {"what": PAYLOAD, "to_whom": PAYLOAD, "every_weeks": "2", "next_due": "2020-01-01"},
        )
        scenario = SafetyScenario.objects.get(if_text=PAYLOAD)
        self.client.post(
            reverse("careteam:safety_answer", args=[family, scenario.pk]),
            {"answer": "no", "reason": PAYLOAD, "seen": scenario.version},
        )
        self.assertTrue(SafetySign.objects.filter(reason=PAYLOAD).exists())
        self.assertTrue(ReportBack.objects.filter(what=PAYLOAD).exists())
        # Reported under Eva's other agreement: the late one stays late on the plan.
        agreed = ReportBack.objects.exclude(what=PAYLOAD).get(
            family=self.bakker, participant=self.p["eva"]
        )
        self.client.post(
            reverse("careteam:report_back_done", args=[family, agreed.pk]), {"text": PAYLOAD}
        )
        self.assertTrue(Report.objects.filter(text=PAYLOAD).exists())
        for url in (
            reverse("careteam:overview", args=[family]),
            reverse("careteam:meeting", args=[family, meeting.pk]),
            reverse("careteam:meeting", args=[family, held.pk]),
            reverse("careteam:safety", args=[family]),
            reverse("careteam:safety_answer", args=[family, scenario.pk]),
            reverse("careteam:safety_edit", args=[family, scenario.pk]),
            reverse("plan:plan", args=[family]),
        ):
            content = self.client.get(url).content.decode()
            self.assertNotIn(PAYLOAD, content, url)
            self.assertIn(escape(PAYLOAD), content, url)
