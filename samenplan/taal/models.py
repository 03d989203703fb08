"""Taalhulp keeps no text: only how often a kind of hint was put aside, per day."""

from django.db import models
from django.db.models import F
from django.utils import timezone


class HintDismissal(models.Model):
    """How many times professionals put a kind of hint aside on a day.

    The count tells whether a rule helps or annoys; the text it was about,
    who wrote it and for which family are not kept.
    """

    rule = models.CharField(max_length=20)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "day"], name="one_count_per_rule_a_day")
        ]

    def __str__(self):
        return f"{self.day} {self.rule}: {self.count}"

    @classmethod
    def count_one(cls, rule: str) -> None:
        day = timezone.localdate()
        row, created = cls.objects.get_or_create(rule=rule, day=day, defaults={"count": 1})
        if not created:
            cls.objects.filter(pk=row.pk).update(count=F("count") + 1)
