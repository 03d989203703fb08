"""The JSON and FHIR downloads are kept between writes (exports/downloads.py):
what is handed out is what building them anew would give, with every log row
up to the moment of the download, for each person their own."""

import json

from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.exports import downloads, family_json, fhir
from samenplan.plan import actions as plan
from samenplan.test import SamenplanTestCase

LOG = family_json.LOG


def look(access) -> None:
    """Someone looks at the plan: a row in the log, no write, the same data version."""
    access.audit(action="view", data="plan")


def without_time(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "exported_at"}


class KeptJsonTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.f = FamilyBuilder("Gezin Kaya")
        cls.mother = cls.f.parent("Ayla Kaya")
        cls.youth = cls.f.child("Elif", age=15, account=True)
        plan.goal_create(access=cls.f.access(cls.mother), text="Samen eten", domain="opvoeden")

    def setUp(self):
        caches["pages"].clear()

    def kept_and_new(self, seat):
        self.f.family.refresh_from_db()  # a request reads the family's version anew
        access = self.f.access(seat)
        kept = json.loads(downloads.family_json_bytes(access))
        new = family_json.export_family(access.family, access)
        return kept, new

    def test_it_gives_what_building_it_anew_gives_the_first_and_the_second_time(self):
        for _time in range(2):
            kept, new = self.kept_and_new(self.mother)
            self.assertEqual(without_time(kept), without_time(new))

    def test_a_log_row_written_after_it_was_kept_is_in_the_next_download(self):
        self.kept_and_new(self.mother)
        version = self.f.family.data_version
        look(self.f.access(self.youth))
        kept, new = self.kept_and_new(self.mother)
        self.assertEqual(self.f.family.data_version, version)  # the kept text was used
        self.assertEqual(kept["models"][LOG], new["models"][LOG])
        self.assertEqual(
            kept["models"][LOG][-1]["id"],
            AuditEvent.objects.filter(family=self.f.family).order_by("pk").last().pk,
        )
        self.assertEqual(kept["users"], new["users"])

    def test_many_new_log_rows_are_kept_too(self):
        self.kept_and_new(self.mother)
        youth = self.f.access(self.youth)
        for _look in range(downloads.FRESH_ROWS + 5):
            look(youth)
        first, _new = self.kept_and_new(self.mother)
        look(youth)
        second, new = self.kept_and_new(self.mother)
        self.assertEqual(len(second["models"][LOG]), len(first["models"][LOG]) + 1)
        self.assertEqual(without_time(second), without_time(new))

    def test_a_write_is_in_the_next_download(self):
        self.kept_and_new(self.mother)
        plan.goal_create(access=self.f.access(self.youth), text="Zwemles", domain="vrije_tijd")
        kept, new = self.kept_and_new(self.mother)
        self.assertIn("Zwemles", [goal["text"] for goal in kept["models"]["plan.goal"]])
        self.assertEqual(without_time(kept), without_time(new))

    def test_a_private_goal_stays_out_of_the_parents_kept_download(self):
        plan.goal_create(
            access=self.f.access(self.youth),
            text="Mijn eigen doel",
            domain="vrije_tijd",
            owner=self.youth.member,
            private=True,
        )
        youth_kept, _ = self.kept_and_new(self.youth)
        mother_kept, _ = self.kept_and_new(self.mother)
        self.assertIn("Mijn eigen doel", json.dumps(youth_kept, ensure_ascii=False))
        self.assertNotIn("Mijn eigen doel", json.dumps(mother_kept, ensure_ascii=False))

    def test_typed_text_that_looks_like_a_stand_in_is_left_alone(self):
        kept_once = downloads.family_json_bytes(self.f.access(self.mother))
        self.assertIn(b'"exported_at": "20', kept_once)
        plan.goal_create(access=self.f.access(self.mother), text='":log"', domain="opvoeden")
        kept, new = self.kept_and_new(self.mother)
        self.assertEqual(without_time(kept), without_time(new))

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_without_the_page_cache_it_is_built_each_time(self):
        kept, new = self.kept_and_new(self.mother)
        self.assertEqual(without_time(kept), without_time(new))


class KeptFhirTestCase(SamenplanTestCase):
    def setUp(self):
        caches["pages"].clear()

    def entries(self, text):
        bundle = Bundle.model_validate_json(text)
        return [entry.resource.id for entry in bundle.entry]

    def test_it_gives_the_same_bundle_as_building_it_anew_with_the_newest_log_first(self):
        access = self.access(self.sanne)
        for _time in range(2):
            kept = downloads.family_fhir_text(access)
            new = fhir.family_bundle(access).model_dump_json(exclude_none=True)
            self.assertEqual(self.entries(kept), self.entries(new))
        look(self.access(self.noor))
        kept = downloads.family_fhir_text(access)
        new = fhir.family_bundle(access).model_dump_json(exclude_none=True)
        self.assertEqual(self.entries(kept), self.entries(new))
        newest = AuditEvent.objects.filter(family=self.bakker).order_by("-at", "-id").first()
        self.assertEqual(self.entries(kept)[-len(self.log(access)) :], self.log(access))
        self.assertEqual(self.log(access)[0], fhir._id("audit", newest.pk))

    def test_the_download_is_logged_and_handed_out_twice_the_same_but_for_its_own_row(self):
        self.login(self.sanne)
        url = reverse("exports:fhir", args=[self.bakker.pk])
        first = self.entries(self.client.get(url).content)
        second = self.entries(self.client.get(url).content)
        self.assertEqual(len(second), len(first) + 1)  # the first download's own log row

    def log(self, access):
        events = AuditEvent.objects.visible_to(access).order_by("-at", "-id")[:500]
        return [fhir._id("audit", e.pk) for e in events]

    def access(self, user):
        from samenplan.families.access import access_for

        return access_for(user, self.bakker.pk)
