from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportedFile(models.Model):
    """A moving file read into this Samenplan: the same file is never read twice.

    No personal data: the file's fingerprint, the export's own id, the number
    of the family it became, who read it in and when.
    """

    digest = models.CharField(max_length=64, unique=True)
    transfer = models.CharField(max_length=64, unique=True)
    family_number = models.BigIntegerField()
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    operator = models.CharField(max_length=150, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return f"{self.transfer} → {self.family_number}"
