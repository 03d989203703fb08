"""Writes of family data. Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samenplan.accounts.models import Organization, User
from samenplan.audit.actions import event_record
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.lib.mail import mail_later

from . import child_mode, hooks
from .access import FamilyAccess
from .models import (
    EMERGENCY_HOURS,
    Closing,
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
    Move,
    MoveAnswer,
    Participant,
)
from .versioning import revision_save, save_versioned


def _mail_news(email: str, language: str = "nl") -> None:
    """Tell someone there is something new, without any personal data."""
    with override(language):
        subject = _("Er is iets nieuws voor je in Samenplan")
        body = _(
            "Hallo,\n\nEr is iets nieuws voor je in Samenplan.\n"
            "Log in met dit e-mailadres om te zien wat het is:\n{url}\n\n"
            "Met vriendelijke groet,\nSamenplan"
        ).format(url=settings.SITE_ROOT.rstrip("/") + "/")
    mail_later(subject, body, [email])


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
    organization: Organization | None = None,
    request=None,
) -> Invitation:
    family = access.family
    email = email.strip().lower()
    family_seat = role in (Participant.Role.PARENT, Participant.Role.YOUTH)
    access.require("invite.family" if family_seat else "invite.table")
    if organization is not None:
        return _invite_organization(
            access=access, organization=organization, message=message, request=request
        )
    if family_seat and member is None:
        raise ActionError(_("Kies wie in het gezin dit is."))
    if member is not None and member.family_id != family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    if family_seat:
        _refuse_second_seat(access, member)
    if Participant.objects.active().filter(family=family, user__email__iexact=email).exists():
        raise ActionError(_("Deze persoon doet al mee."))
    if Invitation.objects.filter(
        family=family, email=email.strip().lower(), status=Invitation.Status.PENDING
    ).exists():
        raise ActionError(_("Deze persoon is al uitgenodigd."))
    if role in (Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER):
        user = User.objects.filter(email__iexact=email).select_related("professional").first()
        professional = user.professional_or_none if user else None
        if professional is None or not professional.is_active or professional.is_privacy_officer:
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


def _invite_organization(
    *, access: FamilyAccess, organization: Organization, message: str = "", request=None
) -> Invitation:
    """Invite an organisation: its admin chooses who comes (``invitation_assign``)."""
    if Invitation.objects.filter(
        family=access.family,
        organization=organization,
        email="",
        status=Invitation.Status.PENDING,
    ).exists():
        raise ActionError(_("Deze organisatie is al uitgenodigd."))
    invitation = Invitation.objects.create(
        family=access.family,
        email="",
        name=organization.name,
        role=Participant.Role.PROFESSIONAL,
        organization=organization,
        message=message.strip(),
        invited_by=access.user,
    )
    access.audit(action="invite", data="invitation", obj=invitation, request=request)
    _tell_organization_admins(organization)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, acting_user: User, request=None) -> Participant:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ActionError(_("Deze uitnodiging is niet meer open."))
    working = acting_user.professional_or_none
    if working is not None and working.is_privacy_officer:
        # The privacy officer judges requests about files; never at a table.
        raise ActionError(_("Als functionaris voor privacy zit je niet aan tafel bij een gezin."))
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
    if organization_name and invitation.family.organization_id is None:
        # A family that started on its own: the first organisation it lets in
        # answers for the file from now on.
        Family.objects.filter(pk=invitation.family_id, organization__isnull=True).update(
            organization=professional.organization
        )
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
    """The family's own criterion is agreed at once; anyone else's is a draft for the family."""
    access.require("closing.criterion")
    criterion = ClosingCriterion.objects.create(
        family=access.family,
        text=text.strip(),
        created_by=access.user,
        status=ClosingCriterion.Status.AGREED
        if access.speaks_for_family
        else ClosingCriterion.Status.DRAFT,
    )
    revision_save(access, criterion)
    access.audit(action="create", data="closing", obj=criterion, request=request)
    return criterion


@transaction.atomic
def closing_criterion_change(
    *,
    access: FamilyAccess,
    criterion: ClosingCriterion,
    expected_version: int,
    text: str | None = None,
    met: bool | None = None,
    agree: bool = False,
    remove: bool = False,
    request=None,
) -> ClosingCriterion:
    """Agree to a draft, change the words, tick it off, or end it: the family, together."""
    access.require("closing.agree")
    if criterion.family_id != access.family.pk:
        raise ActionError(_("Dit hoort niet bij dit gezin."))
    changes = {}
    if text is not None and text.strip() and text.strip() != criterion.text:
        changes["text"] = text.strip()
    if met is not None:
        changes["met"] = bool(met)
    if agree:
        changes["status"] = ClosingCriterion.Status.AGREED
    if remove:
        changes["status"] = ClosingCriterion.Status.REMOVED
    if not changes:
        return criterion
    criterion = save_versioned(
        access=access,
        item=criterion,
        expected_version=expected_version,
        shown=lambda c: c.text,
        changes=changes,
    )
    access.audit(action="update", data="closing", obj=criterion, request=request)
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


def closing_since(family: Family):
    """Answers count from the last reopening on: a yes from before is not a yes now."""
    last = (
        Closing.objects.filter(family_id=family.pk, reopened_at__isnull=False)
        .order_by("-reopened_at")
        .values_list("reopened_at", flat=True)
        .first()
    )
    return last or family.created_at


def closing_voices(access: FamilyAccess) -> list[dict]:
    """Every consent giver and their latest answer to "kunnen jullie zelf verder?".

    Closing in voluntary help needs a yes from each of them (a youth of 12+
    too); in a measure their answers stand beside the GI's decision.
    """
    since = closing_since(access.family)
    seats = {
        p.member_id: p
        for p in Participant.objects.filter(
            family_id=access.family.pk, member__isnull=False, role__in=["parent", "youth"]
        ).order_by("active_from")
    }
    latest: dict[int, ClosingAnswer] = {}
    for answer in ClosingAnswer.objects.filter(
        family_id=access.family.pk, created_at__gte=since, participant__member__isnull=False
    ).order_by("created_at", "id"):
        latest[answer.participant_id] = answer
    voices = []
    for member in access.consent_givers:
        seat = seats.get(member.pk)
        answer = latest.get(seat.pk) if seat else None
        voices.append({"member": member, "seat": seat, "answer": answer})
    return voices


@transaction.atomic
def family_close(*, access: FamilyAccess, legal_basis: str = "", request=None) -> Closing:
    """Close: each professional's part ends; the family keeps reading its plan.

    In voluntary help the family closes, with a yes from every consent giver
    and its own "zo gaan we zelf verder". In a measure only the GI closes,
    with the legal basis; the family's answers are kept beside it.
    """
    access.require("family.close")
    family = Family.objects.select_for_update().get(pk=access.family.pk)
    if family.closed_at is not None:
        raise ActionError(_("Dit gezin is al afgesloten."))
    legal_basis = legal_basis.strip()
    if family.in_measure:
        if len(legal_basis) < 10:
            raise ActionError(
                _(
                    "Schrijf op op grond waarvan de maatregel stopt, "
                    "bijvoorbeeld de uitspraak van de rechter."
                )
            )
    else:
        waiting = [v["member"].name for v in closing_voices(access) if not _said_yes(v)]
        if waiting:
            raise ActionError(
                _("Nog niet iedereen heeft ja gezegd: %(names)s.") % {"names": ", ".join(waiting)}
            )
        plan = ContinuePlan.objects.filter(family=family, confirmed_at__isnull=False).first()
        if plan is None:
            raise ActionError(_("Schrijf eerst op hoe jullie zelf verder gaan."))
    now = timezone.now()
    ended = list(
        Participant.objects.active().filter(
            family=family,
            role__in=[Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER],
        )
    )
    Participant.objects.filter(pk__in=[p.pk for p in ended]).update(
        active_to=now, is_coordinator=False
    )
    closing = Closing.objects.create(
        family=family,
        closed_at=now,
        closed_by=access.user,
        framework=family.legal_framework,
        legal_basis=legal_basis,
        ended=[{"id": p.pk, "coordinator": p.is_coordinator} for p in ended],
    )
    Family.objects.filter(pk=family.pk).update(closed_at=now, phase=Family.Phase.CLOSE)
    access.family.refresh_from_db()
    access.audit(action="update", data="closing", obj=closing, request=request, detail="closed")
    return closing


def _said_yes(voice: dict) -> bool:
    return voice["answer"] is not None and voice["answer"].answer == ClosingAnswer.Answer.YES


@transaction.atomic
def family_reopen(*, access: FamilyAccess, request=None) -> Closing:
    """ "We willen toch verder": within 30 days, the same table comes back."""
    access.require("family.reopen")
    family = Family.objects.select_for_update().get(pk=access.family.pk)
    closing = Closing.objects.filter(family=family).current().first()
    if family.closed_at is None or closing is None:
        raise ActionError(_("Dit gezin is niet afgesloten."))
    now = timezone.now()
    for seat in closing.ended:
        # Only seats that closing ended and nobody ended since.
        Participant.objects.filter(
            pk=seat["id"], family=family, active_to=closing.closed_at
        ).update(active_to=None, is_coordinator=seat.get("coordinator", False))
    Closing.objects.filter(pk=closing.pk).update(reopened_at=now, reopened_by=access.user)
    Family.objects.filter(pk=family.pk).update(closed_at=None, phase=Family.Phase.EVALUATE)
    access.family.refresh_from_db()
    access.audit(action="update", data="closing", obj=closing, request=request, detail="reopened")
    closing.refresh_from_db()
    return closing


@transaction.atomic
def destruction_request(*, access: FamilyAccess, reason: str = "", request=None):
    """The family asks to destroy its data early. Not for a child under 12 on its own.

    The organisation that answers for the file (its privacy officer) gets the
    request; it answers within a month, or tells why it needs longer.
    """
    from datetime import timedelta

    # A parent with authority or a youth of 12+ (the action's rule): a younger
    # child asks together with a parent, who asks.
    access.require("destruction.request")
    if DestructionRequest.objects.filter(family=access.family).open().exists():
        raise ActionError(_("Er is al een verzoek. Jullie krijgen daar eerst antwoord op."))
    organization = access.family.organization
    if organization is None:
        raise ActionError(
            _(
                "Er is nog geen organisatie die jullie gegevens bewaart. Jullie kunnen "
                "het plan zelf afsluiten; vraag dan de beheerder van Samenplan."
            )
        )
    member = access.participant.member
    asked = DestructionRequest.objects.create(
        family=access.family,
        organization=organization,
        requested_by=access.user,
        member=member,
        reason=reason.strip(),
        answer_before=access.today + timedelta(days=settings.SAMENPLAN_DESTRUCTION_ANSWER_DAYS),
    )
    access.audit(action="create", data="destruction", obj=asked, request=request)
    emails = list(
        User.objects.filter(
            professional__organization=organization,
            professional__is_privacy_officer=True,
            professional__is_active=True,
        ).values_list("email", "language")
    )
    for email, language in emails:
        transaction.on_commit(lambda e=email, lang=language: _mail_news(e, lang))
    return asked


def destruction_handle(*, access: FamilyAccess, asked: DestructionRequest, **answer):
    """Answering a request to destroy the file is not for anyone at the table.

    It belongs to the organisation's privacy officer (``destruction_decide``
    and ``destruction_confirm``), outside the family's table; the action
    ``destruction.approve`` allows nobody at it.
    """
    access.require("destruction.approve")
    raise PermissionDenied  # pragma: no cover  (the action allows nobody)


# --- the privacy officer --------------------------------------------------------------


def officer_for(user, *, second: bool = False):
    """The active privacy officer behind ``user``, or None. With ``second``, the
    organisation's admin counts too: they may confirm as the second person."""
    professional = user.professional_or_none if user.is_authenticated else None
    if professional is None or not professional.is_active:
        return None
    if professional.is_privacy_officer or (second and professional.is_org_admin):
        return professional
    return None


