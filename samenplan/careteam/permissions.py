"""What "Wie doet wat" lets whom do."""

from django.utils.translation import gettext_lazy as _

from samenplan.families.permissions import (
    ANYONE,
    AUTHORITY_PARENT,
    COORDINATOR,
    FAMILY,
    PROFESSIONAL,
    TABLE_GUEST,
    WRITER,
    YOUTH_16,
    Confirm,
    declare,
)

MANAGES_TABLE = AUTHORITY_PARENT | YOUTH_16 | COORDINATOR

declare("role_card.write", TABLE_GUEST, doc="one's own card")
declare(
    "coordinator.choose",
    MANAGES_TABLE,
    confirm=Confirm(
        _("Een andere zorgcoördinator kiezen?"),
        _(
            "Er is maar één zorgcoördinator: de persoon die het overzicht houdt en die "
            "jullie als eerste kunnen bellen. De zorgcoördinator van nu stopt daarmee. "
            "Hij of zij blijft wel meedoen."
        ),
        _("Ja, kies deze persoon"),
    ),
)
declare("table.settings", MANAGES_TABLE, doc="phase, the maximum, who is needed per phase")
declare(
    "phase_need.remove",
    MANAGES_TABLE,
    doc="no longer need someone in a phase",
    confirm=Confirm(
        _("Dit weghalen?"),
        _(
            "Jullie hebben dan in deze fase niet meer iemand voor dit nodig. Wie al aan "
            "tafel zit, blijft meedoen."
        ),
        _("Ja, haal weg"),
    ),
)
declare("meeting.create", WRITER)
declare("meeting.change", WRITER, doc="move or cancel; everyone invited is told")
declare("agenda.add", WRITER, doc="the family's points come first")
declare("summary.write", WRITER)
declare("summary.confirm", FAMILY, doc="for the version the person read")
declare("safety.create", WRITER)
declare("safety.edit", WRITER, doc="a new version: everyone concerned is asked again")
declare("safety.agree", ANYONE, doc="those the scenario is for: ja, ja als, or nee")
declare("report_back.create", PROFESSIONAL)
declare("report_back.done", PROFESSIONAL, doc="one's own, with what was reported")
declare("report_back.audience", FAMILY, doc="who reads what is reported")
declare("report.receive", ANYONE, doc="the family and the coordinator: ontvangen")


def _provide_hooks() -> None:
    from samenplan.families.hooks import provide

    from .actions import table_choice_record

    provide("table.choice")(table_choice_record)


_provide_hooks()
