"""The moving file: a family's plan, signed, from one Samenplan to another.

The family's consent givers agree to move (``families.Move``); then one of
them downloads this file and hands it to the new organisation, whose admin
reads it in on the import page (or with ``manage.py import_family``).

What travels: the family, its members and its plan, with the names of who
wrote what. What does not: accounts, seats at the table, consents, the
access log, emergency access, requests and invitations. On arrival every
reference gets a new id (no id is taken from the file), the people who wrote
things become names without a login, and the family and its network are
invited afresh; the new organisation is invited too.

The file is signed with Ed25519 (from ``cryptography``, already installed
for passkeys). Each Samenplan has one key: ``SAMENPLAN_SIGNING_KEY`` or, when
unset, one derived from ``SECRET_KEY``. A receiving Samenplan reads files
signed by its own key or by a key in ``SAMENPLAN_TRUSTED_KEYS``; the import
page shows its own key so that two organisations can exchange them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections import defaultdict

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.models import Family, Invitation, Participant

from .family_json import SOFT_REFERENCES, _label, _soft_target, export_family, family_models
from .models import ImportedFile

FORMAT = "samenplan-verhuisbestand"
VERSION = 1
# Accounts of people who wrote things before the move: a name, never a login.
HISTORY_DOMAIN = "vorige.samenplan.invalid"

# What stays behind: the table and its permissions, the log, and requests that
# belong to the old organisation.
LEFT_BEHIND = {
    "families.participant",
    "families.consent",
    "families.consentexclusion",
    "families.invitation",
    "families.emergencyaccess",
    "families.submittedform",
    "families.destructionrequest",
    "families.move",
    "families.moveanswer",
    "audit.auditevent",
    "families.waitingitem",
}
FAMILY_FIELDS = (
    "name",
    "phase",
    "legal_framework",
    "municipality",
    "professional_limit",
    "help_question_check_weeks",
    "created_at",
)
INVITED_ROLES = (Participant.Role.PARENT, Participant.Role.YOUTH, Participant.Role.NETWORK)
MAX_ROWS = 50_000


class ImportRefused(Exception):
    """The file cannot be read in; the message says why, in the reader's language."""


# --- keys -----------------------------------------------------------------------------


