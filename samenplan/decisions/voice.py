"""What a child said about decisions, for the page "Stem van …"."""

from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.families.voice import Said, voice_of

from .models import Assent, Check, Objection, View


def _url(access, decision_id, anchor=""):
    return reverse("decisions:detail", args=[access.family.pk, decision_id]) + anchor


@voice_of
def views_and_answers(access, child):
    private = access.private_ids("decisions.view")
    views = (
        View.objects.visible_to(access)
        .filter(member=child.member)
        .select_related("decision", "option", "written_by")
    )
    for view in views:
        words = []
        if view.option_id:
            words.append((_("Koos"), view.option.text))
        words.append((_("Hoe zeker"), f"{view.certainty}/10"))
        for label, text in (
            (_("Het belangrijkst"), view.matters),
            (_("In eigen woorden"), view.words),
            (_("Nog nodig om te kiezen"), view.needs),
        ):
            if text:
                words.append((label, text))
        yield Said(
            at=view.created_at,
            what=_("gaf een mening"),
            about=view.decision.question,
            words=words,
            url=_url(access, view.decision_id, "#meningen"),
            written_by="" if view.participant_id else view.written_by.name,
            private=view.pk in private,
        )
    assents = (
        Assent.objects.visible_to(access)
        .filter(member=child.member)
        .select_related("decision", "given_by")
    )
    for assent in assents:
        yield Said(
            at=assent.created_at,
            what=_("zei ja tegen het besluit") if assent.agrees else _("zei nog geen ja"),
            about=assent.decision.question,
            words=[(_("Waarom"), assent.why)] if assent.why else [],
            url=_url(access, assent.decision_id, "#besluit"),
            written_by="" if assent.given_by_id in child.user_ids else assent.given_by.name,
        )
    objections = (
        Objection.objects.visible_to(access)
        .filter(member=child.member)
        .select_related("decision", "author")
    )
    for objection in objections:
        yield Said(
            at=objection.created_at,
            what=_("was het niet eens met het besluit"),
            about=objection.decision.question,
            words=[(_("Omdat"), objection.text)],
            url=_url(access, objection.decision_id, "#besluit"),
            written_by="" if objection.author_id in child.user_ids else objection.author.name,
        )
    # Answers to the check stay with the child, or with whoever wrote them
    # down: the visibility layer gives them to nobody else.
    checks = (
        Check.objects.visible_to(access)
        .filter(member=child.member)
        .select_related("decision", "written_by")
    )
    for check in checks:
        yield Said(
            at=check.created_at,
            what=_("zei hoe het beslissen ging"),
            about=check.decision.question,
            words=[
                (str(label), f"{value}/5")
                for (_key, label), value in zip(Check.STATEMENTS, check.answers(), strict=True)
            ],
            url=_url(access, check.decision_id, "#check-title"),
            written_by=check.written_by.name
            if check.written_for_someone and check.written_by_id
            else "",
            private=True,
        )
