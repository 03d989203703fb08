from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.dates import age_on
from samenplan.lib.visibility import PRIVATE_KINDS, FamilyQuerySet


class Family(models.Model):
    """The root of one shared plan: één gezin, één plan."""

    class Phase(models.TextChoices):
        EXPLORE = "in_kaart", _("In kaart brengen")
        PLAN = "plan", _("Plan maken")
        DECIDE = "beslissen", _("Beslissen")
        HELP = "hulp", _("Hulp")
        EVALUATE = "evalueren", _("Evalueren")
        CLOSE = "afsluiten", _("Afsluiten")

    class Framework(models.TextChoices):
        VOLUNTARY = "vrijwillig", _("Vrijwillig")
        SUPERVISION = "ots", _("Ondertoezichtstelling (OTS)")
        GUARDIANSHIP = "voogdij", _("Voogdij")
        PROBATION = "jeugdreclassering", _("Jeugdreclassering")
        OTHER = "anders", _("Ander gedwongen kader")

    name = models.CharField(_("Naam van het gezin"), max_length=120)
    # Raised by every write of the family's data, in the write's transaction
    # (the audit layer does it with the write's log row): a page kept in the
    # cache under an older number is never shown again.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    phase = models.CharField(_("Fase"), max_length=20, choices=Phase.choices, default=Phase.EXPLORE)
    professional_limit = models.PositiveSmallIntegerField(
        _("Hoeveel professionals aan tafel"), default=3
    )
    legal_framework = models.CharField(
        _("Kader"), max_length=20, choices=Framework.choices, default=Framework.VOLUNTARY
    )
    municipality = models.CharField(
        _("Gemeente"),
        max_length=100,
        blank=True,
        help_text=_("Voor de lijst met onafhankelijke steun in de buurt."),
    )
    # The organisation that answers for the file: its privacy officer handles
    # requests to destroy it. The starter's organisation, or the first one the
    # family invites; a move changes it.
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("Verantwoordelijke organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # In a measure (OTS, voogdij, jeugdreclassering) the certified institution
    # that carries it out; only it closes the family.
    gi = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("Gecertificeerde instelling (GI)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    help_question_check_weeks = models.PositiveSmallIntegerField(
        _("Na hoeveel weken vragen we: klopt de hulpvraag nog?"), default=8
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("families:home", args=[self.pk])

    @property
    def in_measure(self) -> bool:
        """A child protection measure or juvenile probation: a judge's decision, not a choice."""
        return self.legal_framework != self.Framework.VOLUNTARY


class Member(models.Model):
    """A person who belongs to the family: a parent, a carer or a child."""

    class Relation(models.TextChoices):
        MOTHER = "moeder", _("moeder")
        FATHER = "vader", _("vader")
        PARENT = "ouder", _("ouder")
        CARER = "verzorger", _("verzorger")
        FOSTER_PARENT = "pleegouder", _("pleegouder")
        STEP_PARENT = "stiefouder", _("stiefouder")
        CHILD = "kind", _("kind")

    PARENT_RELATIONS = ("moeder", "vader", "ouder", "verzorger", "pleegouder", "stiefouder")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("Naam"), max_length=150)
    birth_date = models.DateField(_("Geboortedatum"), null=True, blank=True)
    relation = models.CharField(_("Wie is dit"), max_length=20, choices=Relation.choices)
    sex = models.CharField(
        _("Man of vrouw?"),
        max_length=1,
        choices=[("v", _("vrouw")), ("m", _("man")), ("x", _("anders")), ("", _("onbekend"))],
        blank=True,
        help_text=_("Voor de stamboom (genogram)."),
    )
    has_authority = models.BooleanField(_("Heeft gezag"), default=False)
    lives_in_household = models.BooleanField(_("Woont in het gezin"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["family", "birth_date", "id"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self):
        return self.name

    @property
    def is_child(self) -> bool:
        return self.relation == self.Relation.CHILD

    def age(self, on: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        return age_on(self.birth_date, on or timezone.localdate())


class ParticipantQuerySet(FamilyQuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(active_from__lte=at).filter(
            models.Q(active_to__isnull=True) | models.Q(active_to__gt=at)
        )


class Participant(models.Model):
    """A user at the family's table, in one role, for a period of time."""

    class Role(models.TextChoices):
        PARENT = "parent", _("ouder")
        YOUTH = "youth", _("jongere")
        NETWORK = "network", _("netwerk")
        PROFESSIONAL = "professional", _("professional")
        CLIENT_SUPPORTER = "client_supporter", _("cliëntondersteuner")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("Rol"), max_length=20, choices=Role.choices)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        help_text=_("Voor ouders en jongeren: wie in het gezin dit is."),
    )
    relation_label = models.CharField(
        _("Relatie met het gezin"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: oma, buurvrouw, trainer."),
    )
    organization_name = models.CharField(max_length=200, blank=True)
    is_coordinator = models.BooleanField(_("Zorgcoördinator"), default=False)
    active_from = models.DateTimeField(default=timezone.now)
    active_to = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["family", "active_from", "id"]
        indexes = [models.Index(fields=["user", "family"])]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.active_from <= at and (self.active_to is None or self.active_to > at)

    @property
    def has_authority(self) -> bool:
        return self.member is not None and self.member.has_authority

    @property
    def needs_consent(self) -> bool:
        """People outside the family's core see family data only with consent."""
        if self.role in (self.Role.PROFESSIONAL, self.Role.NETWORK, self.Role.CLIENT_SUPPORTER):
            return True
        return self.role == self.Role.PARENT and not self.has_authority


class Invitation(models.Model):
    """An invitation to take a seat at the family's table.

    The invited person logs in with their e-mail address and finds the
    invitation on "Mijn gezinnen"; no secret travels in a link.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op antwoord")
        ACCEPTED = "accepted", _("aangenomen")
        DECLINED = "declined", _("afgewezen")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="invitations")
    # Empty while an invited organisation has not yet chosen who comes.
    email = models.EmailField(_("E-mailadres"), blank=True)
    name = models.CharField(_("Naam"), max_length=150)
    role = models.CharField(_("Rol"), max_length=20, choices=Participant.Role.choices)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    relation_label = models.CharField(_("Relatie met het gezin"), max_length=100, blank=True)
    message = models.TextField(_("Persoonlijk bericht"), max_length=1000, blank=True)
    # A family may invite an organisation instead of a person: its admin
    # chooses who comes, and that person accepts like anyone invited.
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("Organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["email", "status"])]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        # Kept in lower case, so that "my invitations" is an exact match on the
        # (email, status) index rather than a case-blind scan.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class ConsentQuerySet(FamilyQuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """One person's permission that a participant may see the family's data.

    ``member`` is the family member whose say it is (a parent with authority
    or a youth of 12+); ``given_by`` is the user who clicked. A participant's
    consent is complete when every member who has a say has an active row.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="consents_given")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["family", "given_at", "id"]
        indexes = [models.Index(fields=["family", "participant"])]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.member} → {self.participant}"


class ConsentExclusion(models.Model):
    """A part of the plan a participant may not see: the scope of their consent.

    Consent covers the whole plan minus these parts. ``kind`` names what is
    left out — a kind that a feature registered with the visibility layer
    (``"goal"``, ``"decision"``, ``"family_plan"``) — with ``object_id`` for
    one item, or empty for all of that kind. Each consent giver (``member``)
    keeps their own exclusions; what the participant sees is the whole plan
    minus the union of everyone's. A row is never deleted: taking an
    exclusion back sets ``removed_at``.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12)
    object_id = models.BigIntegerField(null=True, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["participant", "removed_at"])]

    def __str__(self):
        return f"{self.participant_id} ✗ {self.kind} {self.object_id}"


EMERGENCY_HOURS = 24


class EmergencyAccess(models.Model):
    """Noodtoegang: a professional with a safety mandate opens a family without consent.

    Only with a written reason, read-only, for 24 hours. The family is told and
    sees it in red in its access log; the organisation admin sees a report.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    reason = models.TextField(_("Waarom is noodtoegang nodig?"), max_length=2000)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["participant", "expires_at"])]
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegang")

    def __str__(self):
        return f"{self.participant_id} {self.started_at:%Y-%m-%d %H:%M}"

    def is_active(self, at=None) -> bool:
        return self.started_at <= (at or timezone.now()) < self.expires_at