def _officer_event(officer, asked, action: str, request=None, detail: str = ""):
    """The family's access log names the officer who read or answered its request."""
    event_record(
        actor=officer.user,
        family=asked.family,
        action=action,
        data="destruction",
        obj=asked,
        request=request,
        detail=detail,
        role="privacy_officer",
    )


def _tell_family(asked: DestructionRequest) -> None:
    for email, language in (
        Participant.objects.active()
        .filter(family_id=asked.family_id, role__in=["parent", "youth"])
        .values_list("user__email", "user__language")
    ):
        transaction.on_commit(lambda e=email, lang=language: _mail_news(e, lang))


def _locked_request(officer, asked: DestructionRequest) -> DestructionRequest:
    asked = DestructionRequest.objects.select_for_update().get(pk=asked.pk)
    if officer is None or asked.organization_id != officer.organization_id:
        raise PermissionDenied
    return asked


@transaction.atomic
def destruction_decide(
    *,
    officer,
    asked: DestructionRequest,
    expected_version: int,
    destroy: bool,
    basis: str = "",
    refusal: str = "",
    request=None,
) -> DestructionRequest:
    """The privacy officer's answer. Destroying waits for a second person; a
    refusal carries the reason the family reads (someone else's substantial
    interest, or another law)."""
    asked = _locked_request(officer, asked)
    if asked.status != DestructionRequest.Status.PENDING:
        raise ActionError(_("Dit verzoek is al beantwoord."))
    if asked.version != expected_version:
        raise StaleEdit(asked.get_status_display())
    now = timezone.now()
    if destroy:
        if len(basis.strip()) < 10:
            raise ActionError(_("Schrijf op op grond waarvan de gegevens vernietigd worden."))
        changes = {"status": DestructionRequest.Status.CHECKING, "basis": basis.strip()}
    else:
        if len(refusal.strip()) < 10:
            raise ActionError(_("Schrijf op waarom het niet kan. Het gezin leest dit."))
        changes = {"status": DestructionRequest.Status.REFUSED, "refusal": refusal.strip()}
    DestructionRequest.objects.filter(pk=asked.pk).update(
        handled_by=officer.user, handled_at=now, version=asked.version + 1, **changes
    )
    asked.refresh_from_db()
    _officer_event(officer, asked, "update", request, "decided" if destroy else "refused")
    if not destroy:
        _tell_family(asked)
    return asked


