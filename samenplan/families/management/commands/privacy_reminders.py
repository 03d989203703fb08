from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.families.actions import _mail_news
from samenplan.families.models import DestructionRequest


class Command(BaseCommand):
    help = (
        "Remind privacy officers of requests to destroy a file that are due within a week or "
        "overdue. Run it daily (cron or a systemd timer); each request is reminded once a day."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = (
            DestructionRequest.objects.open()
            .filter(answer_before__lte=today + timedelta(days=7))
            .exclude(reminded_on=today)
        )
        organizations = set()
        count = 0
        for asked in due:
            with transaction.atomic():
                if DestructionRequest.objects.filter(pk=asked.pk, reminded_on=today).exists():
                    continue
                DestructionRequest.objects.filter(pk=asked.pk).update(reminded_on=today)
                organizations.add(asked.organization_id)
                count += 1
        emails = User.objects.filter(
            professional__organization_id__in=organizations,
            professional__is_privacy_officer=True,
            professional__is_active=True,
        ).values_list("email", "language")
        for email, language in emails:
            _mail_news(email, language)
        self.stdout.write(
            f"{count} verzoeken bijna of te laat; {len(emails)} herinneringen verstuurd."
        )
