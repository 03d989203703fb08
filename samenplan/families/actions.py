"""Writes of family data. Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samenplan.accounts.models import User
from samenplan.audit.actions import event_record
from samenplan.lib.errors import ActionError

from .access import FamilyAccess
from .models import (
    EMERGENCY_HOURS,
    ClosingAnswer,
    ClosingCriterion,
    Consent,
    ConsentExclusion,
    ContinuePlan,
    DestructionRequest,
    EmergencyAccess,
    Family,
    Invitation,
    Member,
    Participant,
)
from .versioning import save_versioned


def _mail_news(email: str, language: str = "nl") -> None:
    """Tell someone there is something new, without any personal data."""
    with override(language):
        subject = _("Er is iets nieuws voor je in Samenplan")
        body = _(
            "Hallo,\n\nEr is iets nieuws voor je in Samenplan.\n"
            "Log in met dit e-mailadres om te zien wat het is:\n{url}\n\n"
            "Met vriendelijke groet,\nSamenplan"
        ).format(url=settings.SITE_ROOT.rstrip("/") + "/")
    send_mail(subject, body, None, [email])


def account_for_email(*, email: str, name: str) -> User:
    """The account for ``email``; a new one (login by code only) if there is none."""
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name=name.strip())
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _refuse_second_seat(access: FamilyAccess, member: Member) -> None:
    """A member has at most one seat: nobody else can be invited into it.

    A youth of 16+ invites nobody into a family seat but their own (which they
    already hold); a parent with authority invites the family's members.
    """
    if not access.is_authority_parent and member.pk != access.participant.member_id:
        raise ActionError(_("Alleen een ouder met gezag nodigt iemand van het gezin uit."))
    if Participant.objects.active().filter(family_id=member.family_id, member=member).exists():
        raise ActionError(_("%(name)s doet al mee met een eigen account.") % {"name": member.name})
    if Invitation.objects.filter(
        family_id=member.family_id, member=member, status=Invitation.Status.PENDING
    ).exists():
        raise ActionError(_("%(name)s is al uitgenodigd.") % {"name": member.name})


@transaction.atomic
def invitation_create(
    *,
    access: FamilyAccess,
    email: str,
    name: str,
    role: str,
    member: Member | None = None,
    relation_label: str = "",
    message: str = "",
    request=None,
) -> Invitation:
    family = access.family
    email = email.strip().lower()
    family_seat = role in (Participant.Role.PARENT, Participant.Role.YOUTH)
    access.require("invite.family" if family_seat else "invite.table")
    if family_seat and member is None:
        raise ActionError(_("Kies wie in het gezin dit is."))
    if member is not None and member.family_id != family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    if family_seat:
        _refuse_second_seat(access, member)
    if Participant.objects.active().filter(family=family, user__email__iexact=email).exists():
        raise ActionError(_("Deze persoon doet al mee."))
    if Invitation.objects.filter(
        family=family, email__iexact=email, status=Invitation.Status.PENDING
    ).exists():
        raise ActionError(_("Deze persoon is al uitgenodigd."))
    if role in (Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER):
        user = User.objects.filter(email__iexact=email).select_related("professional").first()
        professional = user.professional_or_none if user else None
        if professional is None or not professional.is_active:
            raise ActionError(
                _(
                    "Met dit e-mailadres is geen professional bekend in Samenplan. "
                    "Vraag de organisatie om een account aan te maken."
                )
            )
        language = user.language
    else:
        language = account_for_email(email=email, name=name).language
    invitation = Invitation.objects.create(
        family=family,
        email=email,
        name=name.strip(),
        role=role,
        member=member,
        relation_label=relation_label.strip(),
        message=message.strip(),
        invited_by=access.user,
    )
    access.audit(action="invite", data="invitation", obj=invitation, request=request)
    transaction.on_commit(lambda: _mail_news(email, language))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, acting_user: User, request=None) -> Participant:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ActionError(_("Deze uitnodiging is niet meer open."))
    if (
        invitation.member_id is not None
        and Participant.objects.active()
        .filter(family_id=invitation.family_id, member_id=invitation.member_id)
        .exists()
    ):
        # Someone took this member's seat meanwhile: one seat per person.
        raise ActionError(_("Deze uitnodiging is niet meer open."))
    organization_name = ""
    professional = acting_user.professional_or_none
    if professional is not None and invitation.role in (
        Participant.Role.PROFESSIONAL,
        Participant.Role.CLIENT_SUPPORTER,
    ):
        organization_name = professional.organization.name
    participant = Participant.objects.create(
        family_id=invitation.family_id,
        user=acting_user,
        role=invitation.role,
        member=invitation.member,
        relation_label=invitation.relation_label,
        organization_name=organization_name,
        added_by=invitation.invited_by,
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    event_record(
        actor=acting_user,
        participant=participant,
        family=invitation.family,
        action="accept",
        data="invitation",
        obj=invitation,
        request=request,
    )
    return participant


@transaction.atomic
def invitation_decline(*, invitation: Invitation, acting_user: User, request=None) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ActionError(_("Deze uitnodiging is niet meer open."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    event_record(
        actor=acting_user,
        family=invitation.family,
        action="decline",
        data="invitation",
        obj=invitation,
        request=request,
    )


@transaction.atomic
def invitation_withdraw(*, access: FamilyAccess, invitation: Invitation, request=None) -> None:
    access.require("invitation.withdraw")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ActionError(_("Deze uitnodiging is niet meer open."))
    invitation.status = Invitation.Status.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    access.audit(action="remove", data="invitation", obj=invitation, request=request)


@transaction.atomic
def participant_end(*, access: FamilyAccess, participant: Participant, request=None) -> None:
    """End someone's seat at the table. The row stays, with an end date."""
    access.require("participant.end")
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.role == Participant.Role.YOUTH or participant.has_authority:
        raise ActionError(_("Ouders met gezag en jongeren blijven altijd bij hun eigen gezin."))
    if not participant.is_active():
        raise ActionError(_("Deze persoon doet al niet meer mee."))
    participant.active_to = timezone.now()
    participant.is_coordinator = False
    participant.save(update_fields=["active_to", "is_coordinator"])
    access.audit(action="remove", data="participant", obj=participant, request=request)