class ClosingCriterion(models.Model):
    """ "Wanneer zijn we klaar?": agreed at the start, looked at when closing.

    A professional's criterion is a draft until the family agrees to it; the
    family's own are agreed at once. Changing the text or saying it is met
    is a new version; a criterion is never deleted, only ended.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("voorstel")
        AGREED = "agreed", _("afgesproken")
        REMOVED = "removed", _("weggehaald")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("We zijn klaar als …"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AGREED)
    met = models.BooleanField(_("Dit is gelukt"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text


class ClosingAnswer(models.Model):
    """Someone's answer to "Kunnen jullie zelf verder?"."""

    class Answer(models.TextChoices):
        YES = "yes", _("Ja, we kunnen zelf verder")
        ALMOST = "almost", _("Bijna, nog even")
        NO = "no", _("Nee, nog niet")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(
        _("Kunnen jullie zelf verder?"), max_length=10, choices=Answer.choices
    )
    note = models.CharField(_("Wil je er iets over zeggen?"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.participant_id}: {self.answer}"


class ContinuePlan(models.Model):
    """ "Zo gaan we zelf verder": written and confirmed by the family before closing."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="continue_plan")
    what_works = models.TextField(_("Wat blijven we doen, omdat het werkt?"), max_length=2000)
    who_helps = models.TextField(_("Wie uit ons netwerk helpt ons?"), max_length=2000, blank=True)
    whom_to_call = models.TextField(
        _("Wie bellen we als het weer moeilijk wordt?"), max_length=1000, blank=True
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    def __str__(self):
        return self.what_works[:60]


class DestructionRequestQuerySet(FamilyQuerySet):
    def open(self):
        return self.filter(status__in=DestructionRequest.OPEN)


class DestructionRequest(models.Model):
    """The family asks to destroy its data before the legal term ends.

    The organisation's privacy officer answers within a month (AVG art. 12(3)),
    which may be extended by two months with a reason the family reads. The
    law (Jeugdwet art. 7.3.9) lets a parent or a youth of 12+ ask, and lets
    the organisation refuse when keeping the file serves someone else's
    substantial interest or another law. Destroying needs a second person to
    confirm (``decided_by`` then ``confirmed_by``); a refusal carries its reason.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op antwoord")
        CHECKING = "checking", _("wacht op een tweede persoon")
        REFUSED = "refused", _("geweigerd")
        DONE = "done", _("uitgevoerd")

    OPEN = (Status.PENDING, Status.CHECKING)

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("Waarom willen jullie dit?"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answer_before = models.DateField()
    extended_because = models.TextField(
        _("Waarom is er meer tijd nodig?"), max_length=1000, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Who decided (and when); for destruction, who confirmed as the second person.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    basis = models.TextField(_("Op grond waarvan?"), max_length=1000, blank=True)
    refusal = models.TextField(_("Waarom kan het niet?"), max_length=1000, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = DestructionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.family_id}: {self.status}"


class DestructionRecord(models.Model):
    """What was destroyed, when, on what basis, and who decided and confirmed.

    Kept after the family is gone, in the audit trail. No personal data of the
    family: its number, dates, the framework, counts. The people named are the
    organisation's staff (or the operator who ran the retention command).
    """

    family_number = models.BigIntegerField()
    closed_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=20)  # "retention" or "request"
    basis = models.CharField(max_length=300, blank=True)
    framework = models.CharField(max_length=20, blank=True)
    organization = models.CharField(max_length=200, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    confirmed_by = models.CharField(max_length=150, blank=True)
    operator = models.CharField(max_length=150, blank=True)
    accounts_removed = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=dict)

    class Meta:
        ordering = ["-destroyed_at", "-id"]

    def __str__(self):
        return f"{self.family_number} {self.destroyed_at:%Y-%m-%d}"


REOPEN_DAYS = 30


class ClosingQuerySet(FamilyQuerySet):
    def current(self):
        return self.filter(reopened_at__isnull=True).order_by("-closed_at", "-id")


class Closing(models.Model):
    """One closing of the family's help, and its reopening if the family went on.

    ``ended`` lists the seats that closing ended, so that "we willen toch
    verder" within ``REOPEN_DAYS`` brings back the same table. In a measure
    the GI closes, with the legal basis; the family's answers stand beside it.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    framework = models.CharField(max_length=20)
    legal_basis = models.TextField(_("Wettelijke grond"), max_length=2000, blank=True)
    ended = models.JSONField(default=list)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ClosingQuerySet.as_manager()

    class Meta:
        ordering = ["-closed_at", "-id"]

    def __str__(self):
        return f"{self.family_id} {self.closed_at:%Y-%m-%d}"


# How long the signed moving file can be downloaded after everyone said yes.
MOVE_FILE_DAYS = 30


class Move(models.Model):
    """The family moves: to another organisation here, or to another Samenplan.

    Every consent giver agrees in the app (``MoveAnswer``); on the last yes a
    move within this Samenplan ends the old professionals' seats and invites
    the new organisation; a move to another Samenplan opens the signed
    moving file for download.
    """

    class Kind(models.TextChoices):
        ORGANIZATION = "organisatie", _("Naar een andere organisatie in Samenplan")
        INSTALLATION = "bestand", _("Naar een andere Samenplan (met een verhuisbestand)")

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op ja van iedereen")
        DONE = "done", _("afgesproken")
        CANCELLED = "cancelled", _("gestopt")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Waarheen?"), max_length=12, choices=Kind.choices)
    to_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("Nieuwe organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_municipality = models.CharField(_("Nieuwe gemeente"), max_length=100, blank=True)
    reason = models.TextField(_("Waarom?"), max_length=1000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.family_id} → {self.to_organization_id or self.kind}"


class MoveAnswer(models.Model):
    """One consent giver's answer to a move, about the version they saw."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    move = models.ForeignKey(Move, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agrees = models.BooleanField()
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.member_id}: {'ja' if self.agrees else 'nee'}"


class PrivateItemQuerySet(FamilyQuerySet):
    def rules(self, queryset, access):
        # A mark on an item someone may not see is itself not shown to them.
        for label in PRIVATE_KINDS:
            hidden = access.hidden(label)
            if hidden:
                queryset = queryset.exclude(item_type=label, item_id__in=hidden)
        return queryset


class PrivateItem(models.Model):
    """An item a youth of 12+ keeps to themselves and the people they choose.

    One mechanism for every kind of item (a goal, a step, a success, a future
    picture, a view on a decision): ``item_type`` is the model's label
    (``"plan.goal"``), ``item_id`` its row. Everything attached to the item
    (steps of a goal, scores, timeline lines, log lines) is hidden with it by
    the visibility layer. Making an item visible again ends the row.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    item_type = models.CharField(max_length=50)
    item_id = models.BigIntegerField()
    owner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    shared_with = models.ManyToManyField(Participant, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = PrivateItemQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id"],
                condition=models.Q(ended_at__isnull=True),
                name="one_private_mark_per_item",
            )
        ]

    def __str__(self):
        return f"{self.item_type} {self.item_id} (private)"


class RevisionQuerySet(FamilyQuerySet):
    refers_to = ("item_type", "item_id")


class Revision(models.Model):
    """A saved version of an editable row: nothing is silently overwritten.

    ``item_type`` is the model name (``"goal"``, ``"member"``), ``item_id`` the
    row; ``data`` holds the row as it was saved at ``version``.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    item_type = models.CharField(max_length=30)
    item_id = models.BigIntegerField()
    version = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Why this version was made, where the change asks for it (authority).
    note = models.CharField(max_length=500, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["item_type", "item_id", "version"]
        indexes = [models.Index(fields=["family", "item_type", "item_id"])]

    def __str__(self):
        return f"{self.item_type} {self.item_id} v{self.version}"


class SubmittedForm(models.Model):
    """A create form that was saved: its one-time token and what it made.

    A double click or a Back-and-resubmit sends the same token again; the
    second time nothing new is made and the person is told so.
    """

    token = models.CharField(max_length=64, unique=True)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    item_type = models.CharField(max_length=30, blank=True)
    item_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.token


class WaitingItemQuerySet(FamilyQuerySet):
    # Worked out from the rest of the file; never exported or moved.
    derived = True

    def rules(self, queryset, access):
        # Each person's list was made through their own eyes: nobody reads another's.
        return queryset.filter(participant_id=access.participant.pk)


class WaitingItem(models.Model):
    """Something one person at the table can do now ("Wacht op jou").

    Made by ``families.waiting.refresh`` after every change in the family and
    once a day (dates come near), through that person's own visibility, so a
    page across families reads one table. ``key`` names the request: a new key
    is a new thing to tell someone; the same key on a later refresh is not.
    """

    class Kind(models.TextChoices):
        MINE = "mine", _("voor jou")
        FAMILY = "family", _("voor het gezin")
        INFO = "info", _("om te weten")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = WaitingItemQuerySet.as_manager()

    class Meta:
        ordering = ["-late", "due", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "key"], name="one_waiting_item_per_key")
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self):
        return self.key