@transaction.atomic
def destruction_extend(
    *, officer, asked: DestructionRequest, expected_version: int, because: str, request=None
) -> DestructionRequest:
    """Once, with a reason the family reads: two months more to answer."""
    from datetime import timedelta

    asked = _locked_request(officer, asked)
    if asked.status not in DestructionRequest.OPEN:
        raise ActionError(_("Dit verzoek is al beantwoord."))
    if asked.extended_because:
        raise ActionError(_("De termijn is al een keer verlengd. Dat kan maar één keer."))
    if asked.version != expected_version:
        raise StaleEdit(asked.get_status_display())
    if len(because.strip()) < 10:
        raise ActionError(_("Schrijf op waarom er meer tijd nodig is. Het gezin leest dit."))
    DestructionRequest.objects.filter(pk=asked.pk).update(
        extended_because=because.strip(),
        answer_before=asked.answer_before
        + timedelta(days=settings.SAMENPLAN_DESTRUCTION_EXTENSION_DAYS),
        version=asked.version + 1,
    )
    asked.refresh_from_db()
    _officer_event(officer, asked, "update", request, "extended")
    _tell_family(asked)
    return asked


@transaction.atomic
def destruction_confirm(
    *, officer, asked: DestructionRequest, expected_version: int, agree: bool, request=None
):
    """The second person: confirm, and the file is destroyed; or send it back.

    The second person is another privacy officer of the same organisation,
    or its admin; never the one who decided.
    """
    from .retention import destroy_family

    if officer is None:
        raise PermissionDenied
    asked = DestructionRequest.objects.select_for_update().get(pk=asked.pk)
    if asked.organization_id != officer.organization_id:
        raise PermissionDenied
    if asked.status != DestructionRequest.Status.CHECKING:
        raise ActionError(_("Dit verzoek wacht niet op een tweede persoon."))
    if asked.handled_by_id == officer.user_id:
        raise ActionError(_("Een tweede persoon bevestigt, niet wie het besluit nam."))
    if asked.version != expected_version:
        raise StaleEdit(asked.get_status_display())
    if not agree:
        DestructionRequest.objects.filter(pk=asked.pk).update(
            status=DestructionRequest.Status.PENDING,
            handled_by=None,
            handled_at=None,
            basis="",
            version=asked.version + 1,
        )
        asked.refresh_from_db()
        _officer_event(officer, asked, "update", request, "sent back")
        return asked
    _officer_event(officer, asked, "update", request, "confirmed")
    family = Family.objects.select_for_update().get(pk=asked.family_id)
    return destroy_family(
        family,
        reason="request",
        basis=asked.basis,
        decided_by=asked.handled_by.name,
        confirmed_by=officer.user.name,
        actor=officer.user,
    )


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
    why = (fields.get("why") or "").strip()
    member = save_versioned(
        access=access,
        item=member,
        expected_version=expected_version,
        shown=lambda m: m.name,
        changes=changes,
        note=why,
    )
    access.audit(action="update", data="member", obj=member, request=request)
    _timeline(access, action="changed", summary=member.name, item=member)
    return member


