"""The one place where audit events are written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import AuditEvent

if TYPE_CHECKING:
    from samenplan.families.models import Family, Participant


def client_ip(request) -> str:
    if request is None:
        return ""
    # REMOTE_ADDR is what the app server saw; behind a trusted proxy the
    # proxy's address is recorded, which still identifies the source.
    return request.META.get("REMOTE_ADDR", "")[:64]


def event_build(
    *,
    actor,
    action: str,
    data: str,
    family: Family | None = None,
    participant: Participant | None = None,
    obj=None,
    request=None,
    on_behalf_of: str = "",
    emergency: bool = False,
    detail: str = "",
    role: str = "",
) -> AuditEvent:
    """One audit event, not yet saved (``event_record`` saves it).

    ``role`` names the role when it is not a seat at the table (the privacy
    officer); otherwise it comes from the seat or the work profile.
    """
    organization = ""
    if participant is not None:
        role = participant.role
        organization = participant.organization_name
    elif actor is not None:
        professional = getattr(actor, "professional_or_none", None)
        if professional is not None:
            role = role or ("org_admin" if professional.is_org_admin else "professional")
            organization = professional.organization.name
    return AuditEvent(
        actor=actor,
        actor_name=(actor.name if actor is not None else "")[:150],
        on_behalf_of=on_behalf_of[:200],
        role=role,
        organization=organization[:200],
        family=family,
        data=data,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        action=action,
        emergency=emergency,
        source=client_ip(request),
        detail=detail[:200],
    )


def event_record(**event) -> AuditEvent:
    """Write one audit event (the fields of ``event_build``). Call it inside the
    transaction of the change."""
    saved = event_build(**event)
    saved.save()
    return saved


def read_later(request, **event) -> None:
    """Record a read of family data once the response has succeeded.

    A page that ends in a 403, 404 or 500 showed nothing, so it is not
    logged as a read (``AuditReadsMiddleware`` writes these afterwards).
    Without a request (a command, a test) the read is written at once.
    """
    if request is None:
        event_record(**event)
        return
    event.setdefault("request", request)
    if not hasattr(request, "_samenplan_reads"):
        request._samenplan_reads = []
    request._samenplan_reads.append(event)


def reads_write(request, response) -> int:
    """Write the reads of ``request`` if ``response`` showed them; how many were written."""
    reads = getattr(request, "_samenplan_reads", None)
    if not reads or response.status_code >= 400:
        return 0
    # One insert for all of them: a list of families costs the same at any length.
    AuditEvent.objects.bulk_create([event_build(**event) for event in reads])
    request._samenplan_reads = []
    return len(reads)
