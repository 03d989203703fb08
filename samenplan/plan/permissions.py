"""What the plan lets whom do, and what of it can be kept private or left out."""

from django.utils.translation import gettext_lazy as _

from samenplan.families import child_mode
from samenplan.families.permissions import (
    ANYONE,
    COORDINATOR,
    FAMILY,
    FAMILY_MEMBER,
    PROFESSIONAL,
    WRITER,
    Confirm,
    declare,
)
from samenplan.lib.visibility import private_kind, scope_kind

declare("help_question.write", WRITER, doc="the family writes; others propose")
declare("help_question.check", ANYONE, doc="any time; the client supporter too")
declare(
    "help_question.interval",
    FAMILY | COORDINATOR,
    doc="after how many weeks the plan asks again (default 8)",
)
declare("goal.create", WRITER, doc="the family writes; others propose")
declare("goal.edit", WRITER, doc="the family edits; others propose a change")
declare(
    "goal.remove",
    FAMILY,
    confirm=Confirm(
        _("Dit doel uit het plan halen?"),
        _(
            "Het doel staat dan niet meer in het plan. Op de tijdlijn blijft het "
            "zichtbaar. Je kunt het nog even ongedaan maken."
        ),
        _("Ja, haal het doel weg"),
    ),
)
declare("goal.restore", FAMILY, doc="undo a removal: who removed it, within 30 seconds")
declare("goal.score", WRITER, for_child=True, doc="in kindmodus: the child, on their own goal")
declare(
    "child_word.add",
    FAMILY_MEMBER | PROFESSIONAL,
    for_child=True,
    doc="“dit vind ik ervan”: the child, or written down for a child without an account",
)
declare("step.create", WRITER, doc="a step for someone else is a proposal to them")
declare("step.restore", WRITER, doc="undo a removal: who removed it, within 30 seconds")
declare("step.done", WRITER, doc="the person the step is for, or the family")
declare("step.edit", WRITER, doc="who wrote it, the person it is for, or the family")
declare(
    "step.remove",
    WRITER,
    doc="who wrote it, the person it is for, or the family",
    confirm=Confirm(
        _("Deze stap uit het plan halen?"),
        _(
            "De stap staat dan niet meer in het plan. Op de tijdlijn blijft staan dat hij "
            "is weggehaald. Je kunt het nog even ongedaan maken."
        ),
        _("Ja, haal de stap weg"),
    ),
)
declare("step.celebrate", WRITER)
declare("proposal.decide", WRITER, doc="the family; a step: the person it is for")
declare("vision.write", WRITER, doc="own words; the family may write down a child's")
declare("vision.edit", WRITER, doc="whose words they are, or who wrote them down")
declare("success.create", WRITER)
declare("success.edit", WRITER, doc="who told it, or the family; and its goals")
declare("agreement.create", WRITER)
declare("agreement.agree", ANYONE, doc="those the agreement is for: ja, ja als, or nee")
declare("agreement.edit", WRITER, doc="new words ask everyone concerned again")
declare("agreement.evaluate", WRITER)

scope_kind("goal", "plan.goal", _("doelen"))
# A child on a grown-up's phone sees their own plan, and gives a score there.
child_mode.home("plan:mine")
child_mode.allow("plan:score_add", "plan:child_word")
for label in ("plan.goal", "plan.step", "plan.success", "plan.vision"):
    private_kind(label)


def _provide_hooks() -> None:
    from samenplan.families.hooks import provide

    from .actions import timeline_add

    # The core's own milestones (a member added, gezag changed) on the plan's timeline.
    provide("timeline.add")(
        lambda *, access, kind, action, summary, item=None: timeline_add(
            access, kind=kind, action=action, summary=summary, item=item
        )
    )


_provide_hooks()