def _private_key() -> Ed25519PrivateKey:
    configured = getattr(settings, "SAMENPLAN_SIGNING_KEY", "")
    if configured:
        seed = base64.b64decode(configured)
    else:
        seed = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"samenplan moving file"
        ).derive(settings.SECRET_KEY.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key() -> str:
    raw = _private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def fingerprint(key: str) -> str:
    """A short, readable form of a key, to compare over the phone."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def trusted_keys() -> set[str]:
    return {public_key(), *getattr(settings, "SAMENPLAN_TRUSTED_KEYS", [])}


def _canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- sending --------------------------------------------------------------------------


def moving_file(family: Family) -> bytes:
    """The signed moving file of ``family``."""
    data = export_family(family)
    seats = list(Participant.objects.filter(family=family).select_related("user").order_by("id"))
    now = timezone.now()
    people = {}
    for user_id, person in data["users"].items():
        people[user_id] = {"name": person["name"]}
    for seat in seats:
        # Only the family and its network are invited again, at the address they use now.
        if seat.role in INVITED_ROLES and seat.is_active(now):
            people[str(seat.user_id)]["email"] = seat.user.email
    content = {
        "family": {key: data["family"][key] for key in FAMILY_FIELDS},
        "people": people,
        "seats": [
            {
                "id": seat.pk,
                "user": seat.user_id,
                "role": seat.role,
                "member": seat.member_id,
                "relation_label": seat.relation_label,
                "active_from": seat.active_from.isoformat(),
                "active": seat.is_active(now),
            }
            for seat in seats
        ],
        "models": {
            label: rows for label, rows in data["models"].items() if label not in LEFT_BEHIND
        },
    }
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        "transfer": uuid.uuid4().hex,
        "made_at": now.isoformat(),
        "key": public_key(),
        "content": content,
    }
    envelope["signature"] = base64.b64encode(
        _private_key().sign(_canonical({**envelope, "signature": ""}))
    ).decode()
    return json.dumps(envelope, ensure_ascii=False, indent=1).encode()


# --- receiving ------------------------------------------------------------------------


def max_bytes() -> int:
    return int(settings.SAMENPLAN_IMPORT_MAX_BYTES)


def check_size(size: int) -> None:
    if size > max_bytes():
        raise ImportRefused(
            _("Het bestand is te groot (meer dan %(mb)s MB).")
            % {"mb": max(1, max_bytes() // (1024 * 1024))}
        )


def read_envelope(raw: bytes) -> dict:
    """Check size, format, version and signature; return the envelope, or refuse."""
    check_size(len(raw))
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ImportRefused(
            _("Dit is geen verhuisbestand van Samenplan: het is geen JSON.")
        ) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
    version = envelope.get("version")
    if not isinstance(version, int):
        raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
    if version > VERSION:
        raise ImportRefused(
            _(
                "Dit bestand komt uit een nieuwere versie van Samenplan. "
                "Werk deze Samenplan eerst bij."
            )
        )
    if version < VERSION:
        raise ImportRefused(_("Dit bestand komt uit een oude versie die we niet meer lezen."))
    key = envelope.get("key")
    signature = envelope.get("signature")
    if not isinstance(key, str) or not isinstance(signature, str):
        raise ImportRefused(_("Het bestand is niet ondertekend."))
    if key not in trusted_keys():
        raise ImportRefused(
            _(
                "Dit bestand komt van een Samenplan die wij niet kennen (sleutel %(key)s). "
                "Vraag de vorige organisatie om hun sleutel en zet die in SAMENPLAN_TRUSTED_KEYS."
            )
            % {"key": fingerprint(key)}
        )
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(key, validate=True)).verify(
            base64.b64decode(signature, validate=True),
            _canonical({**envelope, "signature": ""}),
        )
    except (InvalidSignature, ValueError, binascii.Error):
        raise ImportRefused(
            _("De handtekening klopt niet: het bestand is veranderd na het downloaden.")
        ) from None
    transfer = envelope.get("transfer")
    if not isinstance(transfer, str) or not 8 <= len(transfer) <= 64:
        raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
    if not isinstance(envelope.get("content"), dict):
        raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
    return envelope


def import_moving_file(raw: bytes, *, admin, gi=None, operator: str = "") -> tuple[Family, int]:
    """Read a moving file in as a new family of ``admin``'s organisation.

    All or nothing: any refusal writes nothing. Returns the family and how
    many people were invited.
    """
    envelope = read_envelope(raw)
    digest = hashlib.sha256(raw).hexdigest()
    earlier = ImportedFile.objects.filter(
        models.Q(digest=digest) | models.Q(transfer=envelope["transfer"])
    ).first()
    if earlier is not None:
        raise ImportRefused(
            _("Dit bestand is al ingelezen op %(when)s (gezin nummer %(number)s).")
            % {
                "when": timezone.localtime(earlier.imported_at).strftime("%d-%m-%Y"),
                "number": earlier.family_number,
            }
        )
    try:
        with transaction.atomic():
            builder = _Builder(envelope["content"], admin, gi)
            family = builder.build()
            ImportedFile.objects.create(
                digest=digest,
                transfer=envelope["transfer"],
                family_number=family.pk,
                organization=admin.organization,
                imported_by=admin.user,
                operator=operator[:150],
            )
            from samenplan.audit.actions import event_record

            event_record(
                actor=admin.user,
                family=family,
                action="create",
                data="family",
                obj=family,
                detail="moving file",
            )
    except IntegrityError:
        if ImportedFile.objects.filter(digest=digest).exists():
            # The same file, read in at the same moment by someone else.
            raise ImportRefused(_("Dit bestand is al ingelezen.")) from None
        raise ImportRefused(
            _("De gegevens in het bestand passen niet bij elkaar. Er is niets ingelezen.")
        ) from None
    return family, builder.invited


def _messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)[:300]


class _Builder:
    """Turns the content of a moving file into new rows, checking every field."""

    def __init__(self, content, admin, gi):
        if not isinstance(content, dict):
            raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
        self.content = content
        self.admin = admin
        self.gi = gi
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)
        self.users: dict[int, int] = {}
        self.later: list[tuple] = []  # (model, new pk, attname, target label, old id)
        self.links: list[tuple] = []  # (model, new pk, m2m field, old ids)
        self.invited = 0

    def refuse(self, where: str, what) -> ImportRefused:
        return ImportRefused(
            _("Een gegeven in het bestand klopt niet (%(where)s): %(what)s")
            % {"where": where[:80], "what": str(what)[:300]}
        )

    # -- the parts ------------------------------------------------------------------

    def build(self) -> Family:
        try:
            family_data = self.content["family"]
            people = self.content["people"]
            seats = self.content["seats"]
            parts = self.content["models"]
        except KeyError:
            raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan.")) from None
        if not all(
            isinstance(x, t)
            for x, t in ((family_data, dict), (people, dict), (seats, list), (parts, dict))
        ):
            raise ImportRefused(_("Dit is geen verhuisbestand van Samenplan."))
        if sum(len(rows) if isinstance(rows, list) else 0 for rows in parts.values()) > MAX_ROWS:
            raise ImportRefused(_("Het bestand heeft te veel regels."))
        self.by_label = {_label(m): m for m in family_models()}
        for label, rows in parts.items():
            if label not in self.by_label or label in LEFT_BEHIND or not isinstance(rows, list):
                raise ImportRefused(
                    _("Onbekend onderdeel in het bestand: %(part)s") % {"part": str(label)[:60]}
                )
        self.family = self._family(family_data)
        self._people(people)
        for model in family_models():
            label = _label(model)
            if label == "families.participant":
                self._seats(seats, people)
            elif label not in LEFT_BEHIND:
                for row in parts.get(label, []):
                    self._row(model, label, row)
        self._fill_in()
        self._invite_organization()
        return self.family

    def _family(self, data: dict) -> Family:
        unknown = set(data) - set(FAMILY_FIELDS)
        if unknown:
            raise self.refuse("family", ", ".join(sorted(unknown)))
        family = Family(
            organization=self.admin.organization, gi=self.gi, started_by=self.admin.user
        )
        for key in FAMILY_FIELDS:
            if key in data:
                setattr(family, key, self._value(Family._meta.get_field(key), data[key], key))
        if family.legal_framework == Family.Framework.VOLUNTARY:
            family.gi = None
        models.Model.save(family, force_insert=True)
        return family

    def _people(self, people: dict) -> None:
        from samenplan.accounts.models import User

        tag = uuid.uuid4().hex[:8]
        for index, (old_id, person) in enumerate(sorted(people.items())):
            if not isinstance(person, dict) or set(person) - {"name", "email"}:
                raise self.refuse("people", _("onbekend veld"))
            name = self._value(User._meta.get_field("name"), person.get("name", ""), "people.name")
            history = User(email=f"{tag}-{index}@{HISTORY_DOMAIN}", name=name, is_active=False)
            history.set_unusable_password()
            history.save()
            self.users[self._int(old_id, "people")] = history.pk

    def _seats(self, seats: list, people: dict) -> None:
        """Seats come back ended, as history: who wrote and scored what. The family and
        its network are invited afresh; no professional gets a seat or an account."""
        from django.core.validators import validate_email

        now = timezone.now()
        allowed = {"id", "user", "role", "member", "relation_label", "active_from", "active"}
        for seat in seats:
            if not isinstance(seat, dict) or set(seat) - allowed:
                raise self.refuse("seats", _("onbekend veld"))
            role = seat.get("role")
            if role not in Participant.Role.values:
                raise ImportRefused(
                    _("Onbekende rol in het bestand: %(role)s") % {"role": str(role)[:30]}
                )
            member = self._ref("families.member", seat.get("member"), "seats.member")
            field = Participant._meta.get_field
            row = Participant(
                family=self.family,
                user_id=self._user(seat.get("user"), "seats.user"),
                role=role,
                member_id=member,
                relation_label=self._value(
                    field("relation_label"), seat.get("relation_label", ""), "seats"
                ),
                active_from=self._value(field("active_from"), seat.get("active_from"), "seats"),
                active_to=now,
            )
            models.Model.save(row, force_insert=True)
            self._remember("families.participant", seat.get("id"), row.pk)
            email = (people.get(str(seat.get("user"))) or {}).get("email")
            if seat.get("active") is True and role in INVITED_ROLES and email:
                if not isinstance(email, str) or len(email) > 254:
                    raise self.refuse("people.email", email)
                try:
                    validate_email(email)
                except ValidationError as error:
                    raise self.refuse("people.email", _messages(error)) from None
                self._invite(row, email)

    def _invite(self, seat: Participant, email: str) -> None:
        from samenplan.accounts.models import User
        from samenplan.families.actions import _mail_news, account_for_email

        email = email.strip().lower()
        if User.objects.filter(email__iexact=email, professional__isnull=False).exists():
            # A work address here: this person is invited by hand, not by the file.
            return
        if (
            seat.member_id is not None
            and seat.role
            in (
                Participant.Role.PARENT,
                Participant.Role.YOUTH,
            )
            and Invitation.objects.filter(family=self.family, member_id=seat.member_id).exists()
        ):
            return
        name = seat.user.name if seat.user_id else ""
        language = account_for_email(email=email, name=name).language
        Invitation.objects.create(
            family=self.family,
            email=email,
            name=name,
            role=seat.role,
            member_id=seat.member_id,
            relation_label=seat.relation_label,
            invited_by=self.admin.user,
        )
        self.invited += 1
        transaction.on_commit(lambda: _mail_news(email, language))

    def _invite_organization(self) -> None:
        Invitation.objects.create(
            family=self.family,
            email="",
            name=self.admin.organization.name,
            role=Participant.Role.PROFESSIONAL,
            organization=self.admin.organization,
            invited_by=self.admin.user,
        )

    def _row(self, model, label: str, row) -> None:
        if not isinstance(row, dict):
            raise self.refuse(label, _("geen regel"))
        concrete = {f.name: f for f in model._meta.concrete_fields}
        links = {f.name: f for f in model._meta.many_to_many}
        unknown = set(row) - set(concrete) - set(links) - {"id"}
        if unknown or "family" in row:
            raise self.refuse(label, ", ".join(sorted(map(str, unknown))) or "family")
        values = {"family": self.family}
        pending = []
        for name, field in concrete.items():
            if name in ("id", "family") or name not in row:
                continue
            where = f"{label}.{name}"
            value = row[name]
            if not field.is_relation:
                values[field.attname] = self._value(field, value, where)
                continue
            target = _label(field.related_model)
            if value is None:
                if not field.null:
                    raise self.refuse(where, _("mag niet leeg zijn"))
                values[field.attname] = None
            elif field.related_model is Family:
                values[field.attname] = self.family.pk
            elif target == "accounts.user":
                values[field.attname] = self._user(value, where)
            elif target not in self.by_label:
                # An organisation, or anything else outside the family: not brought along.
                if not field.null:
                    raise self.refuse(where, _("verwijst naar iets buiten het gezin"))
                values[field.attname] = None
            elif self._int(value, where) in self.ids[target]:
                values[field.attname] = self.ids[target][self._int(value, where)]
            elif field.null:
                values[field.attname] = None
                pending.append((field.attname, target, self._int(value, where)))
            else:
                raise self.refuse(where, _("verwijst naar iets wat niet in het bestand staat"))
        soft = SOFT_REFERENCES.get(label)
        if soft is not None:
            type_field, id_field = soft
            target = _soft_target(type_field, str(row.get(type_field) or ""))
            old = row.get(id_field)
            if target == "families.family":
                values[id_field] = self.family.pk
            elif target is not None and old is not None:
                values[id_field] = self.ids[target].get(self._int(old, label))
            elif model._meta.get_field(id_field).null:
                # Points at something that did not travel: it points at nothing here.
                values[id_field] = None
            else:
                return  # about something that stayed behind (a revision of a consent)
        obj = model(**values)
        # These are new rows: bypass the append-only checks of save().
        models.Model.save(obj, force_insert=True)
        self._remember(label, row.get("id"), obj.pk)
        self.later += [(model, obj.pk, *item) for item in pending]
        for name, field in links.items():
            if label == "families.privateitem":
                continue  # shared with seats that stayed behind: shared again here
            old_ids = row.get(name, [])
            if not isinstance(old_ids, list):
                raise self.refuse(f"{label}.{name}", _("geen lijst"))
            self.links.append((model, obj.pk, field, old_ids))

    def _fill_in(self) -> None:
        for model, pk, attname, target, old in self.later:
            new = self.ids[target].get(old)
            if new is None:
                raise self.refuse(target, _("een verwijzing klopt niet"))
            model._default_manager.filter(pk=pk).update(**{attname: new})
        for model, pk, field, old_ids in self.links:
            target = _label(field.related_model)
            new = [self.ids[target].get(self._int(i, target)) for i in old_ids]
            if None in new:
                raise self.refuse(target, _("een verwijzing klopt niet"))
            getattr(model._default_manager.get(pk=pk), field.name).set(new)

    # -- one value ------------------------------------------------------------------

    def _int(self, value, where: str) -> int:
        if isinstance(value, bool):
            raise self.refuse(where, _("geen nummer"))
        try:
            return int(value)
        except (TypeError, ValueError):
            raise self.refuse(where, _("geen nummer")) from None

    def _remember(self, label: str, old, new: int) -> None:
        old = self._int(old, label)
        if old in self.ids[label]:
            raise self.refuse(label, _("hetzelfde nummer staat er twee keer in"))
        self.ids[label][old] = new

    def _ref(self, target: str, old, where: str):
        if old is None:
            return None
        new = self.ids[target].get(self._int(old, where))
        if new is None:
            raise self.refuse(where, _("een verwijzing klopt niet"))
        return new

    def _user(self, old, where: str) -> int:
        new = self.users.get(self._int(old, where))
        if new is None:
            raise self.refuse(where, _("onbekende persoon"))
        return new

    def _value(self, field, value, where: str):
        """One field's value, checked as the model's own validation would."""
        from samenplan.lib.forms import is_unsafe

        if value is None:
            if not field.null:
                raise self.refuse(where, _("mag niet leeg zijn"))
            return None
        if is_unsafe(value) or (isinstance(value, (dict, list)) and is_unsafe(json.dumps(value))):
            raise self.refuse(where, _("onleesbaar teken"))
        try:
            value = field.to_python(value)
            if field.choices and str(value) not in {str(k) for k, _v in field.flatchoices} | {""}:
                raise ValidationError(_("onbekende keuze: %(value)s") % {"value": str(value)[:30]})
            if field.choices and value == "" and not field.blank:
                raise ValidationError(_("mag niet leeg zijn"))
            field.run_validators(value)
        except (ValidationError, TypeError, ValueError, OverflowError) as error:
            what = _messages(error) if isinstance(error, ValidationError) else _("onleesbaar")
            raise self.refuse(where, what) from None
        if isinstance(value, str) and field.max_length and len(value) > field.max_length:
            # A TextField's max_length is not a validator; it is our limit all the same.
            raise self.refuse(where, _("te lang"))
        return value
