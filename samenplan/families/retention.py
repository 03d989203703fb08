"""Keeping and destroying a family's data.

A closed family's file is kept for the legal term, then destroyed; a family
may ask to destroy it earlier (``DestructionRequest``, answered by the
organisation's privacy officer with a second person confirming).

The terms, and where they come from:

- Voluntary help: twenty years after the help ended. Jeugdwet art. 7.3.8
  ("gedurende twintig jaar ... of zoveel langer als redelijkerwijs in verband
  met de zorg van een goed hulpverlener voortvloeit"); Rijksoverheid, "Wat is
  de bewaartermijn voor een dossier jeugdhulp of jeugdbescherming?": "minimaal
  20 jaar ... na afloop van de zorg". ``SAMENPLAN_RETENTION_YEARS``.
- A child protection measure (OTS, voogdij): until thirty years after the
  youth came of age (the same Rijksoverheid page: "tot uiterlijk 30 jaar nadat
  de jongere meerderjarig geworden is"). We count from the youngest child's
  18th birthday, and never less than the voluntary term ("de langste
  bewaartermijn geldt"). ``SAMENPLAN_RETENTION_MEASURE_YEARS``.
- Jeugdreclassering: the same page names it as an exception without a term;
  until an organisation sets its own we keep it as long as a measure, the
  longer of the two.

The term runs from closing, which is never earlier than the law's start.
The audit log is kept: it is the proof of who saw what, and holds no plan
content. Accounts of family members that take part in no other family are
removed with the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.lib.dates import years_before

from .models import DestructionRecord, Family, Member, Participant


def retention_years() -> int:
    return int(getattr(settings, "SAMENPLAN_RETENTION_YEARS", 20))


def measure_years() -> int:
    return int(getattr(settings, "SAMENPLAN_RETENTION_MEASURE_YEARS", 30))


def _years_after(on: date, years: int) -> date:
    return years_before(on, -years)


@dataclass(frozen=True)
class Term:
    """How long one family's file is kept: until ``until`` (known once it is closed)."""

    years: int
    measure: bool
    until: date | None

    @property
    def basis(self) -> str:
        if self.measure:
            return _("%(years)s jaar nadat het jongste kind 18 werd (maatregel)") % {
                "years": self.years
            }
        return _("%(years)s jaar na het einde van de hulp") % {"years": self.years}


def term_for(family: Family, members: list[Member] | None = None) -> Term:
    """The term for ``family``, and the day it ends if the family is closed."""
    measure = family.in_measure
    years = measure_years() if measure else retention_years()
    if family.closed_at is None:
        return Term(years, measure, None)
    closed = timezone.localtime(family.closed_at).date()
    until = _years_after(closed, retention_years())
    if measure:
        if members is None:
            members = list(Member.objects.filter(family_id=family.pk))
        # A child without a known birth date counts as born on the day of closing.
        youngest = max((m.birth_date or closed for m in members if m.is_child), default=closed)
        until = max(until, _years_after(_years_after(youngest, 18), years))
    return Term(years, measure, until)


def due_families(now: datetime | None = None) -> list[Family]:
    """Closed families whose term has ended, oldest first."""
    today = timezone.localtime(now or timezone.now()).date()
    # No term is shorter than the voluntary one: only those can be due.
    earliest = years_before(today, min(retention_years(), measure_years()))
    candidates = list(
        Family.objects.filter(closed_at__isnull=False, closed_at__date__lt=earliest).order_by("pk")
    )
    members: dict[int, list[Member]] = {f.pk: [] for f in candidates}
    for member in Member.objects.filter(family_id__in=members):
        members[member.family_id].append(member)
    return [f for f in candidates if term_for(f, members[f.pk]).until < today]


def _accounts_of(family: Family) -> set[int]:
    """Users who sat at the family's table as the family or its network, or were
    invited to (an invitation makes an account for its e-mail address)."""
    from samenplan.accounts.models import User

    from .models import Invitation

    seated = set(
        Participant.objects.filter(family_id=family.pk)
        .exclude(role__in=[Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER])
        .values_list("user_id", flat=True)
    )
    emails = list(
        Invitation.objects.filter(family_id=family.pk)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    invited = set(User.objects.filter(email__in=emails).values_list("pk", flat=True))
    return seated | invited


def _remove_accounts(user_ids: set[int]) -> int:
    """Remove the accounts that take part in no other family and are no one's work account."""
    from samenplan.accounts.models import User

    from .models import Invitation

    removed = 0
    for user in User.objects.filter(pk__in=user_ids, professional__isnull=True, is_staff=False):
        if Participant.objects.filter(user=user).exists():
            continue
        if Invitation.objects.filter(
            email=user.email.lower(), status=Invitation.Status.PENDING
        ).exists():
            # Invited by another family: they need the account to answer.
            continue
        try:
            with transaction.atomic():
                user.delete()
        except (models.ProtectedError, IntegrityError):
            # Still named in another family's rows (an invitation they sent): kept.
            continue
        removed += 1
    return removed


@transaction.atomic
def destroy_family(
    family: Family,
    *,
    reason: str,
    basis: str = "",
    decided_by: str = "",
    confirmed_by: str = "",
    operator: str = "",
    actor=None,
) -> DestructionRecord:
    """Delete every row of the family, children first, then the family and its accounts.

    Leaves a ``DestructionRecord`` and one audit event about it: the family's
    number, dates, framework, counts and the staff who decided — no names of
    the family.
    """
    from samenplan.audit.actions import event_record
    from samenplan.audit.models import AuditEvent
    from samenplan.lib.visibility import family_models

    accounts = _accounts_of(family)
    rows = {}
    for model in reversed(family_models()):
        if model is AuditEvent:
            continue
        label = model._meta.label_lower
        queryset = model._default_manager.filter(family_id=family.pk)
        count = queryset.count()
        if count:
            for field in model._meta.many_to_many:
                through = getattr(model, field.name).through
                through.objects.filter(**{f"{model._meta.model_name}__in": queryset}).delete()
            queryset._raw_delete(queryset.db)
            rows[label] = count
    organization = family.organization.name if family.organization_id else ""
    Family.objects.filter(pk=family.pk)._raw_delete(Family.objects.db)
    record = DestructionRecord.objects.create(
        family_number=family.pk,
        closed_at=family.closed_at,
        reason=reason,
        basis=basis[:300],
        framework=family.legal_framework,
        organization=organization[:200],
        decided_by=decided_by[:150],
        confirmed_by=confirmed_by[:150],
        operator=operator[:150],
        rows=rows,
        accounts_removed=_remove_accounts(accounts),
    )
    event_record(
        actor=actor,
        action="remove",
        data="destruction",
        obj=record,
        detail=f"family {family.pk}; {reason}",
        role="privacy_officer" if reason == "request" else "",
    )
    return record
