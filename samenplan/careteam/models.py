"""Wie zit er aan tafel: role cards, the coordinator, the size of the table per
phase, meetings the family confirms, safety scenarios, report-backs and the
directory of independent client support.

Every family row carries ``family_id``. Nothing is deleted: a role card or a
meeting summary that changes gets a new version; choices about the size of
the table and changes of coordinator are kept as rows.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class RoleCard(models.Model):
    """A professional introduces themselves to the family, in plain words."""

    PARTS = ("work", "my_part", "authority", "on_worry", "needs", "ending", "reachability")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    participant = models.OneToOneField(
        "families.Participant", on_delete=models.PROTECT, related_name="role_card"
    )
    work = models.TextField(_("Zo ziet mijn werk er concreet uit"), max_length=1500, blank=True)
    help_question = models.ForeignKey(
        "plan.HelpQuestion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    my_part = models.TextField(
        _("Aan welk deel van jullie hulpvraag werk ik?"), max_length=1000, blank=True
    )
    authority = models.TextField(
        _("Wat mag ik beslissen, in mijn functie en mijn organisatie?"),
        max_length=1000,
        blank=True,
    )
    on_worry = models.TextField(
        _("Wat doe ik als ik me zorgen maak over de ontwikkeling of de veiligheid?"),
        max_length=1500,
        blank=True,
    )
    needs = models.TextField(
        _("Wat heb ik nodig van jullie en van de andere professionals?"),
        max_length=1000,
        blank=True,
    )
    ending = models.TextField(_("Wanneer stop ik?"), max_length=1000, blank=True)
    reachability = models.TextField(
        _("Hoe en wanneer ben ik bereikbaar?"), max_length=500, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("rolkaart")
        verbose_name_plural = _("rolkaarten")

    def __str__(self):
        return f"{self.participant_id}"

    def missing_parts(self) -> list[str]:
        return [part for part in self.PARTS if not getattr(self, part).strip()]

    @property
    def is_complete(self) -> bool:
        return not self.missing_parts()


class CoordinatorChange(models.Model):
    """Who became the coordinator, when, and who chose."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, related_name="+"
    )
    previous = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["family", "-at"])]

    def __str__(self):
        return f"{self.previous_id} → {self.participant_id}"


class PhaseNeed(models.Model):
    """Per phase, which professional the family needs at the table, and why."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("Fase"), max_length=20)
    participant = models.ForeignKey(
        "families.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Wie?"),
    )
    who = models.CharField(
        _("Of: wie nog niet aan tafel zit"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: schoolmaatschappelijk werk."),
    )
    why = models.CharField(_("Waarom is deze persoon nodig?"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "phase"])]

    def __str__(self):
        return f"{self.phase}: {self.who or self.participant_id}"


class TableChoice(models.Model):
    """The family chose, knowingly, about a table larger than its maximum."""

    class Choice(models.TextChoices):
        MORE = "more", _("Toch erbij: we kiezen voor meer professionals aan tafel")
        KEEP_SMALL = "keep_small", _("Niet erbij: we houden de tafel klein")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    about = models.CharField(_("Over wie"), max_length=200)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="choices"
    )
    choice = models.CharField(_("Wat kiezen jullie?"), max_length=12, choices=Choice.choices)
    reason = models.CharField(_("Waarom?"), max_length=500, blank=True)
    count = models.PositiveSmallIntegerField(help_text="Professionals at the table after it.")
    limit = models.PositiveSmallIntegerField()
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["family", "-at"])]

    def __str__(self):
        return f"{self.about}: {self.choice}"


class Meeting(models.Model):
    """Overleg: planned with the family, in a place the family chooses."""

    class Place(models.TextChoices):
        HOME = "thuis", _("Thuis")
        ELSEWHERE = "elders", _("Ergens anders")
        ONLINE = "online", _("Online")

    class Summary(models.TextChoices):
        NONE = "none", _("nog geen verslag")
        WAITING = "waiting", _("wacht op het gezin")
        CONFIRMED = "confirmed", _("het gezin zegt: dit klopt")
        CORRECTED = "corrected", _("het gezin heeft het verbeterd")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("Wanneer?"))
    minutes = models.PositiveSmallIntegerField(_("Hoe lang (minuten)?"), default=60)
    place_kind = models.CharField(
        _("Waar?"), max_length=10, choices=Place.choices, default=Place.HOME
    )
    place = models.CharField(
        _("Adres of link"),
        max_length=300,
        blank=True,
        help_text=_("Kies een plek waar het gezin zich veilig voelt."),
    )
    phase = models.CharField(_("Fase"), max_length=20)
    invited = models.ManyToManyField(
        "families.Participant", related_name="+", verbose_name=_("Wie zijn er bij?")
    )
    guests = models.CharField(
        _("Gasten zonder account"),
        max_length=300,
        blank=True,
        help_text=_("Eén per regel: naam, en 'professional' als het een professional is."),
    )
    guest_professionals = models.PositiveSmallIntegerField(
        _("Hoeveel van de gasten zijn professional?"), default=0
    )
    notes = models.TextField(_("Aantekeningen"), max_length=5000, blank=True)
    summary = models.TextField(_("Verslag in gewone woorden"), max_length=3000, blank=True)
    summary_status = models.CharField(max_length=10, choices=Summary.choices, default=Summary.NONE)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    correction = models.TextField(_("Wat klopt er niet?"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("Waarom gaat het niet door?"), max_length=300, blank=True)
    # The last move or cancellation: who, when, and the time it was at before.
    # Everyone invited is told about it for a week (careteam/waiting.py).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    moved_from = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["family", "starts_at"])]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    def is_past(self, now=None) -> bool:
        return self.starts_at < (now or timezone.now())


class AgendaItem(models.Model):
    """A point for the agenda. The family's points come first."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    text = models.CharField(_("Wat wil je bespreken?"), max_length=300)
    by_family = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-by_family", "created_at", "id"]

    def __str__(self):
        return self.text


