"""What the plan asks of people: proposals, steps, agreements, the help question."""

from datetime import timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.waiting import FAMILY, Item, short, source

from .actions import can_decide, help_question_current
from .models import (
    Agreement,
    AgreementEvaluation,
    AgreementSign,
    Goal,
    HelpQuestion,
    HelpQuestionCheck,
    Status,
    Step,
    Success,
    Vision,
)

PROPOSALS = (HelpQuestion, Goal, Step, Vision, Success, Agreement)


def _plan(access, anchor: str) -> str:
    return reverse("plan:plan", args=[access.family.pk]) + anchor


@source
def proposals(access):
    """A proposal waits for whoever may take it over: the family, or the person a step is for."""
    for model in PROPOSALS:
        rows = (
            model.objects.visible_to(access)
            .filter(status=Status.PROPOSED, removed_at__isnull=True)
            .select_related("created_by")
        )
        for item in rows:
            key = f"plan.{model._meta.model_name}:{item.pk}:proposed"
            what = short(getattr(item, "text", ""))
            if can_decide(access, item):
                yield Item(
                    key,
                    _("Voorstel van %(name)s: %(what)s")
                    % {"name": item.created_by.name, "what": what},
                    _plan(access, "#proposals-title"),
                )
            elif item.created_by_id == access.user.pk:
                yield Item(
                    key,
                    _("Je voorstel wacht op het gezin: %(what)s") % {"what": what},
                    _plan(access, "#proposals-title"),
                    kind=FAMILY,
                )


@source
def steps(access):
    """A step due tomorrow or late, for the person who does it; late steps for everyone."""
    today = access.today
    rows = (
        Step.objects.visible_to(access)
        .current()
        .filter(status=Status.ACCEPTED, done_at__isnull=True, due_date__lte=today + timedelta(1))
        .select_related("owner__user")
    )
    for step in rows:
        late = step.due_date < today
        key = f"plan.step:{step.pk}:{'late' if late else 'due'}"
        what = short(step.text)
        if step.owner_id == access.participant.pk:
            title = (
                _("Je stap is te laat: %(what)s")
                if late
                else _("Je stap is bijna aan de beurt: %(what)s")
            ) % {"what": what}
            yield Item(key, title, _plan(access, "#steps-title"), due=step.due_date, late=late)
        elif late:
            who = step.owner.user.name if step.owner_id else step.owner_name or _("iemand")
            yield Item(
                key,
                _("Stap van %(name)s is te laat: %(what)s") % {"name": who, "what": what},
                _plan(access, "#steps-title"),
                kind=FAMILY,
                due=step.due_date,
                late=True,
            )


def _agreement_objections(access, answers, by_row):
    """A "nee" or "ja, als…" to the words as they are now waits for the coordinator."""
    if not access.participant.is_coordinator:
        return
    url = _plan(access, "#agreements-title")
    for sign in answers:
        agreement = by_row[sign.agreement_id]
        if sign.answer == AgreementSign.Answer.YES or not sign.counts_for(agreement):
            continue
        values = {
            "name": sign.participant.user.name,
            "what": short(agreement.text, 60),
            "reason": short(sign.reason, 60),
        }
        yield Item(
            f"plan.agreement:{agreement.pk}:{sign.answer}:{sign.pk}:{sign.version}",
            (
                _("%(name)s zei nee op de afspraak: %(what)s (%(reason)s)")
                if sign.answer == AgreementSign.Answer.NO
                else _("%(name)s zei 'ja, als…' op de afspraak: %(what)s (%(reason)s)")
            )
            % values,
            url,
        )


@source
def agreements(access):
    """An agreement to say yes to, and one whose evaluation date has come."""
    rows = list(
        Agreement.objects.visible_to(access)
        .current()
        .filter(status=Status.ACCEPTED)
        .prefetch_related("concerned")
        .annotate(last_next=Max("evaluations__next_evaluation"))
    )
    if not rows:
        return
    answers = list(
        AgreementSign.objects.visible_to(access)
        .filter(agreement__in=rows)
        .select_related("participant__user")
    )
    by_row = {a.pk: a for a in rows}
    # Only an answer to the words as they are now counts.
    signed = {
        s.agreement_id
        for s in answers
        if s.participant_id == access.participant.pk and s.counts_for(by_row[s.agreement_id])
    }
    evaluated_after = dict(
        AgreementEvaluation.objects.visible_to(access)
        .values("agreement_id")
        .annotate(last=Max("created_at"))
        .values_list("agreement_id", "last")
    )
    url = _plan(access, "#agreements-title")
    for agreement in rows:
        what = short(agreement.text)
        concerned = {p.pk for p in agreement.concerned.all()}
        if (
            access.participant.pk in concerned
            and agreement.pk not in signed
            and access.may("agreement.agree")
        ):
            # New words ask again: a new key, so a new notification.
            again = f":{agreement.text_version}" if agreement.text_version > 1 else ""
            yield Item(
                f"plan.agreement:{agreement.pk}:sign{again}",
                _("Zeg ja (of niet) op de afspraak: %(what)s") % {"what": what},
                url,
            )
    yield from _agreement_objections(access, answers, by_row)
    for agreement in rows:
        what = short(agreement.text)
        concerned = {p.pk for p in agreement.concerned.all()}
        when = agreement.last_next if agreement.pk in evaluated_after else agreement.evaluate_on
        if when is None or when > access.today + timedelta(1):
            continue
        if not access.may("agreement.evaluate"):
            continue
        if access.participant.pk in concerned or access.speaks_for_family:
            yield Item(
                f"plan.agreement:{agreement.pk}:evaluate:{when.isoformat()}",
                _("Kijk of de afspraak werkt: %(what)s") % {"what": what},
                url,
                due=when,
                late=when < access.today,
            )
        elif access.participant.role not in ("parent", "youth", "network"):
            yield Item(
                f"plan.agreement:{agreement.pk}:evaluate:{when.isoformat()}",
                _("Het gezin kijkt of de afspraak werkt: %(what)s") % {"what": what},
                url,
                kind=FAMILY,
                due=when,
                late=when < access.today,
            )


@source
def help_question(access):
    """ "Klopt deze hulpvraag nog?" once the family's weeks have passed since the last check."""
    if not access.may("help_question.check"):
        return
    question = help_question_current(access)
    if question is None:
        return
    last_check = (
        HelpQuestionCheck.objects.visible_to(access)
        .filter(question=question)
        .aggregate(last=Max("created_at"))["last"]
    )
    since = max(filter(None, [question.decided_at or question.created_at, last_check]))
    due = timezone.localdate(since) + timedelta(weeks=access.family.help_question_check_weeks)
    if due > access.today:
        return
    yield Item(
        f"plan.helpquestion:{question.pk}:check:{due.isoformat()}",
        _("Klopt jullie hulpvraag nog? Kijk er even naar."),
        reverse("plan:help_question_check", args=[access.family.pk]),
        due=due,
    )