# --- starting a family -------------------------------------------------------------


def may_start_family(user) -> bool:
    """Anyone logged in may start a family: a parent for their own, a professional
    for a family they work with. A privacy officer never sits at a table."""
    if not user.is_authenticated or not user.is_active:
        return False
    professional = user.professional_or_none
    if professional is None:
        return True
    return professional.is_active and not professional.is_privacy_officer


@transaction.atomic
def family_start(
    *,
    user: User,
    name: str,
    legal_framework: str = Family.Framework.VOLUNTARY,
    gi: Organization | None = None,
    municipality: str = "",
    members: list[dict],
    criteria: list[str] = (),
    once: str = "",
    request=None,
) -> Family:
    """Start a family with its members, closing criteria and invitations.

    ``once`` is the form's one-time token: the same form sent twice starts
    one family (the second time raises ``AlreadySaved``).

    ``members`` are dicts of member fields plus ``email`` (invite this person
    to their own seat) and, for a parent who starts, ``me`` on their own row.
    A professional who starts sits at the table but sees nothing until the
    family consents; a parent who starts sits at the table as themselves.
    """
    if not may_start_family(user):
        raise PermissionDenied
    professional = user.professional_or_none
    if legal_framework == Family.Framework.VOLUNTARY:
        gi = None
    elif gi is None or gi.kind != Organization.Kind.GI:
        raise ActionError(_("Kies de gecertificeerde instelling (GI) die de maatregel uitvoert."))
    own = [row for row in members if row.get("me")]
    if professional is None and len(own) != 1:
        raise ActionError(_("Zet bij één persoon een vinkje: dit ben ik."))
    if professional is not None and own:
        raise ActionError(_("Als professional ben je geen lid van het gezin."))
    if own and (own[0]["relation"] == Member.Relation.CHILD or not own[0].get("has_authority")):
        raise ActionError(
            _(
                "Alleen een ouder of verzorger met gezag kan zelf een gezin starten. "
                "Vraag de ouder met gezag om te starten en jou uit te nodigen."
            )
        )
    if not any(row.get("has_authority") for row in members if row["relation"] != "kind"):
        raise ActionError(
            _(
                "Zet bij minstens één ouder of verzorger een vinkje bij gezag. "
                "Zij geven toestemming."
            )
        )
    if professional is not None and not any(
        row.get("email") and row.get("has_authority") for row in members
    ):
        raise ActionError(
            _(
                "Vul het e-mailadres in van minstens één ouder met gezag. "
                "Zonder ouder kan niemand toestemming geven."
            )
        )
    family = Family.objects.create(
        name=name.strip(),
        legal_framework=legal_framework,
        gi=gi,
        municipality=municipality.strip(),
        organization=professional.organization if professional else None,
        started_by=user,
    )
    if once:
        from django.db import IntegrityError

        from .models import SubmittedForm
        from .once import AlreadySaved

        try:
            with transaction.atomic():
                SubmittedForm.objects.create(
                    token=once, family=family, user=user, item_type="family", item_id=family.pk
                )
        except IntegrityError:
            raise AlreadySaved("family") from None
    seat = None
    invited = []
    for row in members:
        member = Member.objects.create(
            family=family,
            name=row["name"].strip(),
            relation=row["relation"],
            birth_date=row.get("birth_date"),
            sex=row.get("sex") or "",
            has_authority=bool(row.get("has_authority")) and row["relation"] != "kind",
            lives_in_household=bool(row.get("lives_in_household")),
        )
        if row.get("me"):
            seat = Participant.objects.create(
                family=family, user=user, role=Participant.Role.PARENT, member=member, added_by=user
            )
            if member.name != user.name and not user.name:
                User.objects.filter(pk=user.pk).update(name=member.name[:150])
        elif row.get("email"):
            invited.append((member, row["email"]))
    if seat is None:
        seat = Participant.objects.create(
            family=family,
            user=user,
            role=Participant.Role.PROFESSIONAL,
            organization_name=professional.organization.name,
            added_by=user,
        )
    access = FamilyAccess(
        family=family, participant=seat, members=list(Member.objects.filter(family=family))
    )
    event_record(
        actor=user,
        participant=seat,
        family=family,
        action="create",
        data="family",
        obj=family,
        request=request,
    )
    for text in criteria:
        if text.strip():
            criterion = ClosingCriterion.objects.create(
                family=family,
                text=text.strip(),
                created_by=user,
                status=ClosingCriterion.Status.DRAFT
                if professional
                else ClosingCriterion.Status.AGREED,
            )
            access.audit(action="create", data="closing", obj=criterion, request=request)
    for member, email in invited:
        _invite_member(access=access, member=member, email=email, request=request)
    return family


