"""What a child said in the plan, for the page "Stem van …"."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.families.voice import Said, voice_of

from .models import ChildWord, Goal, GoalScore, HelpQuestionCheck, Success, Vision


@voice_of
def plan_words(access, child):
    family_id = access.family.pk
    plan_url = reverse("plan:plan", args=[family_id])
    private_goals = access.private_ids("plan.goal")
    scores = (
        GoalScore.objects.visible_to(access)
        .filter(Q(member=child.member) | Q(member__isnull=True, author_id__in=child.user_ids))
        .select_related("goal", "author")
    )
    for score in scores:
        yield Said(
            at=score.created_at,
            what=_("gaf een cijfer"),
            about=score.goal.text,
            words=[(_("Cijfer"), f"{score.score}/10")]
            + ([(_("Waarom"), score.note)] if score.note else []),
            url=reverse("plan:goal", args=[family_id, score.goal_id]),
            written_by=""
            if score.by_child or score.author_id in child.user_ids
            else score.author.name,
            phone_of=score.author.name if score.by_child else "",
            private=score.goal_id in private_goals,
        )
    words = (
        ChildWord.objects.visible_to(access)
        .filter(member=child.member)
        .select_related("goal", "author")
    )
    for word in words:
        yield Said(
            at=word.created_at,
            what=_("zei wat hij of zij ervan vindt"),
            about=word.goal.text if word.goal_id else "",
            words=([(_("Gezicht"), word.get_face_display())] if word.face else [])
            + ([(_("Dit vind ik ervan"), word.text)] if word.text else []),
            url=reverse("plan:mine", args=[family_id, child.member.pk]),
            written_by=""
            if word.by_child or word.author_id in child.user_ids
            else word.author.name,
            phone_of=word.author.name if word.by_child else "",
            private=word.goal_id in private_goals,
        )
    private_visions = access.private_ids("plan.vision")
    visions = (
        Vision.objects.visible_to(access)
        .current()
        .filter(member=child.member)
        .select_related("created_by")
    )
    for vision in visions:
        yield Said(
            at=vision.created_at,
            what=_("vertelde hoe het later is"),
            words=[(_("Wat is er dan anders?"), vision.text)]
            + (
                [(_("Wie merkt het als eerste?"), vision.first_noticed)]
                if vision.first_noticed
                else []
            ),
            url=f"{plan_url}#vision-{vision.pk}",
            written_by="" if vision.by_self else vision.created_by.name,
            private=vision.pk in private_visions,
        )
    if not child.user_ids:
        # Goals, successes and the help question are written by people with an
        # account; what a child without one said is in the rows above.
        return
    goals = Goal.objects.visible_to(access).current().filter(created_by_id__in=child.user_ids)
    for goal in goals:
        yield Said(
            at=goal.created_at,
            what=_("schreef een doel") if goal.status == "accepted" else _("stelde een doel voor"),
            words=[(_("Doel"), goal.text)] + ([(_("Waarom"), goal.why)] if goal.why else []),
            url=reverse("plan:goal", args=[family_id, goal.pk]),
            private=goal.pk in private_goals,
        )
    private_successes = access.private_ids("plan.success")
    successes = (
        Success.objects.visible_to(access).current().filter(created_by_id__in=child.user_ids)
    )
    for success in successes:
        yield Said(
            at=success.created_at,
            what=_("vertelde wat lukte"),
            words=[(_("Wat gebeurde er?"), success.what_happened)]
            + ([(_("Wie of wat hielp?"), success.who_helped)] if success.who_helped else []),
            url=f"{plan_url}#success-{success.pk}",
            private=success.pk in private_successes,
        )
    checks = HelpQuestionCheck.objects.visible_to(access).filter(author_id__in=child.user_ids)
    for check in checks:
        yield Said(
            at=check.created_at,
            what=_("zei of de hulpvraag nog klopt"),
            words=[(_("Antwoord"), check.get_answer_display())]
            + ([(_("Wat klopt er niet meer?"), check.why)] if check.why else []),
            url=reverse("plan:help_question", args=[family_id]),
        )
