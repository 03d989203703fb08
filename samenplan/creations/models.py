"""What a child made: a drawing, a photo or a short voice note, beside a goal, a
view on a decision or a future picture.

The file lives in the database with its row: it travels with the family's
download and moving file, is behind the gate like every row, and is gone when
the family's file is destroyed. Images are re-encoded before they are kept
(``files.py``): no EXIF, no location, no SVG or HTML ever stored.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet

# What a creation can hang on: (model label, its model name in ``item_type``).
ATTACHABLE = {"goal": "plan.goal", "view": "decisions.view", "vision": "plan.vision"}


class CreationQuerySet(FamilyQuerySet):
    owners = ("member_id",)
    refers_to = ("item_type", "item_id")
    # Only these can be pointed at: asking about every hideable kind would
    # cost a query each.
    refers_to_labels = tuple(sorted(ATTACHABLE.values()))

    def current(self):
        return self.filter(removed_at__isnull=True)

    def rules(self, queryset, access):
        # The child's by default: the child (with a seat of their own), who put
        # it in, and the people chosen; everyone at the table only when chosen so.
        return queryset.filter(
            models.Q(audience=Creation.Audience.TABLE)
            | models.Q(created_by_id=access.user.pk)
            | models.Q(member_id=access.participant.member_id)
            | models.Q(shown_to=access.participant.pk)
        ).distinct()


class Creation(models.Model):
    class Kind(models.TextChoices):
        DRAWING = "drawing", _("tekening")
        PHOTO = "photo", _("foto")
        VOICE = "voice", _("ingesproken bericht")

    class Audience(models.TextChoices):
        CHOSEN = "chosen", _("Alleen het kind, wie het toevoegt en de mensen die je kiest")
        TABLE = "table", _("Iedereen die dit deel van het plan ziet")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("families.Member", on_delete=models.CASCADE, related_name="+")
    item_type = models.CharField(max_length=20, choices=[(k, k) for k in ATTACHABLE])
    item_id = models.BigIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("Wat is het? (mag leeg blijven)"), max_length=200, blank=True)
    content = models.BinaryField()
    content_type = models.CharField(
        max_length=20,
        choices=[
            (t, t) for t in ("image/png", "image/jpeg", "audio/webm", "audio/ogg", "audio/mp4")
        ],
    )
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    audience = models.CharField(
        _("Wie mag het zien?"), max_length=10, choices=Audience.choices, default=Audience.CHOSEN
    )
    shown_to = models.ManyToManyField("families.Participant", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Put in by the child themselves in kindmodus, on ``created_by``'s phone.
    by_child = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CreationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "item_type", "item_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.member_id})"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def label(self) -> str:
        return self.title or _("%(what)s van %(name)s") % {
            "what": self.get_kind_display().capitalize(),
            "name": self.member.name.split()[0],
        }