@transaction.atomic
def consent_give(*, access: FamilyAccess, participant: Participant, request=None) -> Consent:
    access.require("consent.give")
    if not participant.needs_consent:
        raise ActionError(_("Voor deze persoon is geen toestemming nodig."))
    existing = (
        Consent.objects.active()
        .select_for_update()
        .filter(participant=participant, member_id=access.participant.member_id)
        .first()
    )
    if existing is not None:
        return existing
    consent = Consent.objects.create(
        family=access.family,
        participant=participant,
        member_id=access.participant.member_id,
        given_by=access.user,
    )
    access.audit(action="consent_give", data="consent", obj=consent, request=request)
    return consent


@transaction.atomic
def consent_withdraw(*, access: FamilyAccess, participant: Participant, request=None) -> None:
    """Withdraw at once: the participant's next request gets no family data."""
    access.require("consent.withdraw")
    consents = list(
        Consent.objects.active()
        .select_for_update()
        .filter(participant=participant, member_id=access.participant.member_id)
    )
    if not consents:
        raise ActionError(_("Je had nog geen toestemming gegeven."))
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = now
        consent.withdrawn_by = access.user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        access.audit(action="consent_withdraw", data="consent", obj=consent, request=request)


@transaction.atomic
def consent_scope_set(
    *,
    access: FamilyAccess,
    participant: Participant,
    left_out: dict[str, list[int | None]],
    request=None,
) -> None:
    """Set what ``participant`` may not see, as this consent giver's own choice.

    ``left_out`` maps a registered kind (``"goal"``) to the ids left out, or
    ``[None]`` for the kind as a whole. Only this giver's earlier exclusions
    are ended (kept, with ``removed_at``); another giver's choice is theirs.
    """
    access.require("consent.scope")
    if participant.family_id != access.family.pk or not participant.needs_consent:
        raise ActionError(_("Voor deze persoon is geen toestemming nodig."))
    me = access.participant.member_id
    wanted = {(kind, object_id) for kind, ids in left_out.items() for object_id in ids}
    current = {
        (row.kind, row.object_id): row
        for row in ConsentExclusion.objects.select_for_update().filter(
            participant=participant, member_id=me, removed_at__isnull=True
        )
    }
    now = timezone.now()
    for key, row in current.items():
        if key not in wanted:
            row.removed_at = now
            row.save(update_fields=["removed_at"])
    for kind, object_id in sorted(wanted - set(current), key=lambda k: (k[0], k[1] or 0)):
        ConsentExclusion.objects.create(
            family=access.family,
            participant=participant,
            member_id=me,
            kind=kind,
            object_id=object_id,
            set_by=access.user,
        )
    access.audit(action="update", data="consent_scope", obj=participant, request=request)


@transaction.atomic
def emergency_open(*, participant: Participant, reason: str, request=None) -> EmergencyAccess:
    """Open a family without consent, for 24 hours, with a written reason.

    Only a professional whose organisation has a safety mandate may. The
    family's consent givers get an e-mail without personal data, and the log
    shows the access in red.
    """
    from datetime import timedelta

    professional = participant.user.professional_or_none
    if participant.role != Participant.Role.PROFESSIONAL or professional is None:
        raise ActionError(_("Alleen een professional kan noodtoegang vragen."))
    if not professional.organization.safety_mandate:
        raise ActionError(_("Jouw organisatie heeft geen taak bij onveiligheid."))
    reason = reason.strip()
    if len(reason) < 20:
        raise ActionError(_("Schrijf in minstens 20 tekens op waarom noodtoegang nodig is."))
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        family=participant.family,
        participant=participant,
        organization=professional.organization,
        reason=reason[:2000],
        started_at=now,
        expires_at=now + timedelta(hours=EMERGENCY_HOURS),
    )
    event_record(
        actor=participant.user,
        participant=participant,
        family=participant.family,
        action="create",
        data="emergency_access",
        obj=access,
        request=request,
        emergency=True,
    )
    emails = list(
        Participant.objects.active()
        .filter(family=participant.family, role__in=["parent", "youth"])
        .values_list("user__email", "user__language")
    )
    for email, language in emails:
        transaction.on_commit(lambda e=email, lang=language: _mail_news(e, lang))
    return access


