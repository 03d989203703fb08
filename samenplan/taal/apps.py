from django.apps import AppConfig


class TaalConfig(AppConfig):
    name = "samenplan.taal"
    label = "taal"
    verbose_name = "Taalhulp"

    def ready(self):
        from samenplan.families.hooks import provide

        from .notes import note_after_save

        # Without JavaScript the hints come after saving, as a note.
        provide("text.saved")(note_after_save)
