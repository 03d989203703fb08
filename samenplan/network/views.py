from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.careteam.models import Meeting
from samenplan.decisions.models import Decision
from samenplan.families.access import FamilyAccess, family_for
from samenplan.families.forms import SeenForm
from samenplan.families.models import Participant
from samenplan.families.table import PRO_ROLES
from samenplan.families.writes import button_write, form_write, say_saved
from samenplan.lib.errors import ActionError
from samenplan.plan.models import Goal, Step

from . import actions, drawing
from .about import about_texts, about_us_for
from .forms import AboutUsForm, EventForm, FamilyPlanForm, PersonForm, RelationshipForm
from .models import (
    AboutUs,
    ChildTalent,
    FamilyGroupPlan,
    LifeEvent,
    NetworkPerson,
    Relationship,
    StepHelper,
)


def _page(request, template, access, status=200, **extra) -> HttpResponse:
    context = {"access": access, "family": access.family, "section": "network", **extra}
    return render(request, template, context, status=status)


def _people(access: FamilyAccess) -> list[NetworkPerson]:
    """The family's network: people it took in (not proposals), not removed."""
    return list(
        NetworkPerson.objects.visible_to(access)
        .filter(removed_at__isnull=True, status=NetworkPerson.Status.ACCEPTED)
        .order_by("name", "id")[:200]
    )


def _person_in(access: FamilyAccess, person_id) -> NetworkPerson:
    person = (
        NetworkPerson.objects.visible_to(access)
        .filter(pk=person_id, removed_at__isnull=True, status=NetworkPerson.Status.ACCEPTED)
        .first()
    )
    if person is None:
        raise Http404
    return person


@login_required
def overview(request: HttpRequest, family_id: int) -> HttpResponse:
    """The network as a list and as an ecomap, with what each person helps with."""
    access = family_for(request, family_id, data="network")
    people = _people(access)
    proposals = list(
        NetworkPerson.objects.visible_to(access)
        .filter(removed_at__isnull=True, status=NetworkPerson.Status.PROPOSED)
        .select_related("created_by")
        .order_by("created_at", "id")[:50]
    )
    in_network = [p for p in people if p.in_network and not p.died]
    professionals = list(
        Participant.objects.visible_to(access)
        .active()
        .filter(role__in=PRO_ROLES)
        .select_related("user")
    )
    nodes = drawing.ecomap(in_network, professionals)
    names = [p.name for p in in_network]
    # "Wie helpt waarmee": the steps someone is named helper of, and the steps
    # they do themselves (with an account, or by name).
    helped = dict(
        StepHelper.objects.visible_to(access)
        .filter(step__done_at__isnull=True, step__removed_at__isnull=True)
        .values_list("step_id", "person_id")
    )
    steps = list(
        Step.objects.visible_to(access)
        .current()
        .filter(done_at__isnull=True)
        .filter(
            Q(owner_name__in=names)
            | Q(owner__role__in=("network", *PRO_ROLES))
            | Q(pk__in=list(helped))
        )
        .select_related("owner__user")
        .order_by("due_date", "id")[:200]
    )
    for node in nodes:
        node.steps = [
            s
            for s in steps
            if (s.owner_name and s.owner_name == node.name)
            or (s.owner_id and s.owner.user.name == node.name)
            or node.key == f"n{helped.get(s.pk)}"
        ]
    svg = drawing.ecomap_svg(
        nodes,
        family_name=access.family.name,
        title=_("Ecogram: het gezin in het midden, de mensen eromheen"),
        described_by="ecomap-list",
    )
    return _page(
        request,
        "network/overview.html",
        access,
        nodes=nodes,
        svg=mark_safe(svg),  # built by drawing.py, every text escaped
        others=[p for p in people if not (p.in_network and not p.died)],
        proposals=proposals,
    )


@login_required
def person_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="network_person.create", data="network_person")
    form = PersonForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version=None, **data: actions.person_add(access=access, request=request, **data),
            access=access,
        )
    ):
        name = form.cleaned_data["name"]
        if form.repeated:
            messages.info(request, form.repeated)
        elif form.result.status == NetworkPerson.Status.PROPOSED:
            messages.success(
                request,
                _("Je voorstel staat klaar. Het gezin beslist of %(name)s erbij komt.")
                % {"name": name},
            )
        else:
            messages.success(request, _("%(name)s staat in jullie netwerk.") % {"name": name})
        return redirect("network:overview", access.family.pk)
    return _page(
        request, "network/person_form.html", access, status=400 if form.errors else 200, form=form
    )


