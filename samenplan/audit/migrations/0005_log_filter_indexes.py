# Indexes only: on SQLite these are CREATE INDEX statements, so the table (and
# its append-only triggers of 0004) stays as it is.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_sqlite_append_only")]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["family", "actor_name", "-at"], name="audit_family_who"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["family", "data", "-at"], name="audit_family_what"),
        ),
    ]
