"""Every page a person opens, found from the URL map rather than listed by hand.

Each of Samenplan's own URL patterns is filled with an item of the demo family
Bakker (the first of its kind, or the one the story is about); a pattern whose
GET answers 200 for a persona is one of that persona's pages. A new page is
measured without anyone adding it here; a parameter nobody knows how to fill
stops the bench, so it cannot be skipped silently.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def items(family) -> dict:
    """One item of each kind a URL names, from ``family``."""
    from samenplan.careteam.models import Meeting, PhaseNeed, Report, ReportBack, SafetyScenario
    from samenplan.creations.models import Creation
    from samenplan.decisions.models import Decision
    from samenplan.families.models import DestructionRequest, Invitation, Member, Participant
    from samenplan.network.models import FamilyGroupPlan, NetworkPerson
    from samenplan.plan.models import Agreement, Goal, Step, Success, Vision

    def first(model, **where):
        row = model.objects.filter(family=family, **where).order_by("pk").first()
        return row.pk if row else None

    decision = Decision.objects.filter(family=family, question__startswith="Gaat Sem").first()
    invitation = Invitation.objects.filter(family=family).order_by("pk").first()
    destruction = DestructionRequest.objects.order_by("pk").first()
    from samenplan.accounts.models import Professional

    return {
        "family_id": family.pk,
        "participant_id": first(Participant, role="professional"),
        "member_id": first(Member, relation="kind"),
        "invitation_id": invitation.pk if invitation else None,
        "goal_id": first(Goal, status="active"),
        "step_id": first(Step),
        "agreement_id": first(Agreement),
        "vision_id": first(Vision),
        "success_id": first(Success),
        "item_id": first(Goal, status="proposed"),
        "kind": "goal",
        "decision_id": decision.pk if decision else first(Decision),
        "option_id": decision.options.order_by("pk").first().pk if decision else None,
        "meeting_id": first(Meeting),
        "need_id": first(PhaseNeed),
        "scenario_id": first(SafetyScenario),
        "report_id": first(ReportBack),
        "sent_id": first(Report),
        "person_id": first(NetworkPerson),
        "plan_id": first(FamilyGroupPlan),
        "request_id": destruction.pk if destruction else None,
        "professional_id": Professional.objects.order_by("pk").values_list("pk", flat=True).first(),
        # A drawing hangs on a goal; the demo's first one is the child's.
        "on": "goal",
        "on_id": first(Goal, status="active"),
        "creation_id": first(Creation),
    }


def candidate_urls(family) -> dict[str, str]:
    """Every GET-able URL of Samenplan's own views, filled for ``family``, by name."""
    known = items(family)
    urls = {}
    for name, pattern in walk(get_resolver().url_patterns):
        if not pattern.callback.__module__.startswith("samenplan"):
            continue
        converters = set(pattern.pattern.converters)
        if "item_id" in converters:
            converters.add("kind")
        missing = converters - set(known)
        if missing:
            raise SystemExit(f"bench/pages.py: add {sorted(missing)} to items() for {name}")
        kwargs = {key: known[key] for key in converters}
        if any(value is None for value in kwargs.values()):
            continue
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


def pages_for(client, urls: dict[str, str]) -> dict[str, str]:
    """The URLs that answer a GET with 200 for the person logged in on ``client``."""
    return {name: url for name, url in urls.items() if client.get(url).status_code == 200}