# --- closing ---------------------------------------------------------------------


@transaction.atomic
def closing_criterion_add(*, access: FamilyAccess, text: str, request=None) -> ClosingCriterion:
    access.require("closing.criterion")
    criterion = ClosingCriterion.objects.create(
        family=access.family, text=text.strip(), created_by=access.user
    )
    access.audit(action="create", data="closing", obj=criterion, request=request)
    return criterion


@transaction.atomic
def closing_answer(*, access: FamilyAccess, answer: str, note: str = "", request=None):
    access.require("closing.answer")
    row = ClosingAnswer.objects.create(
        family=access.family, participant=access.participant, answer=answer, note=note.strip()
    )
    access.audit(action="create", data="closing", obj=row, request=request)
    return row


@transaction.atomic
def continue_plan_write(
    *,
    access: FamilyAccess,
    what_works: str,
    who_helps: str = "",
    whom_to_call: str = "",
    request=None,
) -> ContinuePlan:
    """The family writes (and so confirms) how it goes on by itself."""
    access.require("closing.plan")
    plan, created = ContinuePlan.objects.select_for_update().get_or_create(
        family=access.family,
        defaults={"what_works": what_works.strip(), "written_by": access.user},
    )
    plan.what_works = what_works.strip()
    plan.who_helps = who_helps.strip()
    plan.whom_to_call = whom_to_call.strip()
    plan.confirmed_by = access.user
    plan.confirmed_at = timezone.now()
    plan.version = 1 if created else plan.version + 1
    plan.save()
    access.audit(action="update", data="closing", obj=plan, request=request)
    return plan


@transaction.atomic
def family_close(*, access: FamilyAccess, request=None) -> None:
    """Close the trajectory: each professional's part ends; the family keeps its plan."""
    access.require("family.close")
    plan = ContinuePlan.objects.filter(family=access.family, confirmed_at__isnull=False).first()
    if plan is None:
        raise ActionError(_("Schrijf eerst op hoe jullie zelf verder gaan."))
    now = timezone.now()
    ended = Participant.objects.active().filter(
        family=access.family,
        role__in=[Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER],
    )
    for participant in ended:
        participant.active_to = now
        participant.is_coordinator = False
        participant.save(update_fields=["active_to", "is_coordinator"])
    Family.objects.filter(pk=access.family.pk).update(closed_at=now, phase=Family.Phase.CLOSE)
    access.family.refresh_from_db()
    access.audit(action="update", data="closing", obj=access.family, request=request)


@transaction.atomic
def destruction_request(*, access: FamilyAccess, reason: str = "", request=None):
    """The family asks to destroy its data early. Not for a child under 12 on its own."""
    from datetime import timedelta

    # A parent with authority or a youth of 12+ (the action's rule): a younger
    # child asks together with a parent, who asks.
    access.require("destruction.request")
    member = access.participant.member
    asked = DestructionRequest.objects.create(
        family=access.family,
        requested_by=access.user,
        member=member,
        reason=reason.strip(),
        answer_before=access.today + timedelta(days=91),
    )
    access.audit(action="create", data="destruction", obj=asked, request=request)
    return asked


def destruction_handle(*, access: FamilyAccess, asked: DestructionRequest, **answer):
    """Answering a request to destroy the file is not for anyone at the table.

    It belongs to the organisation's privacy officer, with a second person
    confirming (``destruction.approve`` allows nobody here); until that flow
    exists, the request waits and the family sees it waiting.
    """
    access.require("destruction.approve")
    raise PermissionDenied  # pragma: no cover  (the action allows nobody)


@transaction.atomic
def member_update(
    *, access: FamilyAccess, member: Member, expected_version: int, request=None, **fields
) -> Member:
    """The family corrects what it tells about a member (name, birth date, sex, household).

    Saved only over the version the person saw; every version is kept.
    """
    access.require("member.edit")
    if member.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    allowed = {"name", "birth_date", "sex", "lives_in_household"}
    changes = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in fields.items()
        if key in allowed
    }
    member = save_versioned(
        access=access,
        item=member,
        expected_version=expected_version,
        shown=lambda m: m.name,
        changes=changes,
    )
    access.audit(action="update", data="family_home", obj=member, request=request)
    return member
