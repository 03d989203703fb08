"""Samen beslissen: a decision, its options, everyone's view, how it was decided.

Every row carries ``family_id``. A decision moves open → decided → reviewed.
How it was decided is recorded honestly (``mode``): together, by the parents,
by the youth of 16+ about their own care, or — within a compulsory framework —
by a professional, the GI or the judge, always with the legal basis. The rules
about who must agree live in ``rules.py``.

Nothing is deleted. A view that changes is a new row (the newest counts); a
proposed outcome that changes gets a new ``outcome_version`` and earlier
yeses no longer count.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class DecisionQuerySet(FamilyQuerySet):
    parents = {"goal_id": "plan.goal"}


class OnDecisionQuerySet(FamilyQuerySet):
    parents = {"decision_id": "decisions.decision"}


class ArgumentQuerySet(FamilyQuerySet):
    parents = {"option__decision_id": "decisions.decision"}


class ViewQuerySet(OnDecisionQuerySet):
    owners = ("participant__member_id", "member_id")


class CheckQuerySet(OnDecisionQuerySet):
    def rules(self, queryset, access):
        # Each person's answers are their own; others see only counts. A
        # child's answers written down for them stay with the one who wrote
        # them down: the child has no account to look with.
        return queryset.filter(
            models.Q(participant_id=access.participant.pk)
            | models.Q(participant__isnull=True, written_by_id=access.user.pk)
        )

    def counts(self, access, decision, *, minimum_others: int) -> dict | None:
        """Counts per statement over everyone's answers, or None when fewer than
        ``minimum_others`` people other than the viewer answered. Only sums
        leave the database."""
        from django.db.models import Count, Q

        answers = self.filter(family_id=access.family.pk, decision=decision)
        if decision.pk in access.hidden("decisions.decision"):
            return None
        # What the viewer wrote down for a child they know already: counting it
        # as someone else's would let the rest be worked out by subtraction.
        others = (
            answers.exclude(participant_id=access.participant.pk)
            .exclude(participant__isnull=True, written_by_id=access.user.pk)
            .count()
        )
        if others < minimum_others:
            return None
        sums = {
            f"{key}_{n}": Count("id", filter=Q(**{key: n}))
            for key, _label in Check.STATEMENTS
            for n in range(1, 6)
        }
        low = Q()
        for key, _label in Check.STATEMENTS:
            low |= Q(**{f"{key}__lt": 3})
        totals = answers.aggregate(answered=Count("id"), low=Count("id", filter=low), **sums)
        return {
            "answered": totals["answered"],
            "low": bool(totals["low"]),
            "statements": {
                key: [totals[f"{key}_{n}"] for n in range(1, 6)] for key, _label in Check.STATEMENTS
            },
        }


class Decision(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        DECIDED = "decided", _("besloten")
        REVIEWED = "reviewed", _("opnieuw bekeken")

    class Mode(models.TextChoices):
        TOGETHER = "samen", _("Samen besloten")
        PARENTS = "ouders", _("Besloten door de ouders")
        YOUTH = "jongere", _("Besloten door de jongere")
        PROFESSIONAL = "professional", _("Besloten door een professional")
        GI = "gi", _("Besloten door de gecertificeerde instelling (GI)")
        JUDGE = "rechter", _("Besloten door de rechter")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    question = models.CharField(_("Wat moeten we beslissen?"), max_length=300)
    why_now = models.TextField(_("Waarom moet dit nu beslist worden?"), max_length=1000, blank=True)
    decide_by = models.DateField(_("Wanneer willen we het weten?"), null=True, blank=True)
    goal = models.ForeignKey(
        "plan.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bij welk doel hoort deze beslissing?"),
    )
    about = models.ForeignKey(
        "families.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Over wie gaat het?"),
        help_text=_("Leeg laten als het over het hele gezin gaat."),
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # The outcome: first proposed, final once everyone who must agree has agreed.
    mode = models.CharField(_("Wie beslist?"), max_length=20, choices=Mode.choices, blank=True)
    chosen = models.ForeignKey(
        "Option",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Welke keuze is het geworden?"),
    )
    outcome = models.TextField(_("Wat is er besloten?"), max_length=1000, blank=True)
    reason = models.TextField(_("Waarom?"), max_length=1000, blank=True)
    legal_basis = models.CharField(
        _("Op grond van welke wet of uitspraak?"), max_length=300, blank=True
    )
    review_on = models.DateField(_("Wanneer kijken we opnieuw?"), null=True, blank=True)
    # Hoorrecht: why the view of a child who had to be heard is not there.
    unheard_reason = models.TextField(
        _("Waarom is er geen mening van het kind of de jongere?"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Alleen nodig als een kind dat gehoord moet worden nog geen mening gaf. "
            "Bijvoorbeeld: hij wilde er niet over praten, of zij is te jong om het te begrijpen."
        ),
    )
    follow_up = models.TextField(_("Wat gaat er nu gebeuren?"), max_length=1000, blank=True)
    follow_up_owner = models.ForeignKey(
        "families.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Wie doet dat?"),
    )
    outcome_version = models.PositiveIntegerField(default=0)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("Hoe gaat het nu?"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "state"])]
        verbose_name = _("beslissing")
        verbose_name_plural = _("beslissingen")

    def __str__(self):
        return self.question

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def has_outcome(self) -> bool:
        return bool(self.mode)

    @property
    def is_compulsory(self) -> bool:
        return self.mode in COMPULSORY_MODES


COMPULSORY_MODES = (Decision.Mode.PROFESSIONAL, Decision.Mode.GI, Decision.Mode.JUDGE)


class Option(models.Model):
    """One of the choices. "Nog even niets doen / wachten" is offered from the start."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("Keuze"), max_length=200)
    is_wait = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OnDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["is_wait", "created_at", "id"]
        indexes = [models.Index(fields=["family", "decision"])]
        verbose_name = _("keuze")
        verbose_name_plural = _("keuzes")

    def __str__(self):
        return self.text


