from django.core.management.base import BaseCommand
from django.db import transaction

from samenplan.accounts import mfa


class Command(BaseCommand):
    help = (
        "Encrypt every second-factor secret under the first key of SAMENPLAN_SECRETS_KEYS "
        "(after a new key was put first, or to encrypt secrets stored before encryption)."
    )

    def handle(self, *args, **options):
        from allauth.mfa.models import Authenticator

        changed = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update():
                data = dict(authenticator.data)
                for field in ("secret", "seed"):
                    if isinstance(data.get(field), str):
                        data[field] = mfa.rotate(data[field])
                if isinstance(data.get("migrated_codes"), list):
                    data["migrated_codes"] = [mfa.rotate(code) for code in data["migrated_codes"]]
                if data != authenticator.data:
                    authenticator.data = data
                    authenticator.save(update_fields=["data"])
                    changed += 1
        self.stdout.write(f"second-factor secrets re-encrypted: {changed}")