@login_required
def person_edit(request: HttpRequest, family_id: int, person_id: int) -> HttpResponse:
    removing = request.method == "POST" and bool(request.POST.get("weghalen"))
    access = family_for(
        request,
        family_id,
        action="network_person.remove" if removing else "network_person.edit",
        data="network_person",
    )
    person = _person_in(access, person_id)
    form = PersonForm(request.POST or None, instance=person, initial={"version": person.version})
    if removing:
        actions.person_remove(access=access, person=person, request=request)
        messages.success(request, _("%(name)s is uit het netwerk gehaald.") % {"name": person.name})
        return redirect("network:overview", access.family.pk)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.person_update(
                access=access,
                person=person,
                expected_version=version or 0,
                request=request,
                **data,
            ),
        )
    ):
        messages.success(request, _("Opgeslagen."))
        return redirect("network:overview", access.family.pk)
    return _page(
        request,
        "network/person_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
        person=person,
        stale=getattr(form, "stale", None),
    )


@login_required
def genogram(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="genogram")
    people = _people(access)
    relationships = list(Relationship.objects.visible_to(access).order_by("id"))
    built = drawing.genogram(access.members, people, relationships, access.today)
    svg = drawing.genogram_svg(
        built,
        title=_("Genogram (stamboom) van %(family)s") % {"family": access.family.name},
        described_by="genogram-list",
    )
    by_key = {n.key: n for n in built.nodes}
    rows = [
        {
            "node": n,
            "parents": [by_key[k] for k in built.parents_of(n.key)],
            "partners": [
                (by_key[b if a == n.key else a], status)
                for a, b, status in built.partners
                if n.key in (a, b)
            ],
        }
        for n in sorted(built.nodes, key=lambda n: (n.generation, n.x))
    ]
    form = RelationshipForm(members=access.members, people=people)
    return _page(
        request,
        "network/genogram.html",
        access,
        svg=mark_safe(svg),  # built by drawing.py, every text escaped
        rows=rows,
        left_out=built.left_out,
        generations=built.generations,
        form=form,
        status_labels=dict(Relationship.Status.choices),
    )


@login_required
@require_POST
def relationship_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="relationship.create")
    form = RelationshipForm(request.POST, members=access.members, people=_people(access))
    if not form.is_valid():
        messages.error(request, _("Kies twee verschillende mensen en wat voor relatie het is."))
    elif form_write(
        form,
        lambda **data: actions.relationship_add(access=access, request=request, **data),
        access=access,
    ):
        say_saved(request, form, _("De relatie staat in het genogram."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect("network:genogram", access.family.pk)


def _moments(access: FamilyAccess) -> list[drawing.Moment]:
    moments = [
        drawing.Moment(on=e.happened_on, title=e.title, kind="life", detail=e.get_kind_display())
        for e in LifeEvent.objects.visible_to(access)
        .filter(removed_at__isnull=True)
        .order_by("happened_on", "id")[:300]
    ]
    decided = (
        Decision.objects.visible_to(access)
        .filter(decided_at__isnull=False)
        .order_by("-decided_at")[:100]
    )
    moments += [
        drawing.Moment(
            on=timezone.localdate(d.decided_at),
            title=_("Besloten: %(question)s") % {"question": d.question},
            kind="plan",
            detail=_("beslissing"),
        )
        for d in decided
    ]
    now = timezone.now()
    meetings = (
        Meeting.objects.visible_to(access)
        .filter(starts_at__lt=now, cancelled_at__isnull=True)
        .order_by("-starts_at")[:100]
    )
    moments += [
        drawing.Moment(
            on=timezone.localdate(m.starts_at), title=_("Overleg"), kind="plan", detail=_("overleg")
        )
        for m in meetings
    ]
    reached = (
        Goal.objects.visible_to(access)
        .filter(achieved_at__isnull=False)
        .order_by("-achieved_at")[:100]
    )
    moments += [
        drawing.Moment(
            on=timezone.localdate(g.achieved_at),
            title=_("Doel bereikt: %(goal)s") % {"goal": g.text},
            kind="plan",
            detail=_("doel"),
        )
        for g in reached
    ]
    moments.append(
        drawing.Moment(
            on=timezone.localdate(access.family.created_at),
            title=_("Start van Samenplan"),
            kind="plan",
            detail=_("begin"),
        )
    )
    return moments


HELP_LEAD_DAYS = 92


@login_required
def timeline(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="network_timeline")
    everything = _moments(access)
    # The drawing starts a few months before the help did; the years before are
    # one tap away ("?alles=1") and always in the list under it.
    since = timezone.localdate(access.family.created_at) - timedelta(days=HELP_LEAD_DAYS)
    whole = request.GET.get("alles") == "1"
    drawn = everything if whole else [m for m in everything if m.on >= since]
    moments, width, ticks = drawing.timeline(drawn)
    svg = drawing.timeline_svg(
        moments,
        width,
        ticks,
        title=_("Tijdlijn: gebeurtenissen in het leven van het gezin en in het plan"),
        described_by="timeline-list",
    )
    return _page(
        request,
        "network/timeline.html",
        access,
        svg=mark_safe(svg),  # built by drawing.py, every text escaped
        moments=sorted(everything, key=lambda m: (m.on, m.kind, m.title)),
        earlier=len(everything) - len(drawn),
        whole=whole,
        since=since,
    )


@login_required
def event_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="life_event.create", data="life_event")
    form = EventForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.event_add(access=access, request=request, **data),
            access=access,
        )
    ):
        say_saved(request, form, _("De gebeurtenis staat op de tijdlijn."))
        return redirect("network:timeline", access.family.pk)
    return _page(
        request, "network/event_form.html", access, status=400 if form.errors else 200, form=form
    )


