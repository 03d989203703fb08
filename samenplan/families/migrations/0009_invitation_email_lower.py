# Invitation addresses in lower case, as Invitation.save() keeps them from now
# on: "my invitations" becomes an exact match on the (email, status) index.
from django.db import migrations
from django.db.models.functions import Lower


def lower(apps, schema_editor):
    Invitation = apps.get_model("families", "Invitation")
    Invitation.objects.exclude(email=Lower("email")).update(email=Lower("email"))


class Migration(migrations.Migration):
    dependencies = [("families", "0008_waiting")]

    operations = [migrations.RunPython(lower, migrations.RunPython.noop)]