class Argument(models.Model):
    """A pro or a con of an option, with who said it."""

    class Kind(models.TextChoices):
        PRO = "pro", _("Voordeel")
        CON = "con", _("Nadeel")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="arguments")
    kind = models.CharField(_("Voordeel of nadeel?"), max_length=3, choices=Kind.choices)
    text = models.CharField(_("Wat is het?"), max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ArgumentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "option"])]

    def __str__(self):
        return self.text


class View(models.Model):
    """Someone's view: which option, how sure, what matters most, in own words.

    ``participant`` is set when a person at the table gives their own view.
    A child without an account gives a view through a parent or a
    professional: then ``member`` is the child and ``written_by`` the writer
    ("opgeschreven door Sanne, in de woorden van Sem"). The newest row per
    person counts; earlier ones stay.
    """

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="views")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        "families.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="views",
        verbose_name=_("Welke keuze vind je het beste?"),
    )
    certainty = models.PositiveSmallIntegerField(
        _("Hoe zeker ben je?"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    matters = models.TextField(_("Wat vind je het belangrijkst?"), max_length=1000, blank=True)
    words = models.TextField(_("Je mening in je eigen woorden"), max_length=2000, blank=True)
    needs = models.TextField(_("Wat heb je nog nodig om te kiezen?"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ViewQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "decision", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False) | models.Q(member__isnull=False),
                name="view_has_a_person",
            )
        ]

    def __str__(self):
        return f"{self.person_key}: {self.option_id}"

    @property
    def person_key(self) -> str:
        if self.participant_id:
            return f"p{self.participant_id}"
        return f"m{self.member_id}"

    @property
    def written_for_someone(self) -> bool:
        return self.participant_id is None


class Assent(models.Model):
    """A yes (or a not yet) to a proposed outcome, from someone who must agree."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="assents")
    member = models.ForeignKey("families.Member", on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome_version = models.PositiveIntegerField()
    agrees = models.BooleanField()
    why = models.CharField(_("Waarom nog niet?"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OnDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "decision"])]

    def __str__(self):
        return f"{self.member_id}: {self.agrees}"


class Objection(models.Model):
    """ "Wij zijn het hier niet mee eens, omdat …": the family's word beside the decision."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="objections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "families.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("Wij zijn het hier niet mee eens, omdat …"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OnDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


SCALE = [(n, str(n)) for n in range(1, 6)]


class Check(models.Model):
    """The short check afterwards: four statements, each 1 (not true) to 5 (true).

    The answers are the person's own: others see only counts per statement,
    and only once at least two people answered (``summary.check_summary``).
    A child without an account answers on a parent's or professional's
    phone: then ``member`` is the child and ``written_by`` the one who wrote
    it down; one row per child, the newest answers count.
    """

    STATEMENTS = (
        ("heard", _("Ik ben gehoord.")),
        ("could_say", _("Ik kon zeggen wat voor mij belangrijk is.")),
        ("together", _("We hebben samen besloten.")),
        ("know_next", _("Ik weet wat er nu gaat gebeuren.")),
    )

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="checks")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        "families.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    heard = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    could_say = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    together = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    know_next = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CheckQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "participant"], name="one_check_each"),
            models.UniqueConstraint(
                fields=["decision", "member"],
                condition=models.Q(participant__isnull=True),
                name="one_check_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False)
                | models.Q(member__isnull=False, written_by__isnull=False),
                name="check_has_a_person",
            ),
        ]
        indexes = [models.Index(fields=["family", "decision"])]

    def __str__(self):
        return f"{self.participant_id or self.member_id} → {self.decision_id}"

    @property
    def written_for_someone(self) -> bool:
        return self.participant_id is None

    def answers(self) -> list[int]:
        return [getattr(self, key) for key, _label in self.STATEMENTS]
