"""What a child made: uploads kept safe (re-encoded, no EXIF or location, no SVG or
HTML, size limits), private to the child and the people chosen by default, served
only through the gate, and gone with the family."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.creations import actions
from samenplan.creations.files import MAX_IMAGE_BYTES, clean_upload
from samenplan.creations.models import Creation
from samenplan.exports.family_json import export_family
from samenplan.families.retention import destroy_family
from samenplan.lib.errors import ActionError
from samenplan.plan import actions as plan
from samenplan.test import give_totp

GPS_IFD = 0x8825


def photo_with_location(fmt="JPEG", size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0132] = "2026:12:01 10:00:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (4.0, 54.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


class CleanUploadTestCase(TestCase):
    def test_a_photo_loses_its_exif_and_location(self):
        raw = photo_with_location()
        self.assertIn(b"Telefoonmerk", raw)
        self.assertTrue(Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD))
        clean = clean_upload(raw)
        self.assertEqual(clean.content_type, "image/jpeg")
        kept = Image.open(io.BytesIO(clean.content))
        self.assertEqual(dict(kept.getexif()), {})
        self.assertNotIn(b"Telefoonmerk", clean.content)
        self.assertNotIn(b"Exif", clean.content)
        self.assertEqual((clean.width, clean.height), (64, 48))

    def test_a_drawing_with_see_through_parts_stays_a_png(self):
        out = io.BytesIO()
        Image.new("RGBA", (30, 30), (0, 0, 255, 0)).save(out, format="PNG")
        self.assertEqual(clean_upload(out.getvalue()).content_type, "image/png")

    def test_a_big_photo_is_made_smaller(self):
        out = io.BytesIO()
        Image.new("RGB", (4000, 1000)).save(out, format="JPEG")
        clean = clean_upload(out.getvalue())
        self.assertEqual((clean.width, clean.height), (2000, 500))

    def test_what_is_not_a_picture_is_refused(self):
        refused = {
            "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "html": b"<!doctype html><html><body><script>alert(1)</script></body></html>",
            "pdf": b"%PDF-1.7\n1 0 obj<<>>endobj",
            "text": b"Een brief",
            "empty": b"",
            "broken jpeg": photo_with_location()[:200],
        }
        for name, raw in refused.items():
            with self.subTest(name), self.assertRaises(ActionError):
                clean_upload(raw)

    def test_too_big_is_refused(self):
        with self.assertRaisesMessage(ActionError, "te groot"):
            clean_upload(b"\xff\xd8\xff" + b"0" * MAX_IMAGE_BYTES)
        with self.assertRaisesMessage(ActionError, "te groot"):
            clean_upload(b"OggS" + b"0" * (3 * 1024 * 1024))

    def test_a_short_voice_note_is_kept_as_recorded(self):
        clean = clean_upload(b"\x1a\x45\xdf\xa3" + b"\x00" * 100)
        self.assertEqual(clean.content_type, "audio/webm")


class CreationTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.sanne = self.f.parent("Sanne")
        self.sem = self.f.child("Sem", age=9)
        self.noor = self.f.child("Noor", age=15, account=True)
        self.eva = self.f.professional("Eva")
        self.oma = self.f.network("Oma")
        give_totp(self.eva.user)
        self.goal = plan.goal_create(
            access=self.f.access(self.sanne), text="Sem slaapt door", domain="gezondheid"
        )

    def add(self, seat=None, member=None, **extra):
        return actions.creation_add(
            access=self.f.access(seat or self.sanne),
            member=member or self.sem,
            item_type="goal",
            item_id=self.goal.pk,
            raw=photo_with_location(),
            **extra,
        )

    def file(self, seat, creation):
        self.client.force_login(seat.user)
        return self.client.get(reverse("creations:file", args=[self.f.family.pk, creation.pk]))

    def test_a_private_drawing_is_for_the_child_who_put_it_in_and_the_chosen_only(self):
        drawing = self.add(shown_to=[self.eva])
        self.assertEqual(drawing.audience, "chosen")
        for seat in (self.sanne, self.eva):
            self.assertEqual(self.file(seat, drawing).status_code, 200)
        for seat in (self.noor, self.oma):
            self.assertEqual(self.file(seat, drawing).status_code, 404)
            self.assertFalse(Creation.objects.visible_to(self.f.access(seat)).exists())
            exported = export_family(self.f.family, self.f.access(seat))
            self.assertEqual(exported["models"].get("creations.creation", []), [])

    def test_a_drawing_on_a_private_goal_is_hidden_with_the_goal(self):
        own_goal = plan.goal_create(
            access=self.f.access(self.noor),
            text="Mijn eigen doel",
            domain="school",
            owner=self.noor.member,
            private=True,
        )
        drawing = actions.creation_add(
            access=self.f.access(self.noor),
            member=self.noor.member,
            item_type="goal",
            item_id=own_goal.pk,
            raw=photo_with_location(),
            audience="table",
        )
        self.assertEqual(self.file(self.noor, drawing).status_code, 200)
        self.assertEqual(self.file(self.sanne, drawing).status_code, 404)

    def test_only_the_add_page_may_ask_for_the_microphone(self):
        self.client.force_login(self.sanne.user)
        family = self.f.family.pk
        add = self.client.get(reverse("creations:add", args=[family, "goal", self.goal.pk]))
        plan_page = self.client.get(reverse("plan:plan", args=[family]))
        self.assertIn("microphone=(self)", add["Permissions-Policy"])
        self.assertIn("camera=()", add["Permissions-Policy"])
        self.assertIn("microphone=()", plan_page["Permissions-Policy"])

    def test_the_file_is_served_so_no_browser_runs_it_and_the_look_is_logged(self):
        drawing = self.add(audience="table")
        response = self.file(self.oma, drawing)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", response["Content-Security-Policy"])
        self.assertIn("no-store", response["Cache-Control"])
        self.assertTrue(
            AuditEvent.objects.filter(data="creation", action="view", actor=self.oma.user).exists()
        )

    def test_who_adds_for_whom(self):
        self.add(self.eva)  # a professional, for a child without an account
        self.add(self.noor, member=self.noor.member)  # a youth, her own
        with self.assertRaises(ActionError):
            self.add(self.noor)  # not for her brother
        with self.assertRaises(ActionError):
            self.add(member=self.noor.member)  # Noor puts in her own
        with self.assertRaises(ActionError):
            self.add(self.oma)  # someone from the network: not for a child
        self.assertEqual(Creation.objects.count(), 2)

    def test_the_page_refuses_an_svg_and_keeps_the_rest(self):
        self.client.force_login(self.sanne.user)
        url = reverse("creations:add", args=[self.f.family.pk, "goal", self.goal.pk])
        svg = SimpleUploadedFile(
            "tekening.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"
        )
        page = self.client.post(
            url, {"file": svg, "title": "Mijn huis", "audience": "chosen", "member": self.sem.pk}
        )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "Kies een .jpg- of .png-bestand", status_code=400)
        self.assertContains(page, 'value="Mijn huis"', status_code=400)
        self.assertFalse(Creation.objects.exists())
        picture = SimpleUploadedFile("huis.jpg", photo_with_location(), "image/jpeg")
        page = self.client.post(
            url,
            {
                "file": picture,
                "title": "Mijn huis",
                "audience": "chosen",
                "member": self.sem.pk,
                "kind": "drawing",
            },
        )
        self.assertEqual(page.status_code, 302)
        self.assertEqual(Creation.objects.get().title, "Mijn huis")
        goal_page = self.client.get(reverse("plan:goal", args=[self.f.family.pk, self.goal.pk]))
        self.assertContains(goal_page, 'alt="Mijn huis"')

    def test_taking_it_away_wipes_the_file(self):
        drawing = self.add()
        actions.creation_remove(access=self.f.access(self.sanne), creation=drawing)
        drawing.refresh_from_db()
        self.assertEqual((bytes(drawing.content), drawing.size), (b"", 0))
        self.assertIsNotNone(drawing.removed_at)
        self.assertEqual(self.file(self.sanne, drawing).status_code, 404)

    def test_it_is_gone_with_the_family(self):
        self.add()
        record = destroy_family(self.f.family, reason="test")
        self.assertFalse(Creation.objects.exists())
        self.assertEqual(record.rows["creations.creation"], 1)


class CreationRefusalsTestCase(CreationTestCase):
    def test_what_is_refused_before_anything_is_kept(self):
        with self.assertRaises(ActionError):
            self.add(audience="iedereen")
        with self.assertRaises(ActionError):
            self.add(shown_to=[999999])
        with self.assertRaises(ActionError):
            actions.creation_add(
                access=self.f.access(self.sanne),
                member=self.sem,
                item_type="step",
                item_id=self.goal.pk,
                raw=photo_with_location(),
            )
        self.assertFalse(Creation.objects.exists())

    def test_a_voice_note_is_a_voice_note_and_a_photo_a_photo(self):
        voice = actions.creation_add(
            access=self.f.access(self.sanne),
            member=self.sem,
            item_type="goal",
            item_id=self.goal.pk,
            raw=b"OggS" + b"\x00" * 50,
            kind="photo",
        )
        self.assertEqual((voice.kind, voice.content_type), ("voice", "audio/ogg"))
        self.assertEqual(self.add(kind="iets").kind, "drawing")
        self.assertEqual(self.add(kind="photo").kind, "photo")

    def test_only_who_put_it_in_the_child_or_a_parent_with_authority_takes_it_away(self):
        drawing = self.add(self.eva)
        self.assertFalse(actions.may_remove(self.f.access(self.oma), drawing))
        self.assertFalse(actions.may_remove(self.f.access(self.noor), drawing))
        self.assertTrue(actions.may_remove(self.f.access(self.sanne), drawing))
        with self.assertRaises(ActionError):
            actions.creation_remove(access=self.f.access(self.noor), creation=drawing)
        own = self.add(self.noor, member=self.noor.member)
        self.assertTrue(actions.may_remove(self.f.access(self.noor), own))
        self.assertEqual(actions.makers(self.f.access(self.oma)), [])