class SafetyScenario(models.Model):
    """ "Als … dan …": what happens when worries about safety grow."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    if_text = models.TextField(_("Als …"), max_length=1000)
    then_text = models.TextField(_("… dan"), max_length=2000)
    who_informs = models.TextField(_("Wie vertelt het aan wie?"), max_length=1000, blank=True)
    family_can_do = models.TextField(_("Wat kan het gezin zelf doen?"), max_length=1000, blank=True)
    concerned = models.ManyToManyField(
        "families.Participant", related_name="+", verbose_name=_("Wie spreken dit samen af?")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("veiligheidsafspraak")
        verbose_name_plural = _("veiligheidsafspraken")

    def __str__(self):
        return self.if_text[:60]


class SafetySign(models.Model):
    """Someone concerned answers a safety scenario: "ja", "ja, als…" or "nee".

    One answer per person per version: a changed scenario asks everyone again.
    """

    class Answer(models.TextChoices):
        YES = "yes", _("Ja, zo spreken we het af")
        YES_IF = "yes_if", _("Ja, als…")
        NO = "no", _("Nee")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    scenario = models.ForeignKey(SafetyScenario, on_delete=models.CASCADE, related_name="signs")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.YES)
    reason = models.CharField(max_length=300, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "participant", "version"], name="one_safety_sign_each"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} {self.answer} {self.scenario_id}"


class ReportBack(models.Model):
    """Terugkoppeling: what a professional reports back, to whom, how often."""

    class Audience(models.TextChoices):
        FAMILY = "family", _("Alleen het gezin en de zorgcoördinator")
        TABLE = "table", _("Iedereen aan tafel")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, related_name="+"
    )
    what = models.CharField(_("Wat koppel ik terug?"), max_length=300)
    to_whom = models.CharField(_("Aan wie?"), max_length=200)
    every_weeks = models.PositiveSmallIntegerField(_("Om de hoeveel weken?"), default=4)
    next_due = models.DateField(_("Wanneer de eerste keer?"))
    last_done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Who reads what is reported; the family chooses (careteam.actions).
    audience = models.CharField(
        _("Wie mag lezen wat er teruggekoppeld wordt?"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.FAMILY,
    )
    version = models.PositiveIntegerField(default=1)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["next_due", "id"]
        indexes = [models.Index(fields=["family", "next_due"])]

    def __str__(self):
        return self.what


class ReportQuerySet(FamilyQuerySet):
    def rules(self, queryset, access):
        # What is reported reaches the family, the coordinator and the one who
        # wrote it; everyone at the table only when the family chose so.
        if access.role in ("parent", "youth") or access.participant.is_coordinator:
            return queryset
        return queryset.filter(
            models.Q(report_back__audience=ReportBack.Audience.TABLE)
            | models.Q(author_id=access.user.pk)
        )


class Report(models.Model):
    """One report-back: what was reported, and that the family or coordinator received it.

    A critical one (a worry about safety) that nobody confirmed within one
    working day shows in red for the coordinator.
    """

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    report_back = models.ForeignKey(ReportBack, on_delete=models.PROTECT, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Wat koppel je terug?"), max_length=2000)
    critical = models.BooleanField(
        _("Het gaat over zorgen om veiligheid"),
        default=False,
        help_text=_("Dan ziet de zorgcoördinator het in het rood tot iemand het ontvangen heeft."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "-created_at"])]

    def __str__(self):
        return self.text[:60]

    def receipt_due(self):
        """One working day after it was sent (weekends do not count)."""
        due = timezone.localtime(self.created_at) + timedelta(days=1)
        while due.weekday() >= 5:
            due += timedelta(days=1)
        return due

    def is_unanswered_alarm(self, now=None) -> bool:
        return (
            self.critical
            and self.received_at is None
            and (now or timezone.now()) >= self.receipt_due()
        )

    def is_overdue(self, today=None) -> bool:
        return self.ended_at is None and self.next_due < (today or timezone.localdate())


class SupportService(models.Model):
    """Independent support a family can call on: not family data, one list per municipality."""

    class Kind(models.TextChoices):
        CLIENT_SUPPORT = "clientondersteuning", _("cliëntondersteuning")
        CONFIDANT = "vertrouwenspersoon", _("vertrouwenspersoon")
        EXPERIENCE = "ervaringsdeskundige", _("ervaringsdeskundige")
        BUDDY = "buddy", _("buddy")

    municipality = models.CharField(_("Gemeente"), max_length=100)
    kind = models.CharField(_("Soort steun"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("Naam"), max_length=200)
    description = models.TextField(_("Wat doen zij?"), max_length=1000)
    phone = models.CharField(_("Telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    hours = models.CharField(_("Wanneer bereikbaar?"), max_length=200, blank=True)
    contact = models.ForeignKey(
        "accounts.Professional",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Een cliëntondersteuner met een account: het gezin kan hem of haar uitnodigen."
        ),
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["municipality", "kind", "name"]
        verbose_name = _("onafhankelijke steun")
        verbose_name_plural = _("onafhankelijke steun")

    def __str__(self):
        return f"{self.name} ({self.municipality})"