def _invite_member(*, access: FamilyAccess, member: Member, email: str, request=None) -> Invitation:
    """Invite a member to their own seat while the family is being started."""
    email = email.strip().lower()
    role = Participant.Role.YOUTH if member.is_child else Participant.Role.PARENT
    if member.is_child and (member.age(access.today) or 0) < 12:
        raise ActionError(
            _("%(name)s is jonger dan 12 en krijgt nog geen eigen account.") % {"name": member.name}
        )
    if User.objects.filter(email__iexact=email, professional__isnull=False).exists():
        raise ActionError(
            _("%(email)s is het werkadres van een professional. Gebruik een eigen e-mailadres.")
            % {"email": email}
        )
    language = account_for_email(email=email, name=member.name).language
    invitation = Invitation.objects.create(
        family=access.family,
        email=email,
        name=member.name,
        role=role,
        member=member,
        invited_by=access.user,
    )
    access.audit(action="invite", data="invitation", obj=invitation, request=request)
    transaction.on_commit(lambda: _mail_news(email, language))
    return invitation


# --- a growing family ---------------------------------------------------------------


def _timeline(access: FamilyAccess, *, action: str, summary: str, item) -> None:
    """A line in the plan's story, when a feature keeps one (see ``hooks``)."""
    hooks.call(
        "timeline.add", access=access, kind="family", action=action, summary=summary, item=item
    )


