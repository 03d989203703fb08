"""What deciding together asks of people: a view, a yes, the check afterwards, a review."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.families.waiting import FAMILY, MINE, Item, short, source

from .actions import can_assent, latest_assents, missing_assent
from .models import Assent, Check, Decision, View

# The check afterwards is asked for a month; after that it is history.
CHECK_DAYS = 30


@source
def decisions(access):
    rows = list(
        Decision.objects.visible_to(access).exclude(state=Decision.State.REVIEWED).order_by("id")
    )
    if not rows:
        return
    ids = [d.pk for d in rows]
    member_id = access.participant.member_id
    family_seat = access.participant.role in ("parent", "youth")
    viewed = set(
        View.objects.visible_to(access)
        .filter(decision_id__in=ids, participant=access.participant)
        .values_list("decision_id", flat=True)
    )
    assents: dict[int, list[Assent]] = {}
    for assent in Assent.objects.visible_to(access).filter(decision_id__in=ids):
        assents.setdefault(assent.decision_id, []).append(assent)
    checked = set(
        Check.objects.visible_to(access)
        .filter(decision_id__in=ids, participant=access.participant)
        .values_list("decision_id", flat=True)
    )
    for decision in rows:
        url = reverse("decisions:detail", args=[access.family.pk, decision.pk])
        what = short(decision.question)
        key = f"decisions.decision:{decision.pk}"
        if decision.state == Decision.State.OPEN:
            if not decision.mode:
                if family_seat and decision.pk not in viewed and access.may("decision.view"):
                    yield Item(
                        f"{key}:view",
                        _("Wat vind jij? Geef je mening: %(what)s") % {"what": what},
                        url,
                        due=decision.decide_by,
                        late=bool(decision.decide_by and decision.decide_by < access.today),
                    )
                continue
            mine = [
                a
                for a in latest_assents(decision, assents.get(decision.pk, []))
                if a.member_id == member_id and a.agrees
            ]
            if can_assent(access, decision) and not mine:
                yield Item(
                    f"{key}:assent:{decision.outcome_version}",
                    _("Zeg ja of nog niet op het besluit: %(what)s") % {"what": what},
                    url,
                    due=decision.decide_by,
                )
            elif not family_seat:
                missing = missing_assent(
                    decision, access.members, assents.get(decision.pk, []), access.today
                )
                if missing:
                    yield Item(
                        f"{key}:assent:{decision.outcome_version}",
                        _("Wacht op een ja van %(names)s: %(what)s")
                        % {"names": ", ".join(m.name for m in missing), "what": what},
                        url,
                        kind=FAMILY,
                    )
            continue
        # Decided.
        recent = decision.decided_at and (
            access.today - decision.decided_at.date() <= timedelta(days=CHECK_DAYS)
        )
        if recent and decision.pk not in checked and access.may("decision.check"):
            yield Item(
                f"{key}:check",
                _("Hoe ging het beslissen? Vier korte vragen: %(what)s") % {"what": what},
                reverse("decisions:check", args=[access.family.pk, decision.pk]),
            )
        review = decision.review_on
        if review and review <= access.today + timedelta(1) and access.may("decision.review"):
            mine_to_review = decision.follow_up_owner_id in (None, access.participant.pk)
            yield Item(
                f"{key}:review:{review.isoformat()}",
                _("Kijk opnieuw naar het besluit: %(what)s") % {"what": what},
                url,
                kind=MINE if mine_to_review or access.speaks_for_family else FAMILY,
                due=review,
                late=review < access.today,
            )
