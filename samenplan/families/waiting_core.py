"""What the core asks of people: consent, a move, closing when the criteria are met."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ClosingCriterion, Consent, Move, MoveAnswer, Participant
from .waiting import FAMILY, MINE, Item, source

# A consent that waits longer than this is asked for again.
CONSENT_REMINDER_DAYS = 3


@source
def consent(access):
    """Someone at the table waits for this person's consent (or their no)."""
    if not access.gives_consent:
        return
    member_id = access.participant.member_id
    given = set(
        Consent.objects.visible_to(access)
        .active()
        .filter(member_id=member_id)
        .values_list("participant_id", flat=True)
    )
    waiting = [
        p
        for p in Participant.objects.visible_to(access).active().select_related("user")
        if p.needs_consent and p.pk not in given and p.pk != access.participant.pk
    ]
    givers = {m.pk for m in access.consent_givers}
    if member_id not in givers:
        return
    url = reverse("families:consent", args=[access.family.pk])
    now = timezone.now()
    for seat in waiting:
        waited = now - seat.active_from > timedelta(days=CONSENT_REMINDER_DAYS)
        yield Item(
            f"families.participant:{seat.pk}:consent{':3d' if waited else ''}",
            _("%(name)s wacht op jouw toestemming. Je mag ook nee zeggen.")
            % {"name": seat.user.name},
            url,
            late=waited,
        )


@source
def move(access):
    """A move waits for the yes (or no) of everyone who consents for the file."""
    if not access.gives_file_consent():
        return
    open_move = Move.objects.visible_to(access).filter(status=Move.Status.OPEN).first()
    if open_move is None:
        return
    answered = MoveAnswer.objects.visible_to(access).filter(
        move=open_move, member_id=access.participant.member_id, version=open_move.version
    )
    if answered.exists():
        return
    yield Item(
        f"families.move:{open_move.pk}:answer:{open_move.version}",
        _("Er is een voorstel om te verhuizen. Wat vind jij ervan?"),
        reverse("families:move", args=[access.family.pk]),
    )


@source
def closing_criteria(access):
    """Criteria someone wrote for closing wait for the family's agreement."""
    drafts = list(
        ClosingCriterion.objects.visible_to(access)
        .filter(status=ClosingCriterion.Status.DRAFT)
        .values_list("pk", flat=True)
    )
    if not drafts:
        return
    url = reverse("families:closing", args=[access.family.pk])
    key = f"families.closing:{max(drafts)}:draft"
    if access.may("closing.agree"):
        yield Item(key, _("Wanneer zijn jullie klaar met de hulp? Kijk of dit klopt."), url)
    elif access.participant.role not in ("parent", "youth", "network"):
        yield Item(key, _("Het gezin kijkt nog naar wanneer de hulp klaar is."), url, kind=FAMILY)


@source
def closing(access):
    """Every agreed closing criterion is met: time to talk about going on alone."""
    criteria = list(
        ClosingCriterion.objects.visible_to(access)
        .filter(status=ClosingCriterion.Status.AGREED)
        .values_list("pk", "met")
    )
    if not criteria or not all(met for _pk, met in criteria):
        return
    mine = access.speaks_for_family or access.participant.is_coordinator
    yield Item(
        f"families.closing:{max(pk for pk, _met in criteria)}:met",
        _("Alles wat jullie wilden bereiken, lijkt gelukt. Kunnen jullie zelf verder?"),
        reverse("families:closing", args=[access.family.pk]),
        kind=MINE if mine else FAMILY,
    )