@transaction.atomic
def member_add(
    *,
    access: FamilyAccess,
    name: str,
    relation: str,
    birth_date=None,
    sex: str = "",
    has_authority: bool = False,
    lives_in_household: bool = True,
    request=None,
) -> Member:
    """A new member: a baby, a step-parent, a foster parent. Kept as version 1."""
    access.require("member.add")
    is_child = relation == Member.Relation.CHILD
    member = Member.objects.create(
        family=access.family,
        name=name.strip(),
        relation=relation,
        birth_date=birth_date,
        sex=sex or "",
        has_authority=bool(has_authority) and not is_child,
        lives_in_household=bool(lives_in_household),
    )
    revision_save(access, member)
    access.audit(action="create", data="member", obj=member, request=request)
    _timeline(access, action="added", summary=member.name, item=member)
    return member


@transaction.atomic
def member_authority_set(
    *,
    access: FamilyAccess,
    member: Member,
    has_authority: bool,
    why: str,
    expected_version: int,
    request=None,
) -> Member:
    """Change who has gezag, with why. Consent follows at once: who must consent
    is worked out from the members on every request, so a new parent with
    authority is asked, and one who lost it no longer counts."""
    access.require("member.authority")
    if member.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    if member.is_child:
        raise ActionError(_("Een kind heeft geen gezag over zichzelf of anderen."))
    why = why.strip()
    if not why:
        raise ActionError(_("Schrijf op waarom het gezag verandert."))
    if not has_authority and not any(
        m.has_authority and not m.is_child and m.pk != member.pk for m in access.members
    ):
        raise ActionError(
            _("Er moet iemand met gezag overblijven. Die geeft toestemming voor het gezin.")
        )
    member = save_versioned(
        access=access,
        item=member,
        expected_version=expected_version,
        shown=lambda m: m.name,
        changes={"has_authority": bool(has_authority)},
        note=why,
    )
    access.audit(action="update", data="authority", obj=member, request=request)
    summary = (
        _("%(name)s heeft nu gezag") if has_authority else _("%(name)s heeft geen gezag meer")
    ) % {"name": member.name}
    _timeline(access, action="changed", summary=f"{summary} — {why}"[:400], item=member)
    return member


