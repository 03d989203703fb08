from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.families import hooks
from samenplan.families.access import FamilyAccess, family_for
from samenplan.families.models import Participant
from samenplan.families.versions import cached_part
from samenplan.families.writes import form_write, note_plain_language, say_saved
from samenplan.lib.errors import ActionError
from samenplan.lib.params import id_param
from samenplan.plan.models import Goal

from . import actions, rules, summary
from .forms import (
    ArgumentForm,
    AssentForm,
    CheckForm,
    DecisionForm,
    ObjectionForm,
    OptionForm,
    OutcomeForm,
    ReviewForm,
    ViewForm,
)
from .models import Argument, Assent, Check, Decision, Objection, Option


def _decision_in(access: FamilyAccess, decision_id) -> Decision:
    decision = (
        Decision.objects.visible_to(access)
        .filter(pk=decision_id)
        .select_related(
            "goal", "about", "chosen", "created_by", "outcome_by", "follow_up_owner__user"
        )
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def _option_in(access: FamilyAccess, decision: Decision, option_id) -> Option:
    option = Option.objects.visible_to(access).filter(decision=decision, pk=option_id)
    option = option.select_related("decision").first()
    if option is None:
        raise Http404
    return option


def _participants(access: FamilyAccess) -> list[Participant]:
    return list(
        Participant.objects.visible_to(access)
        .active()
        .select_related("user", "member")
        .order_by("id")
    )


def _options(access: FamilyAccess, decision: Decision) -> list[Option]:
    return list(Option.objects.visible_to(access).filter(decision=decision))


def _arguments(access: FamilyAccess, options: list[Option]) -> dict[int, list[Argument]]:
    by_option: dict[int, list[Argument]] = {o.pk: [] for o in options}
    arguments = (
        Argument.objects.visible_to(access).filter(option__in=options).select_related("author")
    )
    for argument in arguments.order_by("created_at", "id"):
        by_option[argument.option_id].append(argument)
    return by_option


def _item(option: Option, arguments: list[Argument], form=None) -> dict:
    return {
        "option": option,
        "pros": [a for a in arguments if a.kind == Argument.Kind.PRO],
        "cons": [a for a in arguments if a.kind == Argument.Kind.CON],
        "form": form,
    }


def _context(access: FamilyAccess, **extra) -> dict:
    return {"access": access, "family": access.family, "section": "decisions", **extra}


def _page(request, template, access, status=200, **extra) -> HttpResponse:
    return render(request, template, _context(access, **extra), status=status)


def _kept_page(request, template, access, key: str | None, make, status=200) -> HttpResponse:
    """``template`` around its own part (``#main``, made from ``make()``), kept under
    ``key`` until the family's data changes (families/versions.py); ``key=None``
    for a page that shows what someone just sent (a form with errors)."""

    def render_main() -> str:
        return render_to_string(f"{template}#main", make(), request=request)

    main = cached_part(request, access, key, render_main) if key else render_main()
    return _page(request, template, access, status=status, main=main)


@login_required
def decision_list(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="decisions")
    decisions = (
        Decision.objects.visible_to(access)
        .select_related("about")
        .annotate(
            open_first=Case(
                When(state=Decision.State.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "open_first",
            F("decide_by").asc(nulls_last=True),
            F("decided_at").desc(nulls_last=True),
            "-id",
        )
    )
    page = Paginator(decisions, 20).get_page(request.GET.get("pagina"))
    ids = [d.pk for d in page]
    mine = access.participant
    my_views = set(
        summary.View.objects.visible_to(access)
        .filter(decision_id__in=ids, participant=mine)
        .values_list("decision_id", flat=True)
    )
    my_checks = set(
        Check.objects.visible_to(access)
        .filter(decision_id__in=ids, participant=mine)
        .values_list("decision_id", flat=True)
    )
    today = timezone.localdate()
    items = []
    for decision in page:
        items.append(
            {
                "decision": decision,
                "my_view": decision.pk in my_views,
                "ask_view": decision.is_open and access.may("decision.view"),
                "ask_assent": actions.can_assent(access, decision),
                "ask_check": actions.can_check(access, decision) and decision.pk not in my_checks,
                "review_due": decision.state == Decision.State.DECIDED
                and decision.review_on is not None
                and decision.review_on <= today,
                "late": decision.is_open and decision.decide_by and decision.decide_by < today,
            }
        )
    return _page(request, "decisions/list.html", access, page=page, items=items, today=today)


def _active_goals(access: FamilyAccess) -> list[Goal]:
    return list(Goal.objects.visible_to(access).active())


@login_required
def decision_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.create", data="decision")
    initial = {}
    goal_id = id_param(request.GET.get("doel"))
    if goal_id:
        initial["goal"] = goal_id
    form = DecisionForm(
        request.POST or None, members=access.members, goals=_active_goals(access), initial=initial
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **_fields: actions.decision_create(
                access=access, request=request, **form.action_kwargs()
            ),
            access=access,
        )
    ):
        if form.repeated:
            messages.info(request, form.repeated)
            return redirect("decisions:list", access.family.pk)
        messages.success(
            request, _("De vraag staat klaar. Nu kan iedereen aan tafel een mening geven.")
        )
        return redirect("decisions:detail", access.family.pk, form.result.pk)
    return _page(
        request, "decisions/new.html", access, status=400 if form.errors else 200, form=form
    )


@login_required
def decision_detail(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="decision")
    decision = _decision_in(access, decision_id)
    show_all = request.GET.get("toon") == "alles"
    # The page's own part is kept until the family's data changes (families/versions.py).
    main = cached_part(
        request,
        access,
        f"decision:{decision.pk}:{int(show_all)}",
        lambda: render_to_string(
            "decisions/detail.html#decision-main",
            _detail_context(access, decision, show_all=show_all),
            request=request,
        ),
    )
    return _page(request, "decisions/detail.html", access, decision=decision, main=main)


def _detail_context(access: FamilyAccess, decision: Decision, *, show_all: bool) -> dict:
    options = _options(access, decision)
    arguments = _arguments(access, options)
    participants = _participants(access)
    views = summary.latest_views(access, [decision.pk])
    people = summary.people_at_table(access, participants, views)
    hooks.attach_made(access, "view", [p.view for p in people if p.view])
    assents = list(
        Assent.objects.visible_to(access).filter(decision=decision).select_related("member")
    )
    objections = list(
        Objection.objects.visible_to(access).filter(decision=decision).select_related("author")
    )
    me = next((p for p in people if p.is_me), None)
    # A youth may give their own view before seeing what the adults think.
    youth_first = (
        access.participant.role == Participant.Role.YOUTH
        and decision.is_open
        and access.may("decision.view")
        and (me is None or me.view is None)
        and not show_all
    )
    missing = actions.missing_assent(decision, access.members, assents, access.today)
    goal_visible = decision.goal_id and decision.goal_id not in access.hidden("plan.goal")
    return _context(
        access,
        decision=decision,
        options=[_item(o, arguments[o.pk], ArgumentForm(prefix=f"o{o.pk}")) for o in options],
        people=people,
        table=summary.agreement(options, people),
        youth_first=youth_first,
        missing=missing,
        assents=actions.latest_assents(decision, assents),
        can_assent=actions.can_assent(access, decision),
        can_record=decision.is_open and rules.can_record_outcome(access),
        can_add=decision.is_open and access.may("decision.option"),
        can_object=actions.can_object(access, decision),
        can_check=actions.can_check(access, decision),
        check=summary.check_summary(access, decision, participants),
        objections=objections,
        goal_visible=goal_visible,
        option_form=OptionForm(),
        assent_form=AssentForm(initial={"seen": decision.outcome_version}),
        objection_form=ObjectionForm(),
        can_write_for=actions.can_write_for_others(access) and decision.is_open,
        unseated=actions.members_without_account(access, participants),
        today=access.today,
    )


@login_required
@require_POST
def option_add(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.option")
    decision = _decision_in(access, decision_id)
    form = OptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf de keuze op, in hoogstens 200 tekens."))
    elif form_write(
        form,
        lambda text: actions.option_add(
            access=access, decision=decision, text=text, request=request
        ),
        access=access,
    ):
        say_saved(request, form, _("De keuze is erbij gezet."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect(reverse("decisions:detail", args=[access.family.pk, decision.pk]) + "#keuzes")


@login_required
@require_POST
def argument_add(
    request: HttpRequest, family_id: int, decision_id: int, option_id: int
) -> HttpResponse:
    access = family_for(request, family_id, action="decision.argument")
    decision = _decision_in(access, decision_id)
    option = _option_in(access, decision, option_id)
    form = ArgumentForm(request.POST, prefix=f"o{option.pk}")
    error = None
    if not form.is_valid():
        error = _("Kies voordeel of nadeel en schrijf op wat het is.")
    elif form_write(
        form,
        lambda **data: actions.argument_add(access=access, option=option, request=request, **data),
        access=access,
    ):
        form = ArgumentForm(prefix=f"o{option.pk}")
    else:
        error = " ".join(form.non_field_errors())
    if request.htmx:
        # In place: the option's card shows the new pro or con, or what went wrong,
        # with the text still in the field.
        return render(
            request,
            "decisions/detail.html#option-card",
            _context(
                access,
                decision=decision,
                item=_item(option, _arguments(access, [option])[option.pk]),
                argument_form=form,
                flash=None if error else _("Opgeslagen."),
                error=error,
            ),
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Opgeslagen."))
    url = reverse("decisions:detail", args=[access.family.pk, decision.pk])
    return redirect(f"{url}#keuze-{option.pk}")


@login_required
def view_give(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.view", data="decision")
    decision = _decision_in(access, decision_id)
    if not decision.is_open:
        messages.info(request, _("Over deze vraag is al besloten."))
        return redirect("decisions:detail", access.family.pk, decision.pk)
    member_id = id_param(request.GET.get("voor"))
    if member_id and not actions.can_write_for_others(access):
        raise PermissionDenied
    if request.method != "POST":
        return _kept_page(
            request,
            "decisions/view_form.html",
            access,
            f"view:{decision.pk}:{member_id or ''}",
            lambda: _view_context(access, decision, member_id, None)[1],
        )
    form, context = _view_context(access, decision, member_id, request.POST)
    for_member = context["for_member"]
    if form.is_valid() and form_write(
        form,
        lambda **data: actions.view_give(
            access=access, decision=decision, member=for_member, request=request, **data
        ),
    ):
        messages.success(request, _("Dank je! De mening is opgeslagen."))
        url = reverse("decisions:detail", args=[access.family.pk, decision.pk])
        return redirect(f"{url}#meningen")
    return _kept_page(
        request, "decisions/view_form.html", access, None, lambda: context, status=400
    )


def _view_context(access: FamilyAccess, decision: Decision, member_id, data):
    """The form for a view (this person's, or a child's written down by them) and
    what the page shows around it."""
    participants = _participants(access)
    for_member = None
    if member_id:
        unseated = actions.members_without_account(access, participants)
        for_member = next((m for m in unseated if m.pk == member_id), None)
        if for_member is None:
            raise Http404
    options = _options(access, decision)
    views = summary.latest_views(access, [decision.pk])
    key = f"m{for_member.pk}" if for_member else f"p{access.participant.pk}"
    previous = next((v for v in views if v.person_key == key), None)
    initial = {}
    if previous is not None:
        initial = {
            "option": previous.option_id,
            "certainty": previous.certainty,
            "matters": previous.matters,
            "words": previous.words,
            "needs": previous.needs,
        }
    form = ViewForm(
        data,
        options=options,
        for_member=for_member,
        initial=initial,
        access=None if for_member else access,
        participants=participants,
        item=previous,
    )
    return form, _context(
        access,
        decision=decision,
        options=[_item(o, a) for o, a in _with_arguments(access, options)],
        form=form,
        for_member=for_member,
        previous=previous,
    )


def _with_arguments(access, options):
    arguments = _arguments(access, options)
    return [(o, arguments[o.pk]) for o in options]


@login_required
def decide(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.outcome", data="decision")
    decision = _decision_in(access, decision_id)
    if not rules.can_record_outcome(access):
        raise PermissionDenied
    if not decision.is_open:
        messages.info(request, _("Over deze vraag is al besloten."))
        return redirect("decisions:detail", access.family.pk, decision.pk)
    if request.method != "POST":
        return _kept_page(
            request,
            "decisions/decide.html",
            access,
            f"decide:{decision.pk}",
            lambda: _decide_context(access, decision, None)[1],
        )
    form, context = _decide_context(access, decision, request.POST)
    if form.is_valid() and form_write(
        form,
        lambda version, **data: actions.outcome_record(
            access=access, decision=decision, expected_version=version, request=request, **data
        ),
    ):
        if form.result.is_open:
            messages.success(
                request,
                _("Het besluit staat klaar. Het staat vast als iedereen die moet, ja zegt."),
            )
        else:
            messages.success(request, _("Het besluit staat vast. De stappen staan in het plan."))
        note_plain_language(request, form)
        return redirect("decisions:detail", access.family.pk, decision.pk)
    # A refused stale save left the newer text on the form (families/writes.py).
    context["stale"] = getattr(form, "stale", None)
    return _kept_page(request, "decisions/decide.html", access, None, lambda: context, status=400)


def _decide_context(access: FamilyAccess, decision: Decision, data):
    """The form for the outcome and what the page shows beside it."""
    about = summary.about_member(access, decision)
    participants = _participants(access)
    options = _options(access, decision)
    initial = {"version": decision.version, "follow_up_owner": access.participant.pk}
    if decision.has_outcome:
        initial.update(
            mode=decision.mode,
            chosen=decision.chosen_id,
            outcome=decision.outcome,
            reason=decision.reason,
            legal_basis=decision.legal_basis,
            review_on=decision.review_on,
            follow_up=decision.follow_up,
            follow_up_owner=decision.follow_up_owner_id,
            unheard_reason=decision.unheard_reason,
        )
    form = OutcomeForm(
        data,
        modes=rules.allowed_modes(access, about),
        options=options,
        participants=participants,
        initial=initial,
    )
    views = summary.latest_views(access, [decision.pk])
    people = summary.people_at_table(access, participants, views)
    return form, _context(
        access,
        decision=decision,
        # Who has not said anything yet (the widest case: a compulsory framework).
        unheard=actions.not_heard(access, decision, Decision.Mode.GI, about),
        form=form,
        table=summary.agreement(options, people),
        about=about,
        required={
            mode: rules.required(mode, access.members, about, access.today)
            for mode in ("samen", "ouders", "jongere")
        },
    )


@login_required
@require_POST
def assent(request: HttpRequest, family_id: int, decision_id: int, agrees: bool) -> HttpResponse:
    access = family_for(request, family_id, action="decision.assent")
    decision = _decision_in(access, decision_id)
    if not actions.can_assent(access, decision):
        raise PermissionDenied
    form = AssentForm(request.POST)
    valid = form.is_valid()
    why = form.cleaned_data["why"] if valid else ""
    seen = form.cleaned_data.get("seen") if valid else None
    try:
        actions.assent_give(
            access=access,
            decision=decision,
            agrees=agrees,
            why=why,
            seen_version=seen,
            request=request,
        )
    except ActionError as error:
        messages.error(request, str(error))
    else:
        decision.refresh_from_db()
        if not agrees:
            messages.success(
                request, _("Je hebt gezegd dat je nog geen ja zegt. De reden staat erbij.")
            )
        elif decision.is_open:
            messages.success(request, _("Je hebt ja gezegd. We wachten nog op de anderen."))
        else:
            messages.success(request, _("Iedereen heeft ja gezegd. Het besluit staat vast."))
    return redirect("decisions:detail", access.family.pk, decision.pk)


@login_required
@require_POST
def objection_add(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.objection")
    decision = _decision_in(access, decision_id)
    if not actions.can_object(access, decision):
        raise PermissionDenied
    form = ObjectionForm(request.POST)
    if form.is_valid():
        actions.objection_add(
            access=access, decision=decision, text=form.cleaned_data["text"], request=request
        )
        messages.success(request, _("Jullie reactie staat bij de beslissing."))
    else:
        messages.error(request, _("Schrijf op waarom jullie het er niet mee eens zijn."))
    url = reverse("decisions:detail", args=[access.family.pk, decision.pk])
    return redirect(f"{url}#besluit")


@login_required
def check(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.check", data="decision_check")
    decision = _decision_in(access, decision_id)
    if not actions.can_check(access, decision):
        raise PermissionDenied
    mine = Check.objects.visible_to(access).filter(decision=decision).first()
    initial = {key: getattr(mine, key) for key, _label in Check.STATEMENTS} if mine else {}
    form = CheckForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.check_answer(
                access=access, decision=decision, request=request, **data
            ),
        )
    ):
        messages.success(request, _("Dank je wel! Alleen jij ziet je eigen antwoorden."))
        return redirect("decisions:detail", access.family.pk, decision.pk)
    faces = request.GET.get("gezichtjes", "1" if access.is_youth_12 else "0") == "1"
    return _page(
        request,
        "decisions/check.html",
        access,
        status=400 if form.errors else 200,
        decision=decision,
        form=form,
        faces=faces,
    )


@login_required
def check_for(
    request: HttpRequest, family_id: int, decision_id: int, member_id: int
) -> HttpResponse:
    """The four questions for a child without an account, on a parent's or
    professional's phone; the answers stay with the one who writes them down."""
    access = family_for(request, family_id, action="decision.check_for", data="decision_check")
    decision = _decision_in(access, decision_id)
    child = next((m for m in actions.check_proxies(access) if m.pk == member_id), None)
    if child is None:
        raise Http404
    if decision.state == Decision.State.OPEN:
        raise PermissionDenied
    earlier = Check.objects.for_family(access.family.pk).filter(
        decision=decision, member=child, participant__isnull=True
    )
    mine = earlier.filter(written_by=access.user).first()
    someone_else = mine is None and earlier.exists()
    initial = {key: getattr(mine, key) for key, _label in Check.STATEMENTS} if mine else {}
    form = CheckForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.check_answer(
                access=access, decision=decision, member=child, request=request, **data
            ),
        )
    ):
        first = child.name.split()[0]
        messages.success(
            request,
            _("Dank je wel, %(name)s! %(writer)s bewaart je antwoorden. Niemand anders ziet ze.")
            % {"name": first, "writer": access.user.name.split()[0]},
        )
        return redirect("decisions:detail", access.family.pk, decision.pk)
    faces = request.GET.get("gezichtjes", "1") == "1"
    return _page(
        request,
        "decisions/check.html",
        access,
        status=400 if form.errors else 200,
        decision=decision,
        form=form,
        faces=faces,
        for_member=child,
        someone_else=someone_else,
    )


@login_required
def review(request: HttpRequest, family_id: int, decision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="decision.review", data="decision")
    decision = _decision_in(access, decision_id)
    if decision.state != Decision.State.DECIDED:
        messages.info(request, _("Deze beslissing kun je nu niet opnieuw bekijken."))
        return redirect("decisions:detail", access.family.pk, decision.pk)
    form = ReviewForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        actions.decision_review(
            access=access,
            decision=decision,
            review_note=form.cleaned_data["review_note"],
            request=request,
        )
        messages.success(request, _("Dank je! Jullie hebben opnieuw naar de beslissing gekeken."))
        return redirect("decisions:detail", access.family.pk, decision.pk)
    return _page(
        request,
        "decisions/review.html",
        access,
        status=400 if form.errors else 200,
        decision=decision,
        form=form,
    )