@login_required
@require_POST
def person_decide(request: HttpRequest, family_id: int, person_id: int, answer: str):
    """The family takes a proposed person into its network, or not."""
    access = family_for(request, family_id, action="network_person.decide")
    person = NetworkPerson.objects.visible_to(access).filter(pk=person_id).first()
    if person is None:
        raise Http404
    accept = answer == "accept"
    button_write(
        request,
        lambda: actions.person_decide(access=access, person=person, accept=accept, request=request),
        _("%(name)s staat in jullie netwerk.") % {"name": person.name}
        if accept
        else _("Het voorstel is niet overgenomen."),
    )
    return redirect("network:overview", access.family.pk)


# --- the family group plan -------------------------------------------------------


def _plans(access: FamilyAccess):
    # Drafts and a plan left out of someone's consent: the visibility layer.
    return FamilyGroupPlan.objects.visible_to(access).select_related("created_by", "shared_by")


def _plan_in(access: FamilyAccess, plan_id) -> FamilyGroupPlan:
    plan = _plans(access).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


@login_required
def family_plans(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="family_plan")
    plans = list(_plans(access).order_by("-created_at", "-id")[:20])
    return _page(
        request,
        "network/family_plans.html",
        access,
        plans=plans,
        writes=access.may("family_plan.write"),
        shares=access.may("family_plan.share"),
        sees_drafts=access.role in ("parent", "youth", "network"),
    )


@login_required
def family_plan_edit(request: HttpRequest, family_id: int, plan_id: int | None = None):
    access = family_for(request, family_id, action="family_plan.write", data="family_plan")
    plan = _plan_in(access, plan_id) if plan_id else None
    if plan is not None and plan.is_shared:
        messages.info(
            request, _("Dit plan is gedeeld. Begin een nieuw plan om iets te veranderen.")
        )
        return redirect("network:family_plans", access.family.pk)
    form = FamilyPlanForm(
        request.POST or None, instance=plan, initial={"version": plan.version if plan else None}
    )
    # Only a new plan is a create (once per form); saving a draft again is versioned.
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.family_plan_write(
                access=access, plan=plan, expected_version=version, request=request, **data
            ),
            access=access if plan is None else None,
        )
    ):
        say_saved(
            request, form, _("Opgeslagen. Professionals zien het plan pas als jullie het delen.")
        )
        return redirect("network:family_plans", access.family.pk)
    return _page(
        request,
        "network/family_plan_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
        plan=plan,
        stale=getattr(form, "stale", None),
    )


@login_required
@require_POST
def family_plan_share(request: HttpRequest, family_id: int, plan_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="family_plan.share")
    plan = _plan_in(access, plan_id)
    try:
        actions.family_plan_share(
            access=access,
            plan=plan,
            seen_version=SeenForm(request.POST).seen_version(),
            request=request,
        )
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Het plan is gedeeld. De doelen en afspraken staan nu ook in Ons plan."),
        )
    return redirect("network:family_plans", access.family.pk)


# --- wie zijn wij ---------------------------------------------------------------------


@login_required
def about_us(request: HttpRequest, family_id: int) -> HttpResponse:
    """Wie zijn wij: the family's own words about itself, for whom the family chose."""
    access = family_for(request, family_id, data="about_us")
    about, children = about_us_for(access)
    texts = about_texts(about)
    may_write = access.may("about_us.write")
    return _page(
        request,
        "network/about_us.html",
        access,
        about=about if texts or children else None,
        texts=texts,
        children=children,
        may_write=may_write,
        shown_to=list(about.shown_to.select_related("user")) if about and may_write else [],
    )


@login_required
def about_us_edit(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="about_us.write", data="about_us")
    about = AboutUs.objects.visible_to(access).first()
    children = [m for m in access.members if m.is_child]
    guests = (
        Participant.objects.visible_to(access)
        .active()
        .filter(role__in=("network", "professional", "client_supporter"))
        .select_related("user")
        .order_by("role", "id")
    )
    talents = {}
    initial = {"version": 0}
    if about is not None:
        talents = {
            t.member_id: t for t in ChildTalent.objects.visible_to(access).filter(about=about)
        }
        initial = {"version": about.version, "shown_to": list(about.shown_to.all())}
    form = AboutUsForm(
        request.POST or None,
        instance=about,
        initial=initial,
        children=children,
        guests=guests,
        talents=talents,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **_data: actions.about_us_save(
                access=access, request=request, **form.action_kwargs()
            ),
        )
    ):
        messages.success(request, _("Opgeslagen."))
        return redirect("network:about_us", access.family.pk)
    return _page(
        request,
        "network/about_us_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
        stale=getattr(form, "stale", None),
    )