# --- moving ---------------------------------------------------------------------------


@transaction.atomic
def move_propose(
    *,
    access: FamilyAccess,
    kind: str,
    to_organization: Organization | None = None,
    to_municipality: str = "",
    reason: str = "",
    request=None,
) -> Move:
    """Propose a move; it happens when every consent giver has said yes."""
    access.require("move.propose")
    if Move.objects.filter(family=access.family, status=Move.Status.OPEN).exists():
        raise ActionError(_("Er is al een verhuizing voorgesteld. Beantwoord die eerst."))
    if kind == Move.Kind.ORGANIZATION:
        if to_organization is None:
            raise ActionError(_("Kies de nieuwe organisatie."))
        if to_organization.pk == access.family.organization_id and not to_municipality.strip():
            raise ActionError(_("Dat is de organisatie die jullie nu al helpt."))
    else:
        to_organization = None
    move = Move.objects.create(
        family=access.family,
        kind=kind,
        to_organization=to_organization,
        to_municipality=to_municipality.strip(),
        reason=reason.strip(),
        proposed_by=access.user,
    )
    access.audit(action="create", data="move", obj=move, request=request)
    if access.gives_file_consent():
        # Who proposes says yes to their own proposal.
        _move_answer_record(access, move, agrees=True, request=request)
    return move


def _move_answer_record(access: FamilyAccess, move: Move, *, agrees: bool, request=None):
    MoveAnswer.objects.create(
        family=access.family,
        move=move,
        member_id=access.participant.member_id,
        answered_by=access.user,
        agrees=agrees,
        version=move.version,
    )
    access.audit(
        action="update", data="move", obj=move, request=request, detail="yes" if agrees else "no"
    )
    if not agrees:
        Move.objects.filter(pk=move.pk).update(status=Move.Status.CANCELLED)
        move.refresh_from_db()
        return move
    said_yes = set(
        MoveAnswer.objects.filter(move=move, version=move.version, agrees=True).values_list(
            "member_id", flat=True
        )
    )
    if all(m.pk in said_yes for m in access.consent_givers):
        _move_carry_out(access, move, request=request)
    return move


@transaction.atomic
def move_answer(
    *, access: FamilyAccess, move: Move, agrees: bool, seen_version: int, request=None
) -> Move:
    """One consent giver's yes or no, about the version they saw. A no stops the move."""
    from .versioning import confirm_version

    access.require("move.answer")
    move = Move.objects.select_for_update().get(pk=move.pk, family=access.family)
    if move.status != Move.Status.OPEN:
        raise ActionError(_("Over deze verhuizing is al besloten."))
    confirm_version(move, seen_version, shown=lambda m: m.reason or m.get_kind_display())
    if MoveAnswer.objects.filter(
        move=move, version=move.version, member_id=access.participant.member_id
    ).exists():
        raise ActionError(_("Je hebt hier al antwoord op gegeven."))
    return _move_answer_record(access, move, agrees=agrees, request=request)


def _move_carry_out(access: FamilyAccess, move: Move, request=None) -> None:
    """Everyone said yes. Within this Samenplan: the old professionals leave the
    table today (their history stays) and the new organisation is invited.
    To another Samenplan: the moving file can be downloaded."""
    now = timezone.now()
    family = access.family
    if move.kind == Move.Kind.ORGANIZATION:
        Participant.objects.active().filter(
            family=family, role=Participant.Role.PROFESSIONAL
        ).update(active_to=now, is_coordinator=False)
        Family.objects.filter(pk=family.pk).update(
            organization=move.to_organization,
            municipality=move.to_municipality or family.municipality,
        )
        family.refresh_from_db()
        invitation = Invitation.objects.create(
            family=family,
            email="",
            name=move.to_organization.name,
            role=Participant.Role.PROFESSIONAL,
            organization=move.to_organization,
            invited_by=move.proposed_by,
        )
        access.audit(action="invite", data="invitation", obj=invitation, request=request)
        _tell_organization_admins(move.to_organization)
    Move.objects.filter(pk=move.pk).update(status=Move.Status.DONE, done_at=now)
    move.refresh_from_db()


def _tell_organization_admins(organization: Organization) -> None:
    for email, language in User.objects.filter(
        professional__organization=organization,
        professional__is_org_admin=True,
        professional__is_active=True,
    ).values_list("email", "language"):
        transaction.on_commit(lambda e=email, lang=language: _mail_news(e, lang))


# --- an organisation invited by a family ---------------------------------------------


@transaction.atomic
def invitation_assign(*, admin, invitation: Invitation, professional, request=None) -> Invitation:
    """The organisation's admin chooses who comes to a family that invited the organisation."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.organization_id != admin.organization_id or not admin.is_org_admin:
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING or invitation.email:
        raise ActionError(_("Voor deze uitnodiging is al iemand gekozen."))
    if (
        professional.organization_id != admin.organization_id
        or not professional.is_active
        or professional.is_privacy_officer
    ):
        raise ActionError(_("Kies een professional van jullie organisatie."))
    if (
        Participant.objects.active()
        .filter(family_id=invitation.family_id, user_id=professional.user_id)
        .exists()
    ):
        raise ActionError(_("Deze persoon doet al mee."))
    Invitation.objects.filter(pk=invitation.pk).update(
        email=professional.user.email, name=professional.user.name
    )
    invitation.refresh_from_db()
    event_record(
        actor=admin.user,
        family=invitation.family,
        action="update",
        data="invitation",
        obj=invitation,
        request=request,
    )
    language = professional.user.language
    email = professional.user.email
    transaction.on_commit(lambda: _mail_news(email, language))
    return invitation


# --- kindmodus: the phone handed to a child ------------------------------------------


@transaction.atomic
def child_mode_start(*, access: FamilyAccess, member: Member, request) -> None:
    """Hand this phone to ``member``, a child without an account (child_mode.py)."""
    access.require("child_mode.start")
    if member not in access.children_without_seat():
        raise PermissionDenied
    access.audit(action="hand_over", data="child_mode", obj=member, request=request)
    child_mode.start(request, family_id=access.family.pk, member_id=member.pk)


@transaction.atomic
def child_mode_end(*, access: FamilyAccess, request) -> None:
    """ "Klaar": the phone is the grown-up's again."""
    access.require("child_mode.end")
    member_id = access.child_member_id
    child_mode.end(request)
    if member_id is not None:
        member = next((m for m in access.members if m.pk == member_id), None)
        access.audit(action="hand_back", data="child_mode", obj=member, request=request)
