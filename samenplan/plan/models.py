"""Ons plan: the family's one shared plan.

Every row carries ``family_id``. Texts that belong to the family (the help
question, goals) are written by the family; what others write is a proposal
(``status = proposed``) until a parent with authority or a youth of 12+
accepts or declines it. Editable rows carry a ``version``; a stale save is
refused. Nothing is deleted: removal sets ``removed_at``, and every saved
version of a goal or step is kept in ``families.Revision``. Who may see each
row is the visibility layer's (``samenplan/lib/visibility.py``): each model's
queryset says what it hangs on and whose own item it is.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("afgesproken")
    PROPOSED = "proposed", _("voorstel")
    DECLINED = "declined", _("niet overgenomen")


class PlanQuerySet(FamilyQuerySet):
    def current(self):
        """Not removed, not declined: what the plan shows."""
        return self.filter(removed_at__isnull=True).exclude(status=Status.DECLINED)


class GoalQuerySet(PlanQuerySet):
    owners = ("owner_id",)

    def active(self):
        """Goals the family works on now: in the plan, taken over, not reached or let go."""
        return self.current().filter(status=Status.ACCEPTED, goal_status="active")


class StepQuerySet(PlanQuerySet):
    parents = {"goal_id": "plan.goal"}


class VisionQuerySet(PlanQuerySet):
    owners = ("member_id",)


class SuccessQuerySet(PlanQuerySet):
    parents = {"goals": "plan.goal"}


class AgreementQuerySet(PlanQuerySet):
    parents = {"goal_id": "plan.goal"}
    owners = ("concerned__member_id",)


class OnGoalQuerySet(FamilyQuerySet):
    parents = {"goal_id": "plan.goal"}


class ScoreQuerySet(OnGoalQuerySet):
    def latest_per_person(self):
        """Each person's newest score per goal: rows stay goals × people however long it runs."""
        from django.db.models import Case, F, Value, When, Window
        from django.db.models.functions import RowNumber

        # A child's scores written down by different people are one person's.
        author = Case(When(member_id__isnull=True, then=F("author_id")), default=Value(0))
        latest = Window(
            RowNumber(),
            partition_by=[F("goal_id"), F("member_id"), author],
            order_by=[F("created_at").desc(), F("id").desc()],
        )
        return self.annotate(row=latest).filter(row=1)


class ChildWordQuerySet(OnGoalQuerySet):
    owners = ("member_id",)


class OnAgreementQuerySet(FamilyQuerySet):
    parents = {"agreement_id": "plan.agreement"}


class TimelineQuerySet(FamilyQuerySet):
    parents = {"goal_id": "plan.goal", "decision_id": "decisions.decision"}
    refers_to = ("item_type", "item_id")


class PlanItem(models.Model):
    """Fields every item of the plan has."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_proposal(self) -> bool:
        return self.status == Status.PROPOSED


class HelpQuestion(PlanItem):
    """One version of the family's help question, in the family's own words.

    The current question is the newest accepted version.
    """

    text = models.TextField(_("Onze hulpvraag"), max_length=1000)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "status", "-created_at"])]
        constraints = [
            # Two saves from the same version cannot both become the next one.
            models.UniqueConstraint(
                fields=["family", "version"],
                condition=models.Q(status="accepted"),
                name="one_accepted_help_question_per_version",
            )
        ]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")

    def __str__(self):
        return self.text[:60]


class HelpQuestionCheck(models.Model):
    """Someone's answer to "Klopt deze hulpvraag nog?"."""

    class Answer(models.TextChoices):
        YES = "yes", _("Ja, dit klopt nog")
        NOT_QUITE = "not_quite", _("Niet helemaal")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(HelpQuestion, on_delete=models.PROTECT, related_name="checks")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("Klopt deze hulpvraag nog?"), max_length=10, choices=Answer.choices)
    why = models.CharField(_("Wat klopt er niet meer?"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "-created_at"])]

    def __str__(self):
        return f"{self.author}: {self.answer}"


class Goal(PlanItem):
    class Domain(models.TextChoices):
        PARENTING = "opvoeden", _("opvoeden en gezin")
        SCHOOL = "school", _("school en werk")
        HEALTH = "gezondheid", _("gezondheid")
        HOUSING = "wonen", _("wonen")
        MONEY = "geld", _("geld")
        SAFETY = "veiligheid", _("veiligheid")
        LEISURE = "vrije_tijd", _("vrije tijd")
        CONTACTS = "contacten", _("contacten")

    class GoalStatus(models.TextChoices):
        ACTIVE = "active", _("we werken eraan")
        ACHIEVED = "achieved", _("bereikt")
        LET_GO = "let_go", _("losgelaten")

    text = models.CharField(_("Ons doel, in eigen woorden"), max_length=300)
    owner = models.ForeignKey(
        "families.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Van wie is dit doel?"),
        help_text=_("Leeg laten als het een doel van het hele gezin is."),
    )
    domain = models.CharField(_("Waarover gaat het?"), max_length=20, choices=Domain.choices)
    why = models.TextField(_("Waarom is dit belangrijk?"), max_length=1000, blank=True)
    goal_status = models.CharField(
        _("Hoe staat het ervoor?"),
        max_length=10,
        choices=GoalStatus.choices,
        default=GoalStatus.ACTIVE,
    )
    scale_low = models.CharField(_("0 betekent"), max_length=150, blank=True)
    scale_high = models.CharField(_("10 betekent"), max_length=150, blank=True)
    # A proposal to change an existing goal points at it; accepting copies it over.
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="change_proposals"
    )
    # The version of the goal the change was written against.
    replaces_version = models.PositiveIntegerField(null=True, blank=True)
    achieved_at = models.DateTimeField(null=True, blank=True)
    from_family_plan = models.BooleanField(default=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.text


class GoalScore(models.Model):
    """Where someone thinks the goal stands now, from 0 to 10."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="scores")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("Waar staan we nu?"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    note = models.CharField(_("Waarom dit cijfer? (mag leeg blijven)"), max_length=300, blank=True)
    # Whose score it is when someone wrote it down for a child without an account
    # (in the child's words); empty: the author's own score.
    member = models.ForeignKey(
        "families.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Voor wie is dit cijfer?"),
    )
    # Given by the child themselves in kindmodus, on the author's phone.
    by_child = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "goal", "created_at"])]

    def __str__(self):
        return f"{self.person_name}: {self.score}"

    @property
    def person_key(self) -> tuple[str, int]:
        """Whose score: the child it was written down for, or its author."""
        return ("member", self.member_id) if self.member_id else ("user", self.author_id)

    @property
    def person_name(self) -> str:
        return self.member.name if self.member_id else self.author.name


class ChildWord(models.Model):
    """ "Dit vind ik ervan": what a child says back about their plan or one goal.

    Written by the child (a youth with an account, or a child in kindmodus on a
    grown-up's phone: ``by_child``), or written down by a parent or a
    professional in the child's words. Never changed afterwards: a child says
    something new instead.
    """

    class Face(models.TextChoices):
        HAPPY = "blij", _("Blij")
        SO_SO = "gaat_wel", _("Gaat wel")
        SAD = "niet_blij", _("Niet blij")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("families.Member", on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="child_words"
    )
    face = models.CharField(
        _("Hoe voel je je erover?"), max_length=10, choices=Face.choices, blank=True
    )
    text = models.TextField(_("Dit vind ik ervan"), max_length=1000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_child = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ChildWordQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "member", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(face="", text=""), name="child_word_says_something"
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.face or self.text[:40]}"


class Step(PlanItem):
    """A small, concrete step: what, who, before when."""

    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("Bij welk doel hoort deze stap?"),
    )
    text = models.CharField(_("Wat gaan we doen?"), max_length=300)
    owner = models.ForeignKey(
        "families.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Wie doet het?"),
    )
    owner_name = models.CharField(
        _("Of: iemand zonder account"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: de trainer van de voetbalclub."),
    )
    due_date = models.DateField(_("Voor wanneer?"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    celebrated_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(
        "careteam.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    from_family_plan = models.BooleanField(default=False)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_date", "id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self):
        return self.text

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.done_at is None and self.due_date is not None and self.due_date < today


class Vision(PlanItem):
    """Toekomstbeeld: someone's answer to the miracle question, in their own words.

    "Stel, het is over een half jaar en het gaat goed. Wat is er dan anders?
    Wie merkt het als eerste?" A child's answer may be written down by a parent
    or a professional; the page then says "opgeschreven door …".
    """

    member = models.ForeignKey(
        "families.Member",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Wiens toekomstbeeld is dit?"),
    )
    text = models.TextField(_("Wat is er dan anders?"), max_length=2000)
    first_noticed = models.CharField(_("Wie merkt het als eerste?"), max_length=300, blank=True)
    by_self = models.BooleanField(default=False, help_text="Written by the member themselves.")

    objects = VisionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("toekomstbeeld")
        verbose_name_plural = _("toekomstbeelden")

    def __str__(self):
        return self.text[:60]


class Success(PlanItem):
    """A moment when it did work: what happened, what was different, who helped."""

    what_happened = models.TextField(_("Wat gebeurde er?"), max_length=2000)
    what_different = models.TextField(
        _("Wat deden jullie toen anders?"), max_length=2000, blank=True
    )
    who_helped = models.TextField(_("Wie of wat hielp?"), max_length=1000, blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="successes", verbose_name=_("Bij welke doelen past dit?")
    )

    objects = SuccessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("succes")
        verbose_name_plural = _("successen")

    def __str__(self):
        return self.what_happened[:60]

    @property
    def text(self):
        return self.what_happened


class Agreement(PlanItem):
    """An agreement about a goal or about how we work together, evaluated on a date."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("over een doel")
        COLLABORATION = "collaboration", _("over hoe we samenwerken")

    kind = models.CharField(_("Waarover gaat de afspraak?"), max_length=20, choices=Kind.choices)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("Bij welk doel?"),
    )
    text = models.TextField(_("Wat spreken we af?"), max_length=1000)
    evaluate_on = models.DateField(_("Wanneer kijken we of het werkt?"), null=True, blank=True)
    concerned = models.ManyToManyField(
        "families.Participant",
        related_name="+",
        verbose_name=_("Voor wie geldt de afspraak?"),
    )
    meeting = models.ForeignKey(
        "careteam.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    # The version at which the words last changed: an answer to an older text
    # no longer counts, and everyone concerned is asked again.
    text_version = models.PositiveIntegerField(default=1)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self):
        return self.text[:60]


class AgreementSign(models.Model):
    """A person concerned answers an agreement: "ja", "ja, als…" or "nee" (with the date).

    The answer is about the version the person read; once the words change
    (``Agreement.text_version``), it no longer counts and they are asked again.
    """

    class Answer(models.TextChoices):
        YES = "yes", _("Ja, ik doe mee")
        YES_IF = "yes_if", _("Ja, als…")
        NO = "no", _("Nee")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signs")
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.YES)
    reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = OnAgreementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "participant"], name="one_sign_each")
        ]

    def __str__(self):
        return f"{self.participant_id} {self.answer} {self.agreement_id}"

    def counts_for(self, agreement) -> bool:
        """An answer to the words as they are now."""
        return self.version >= agreement.text_version


class AgreementEvaluation(models.Model):
    """An evaluation: does this agreement work, and what do we change?"""

    class Works(models.TextChoices):
        YES = "yes", _("Ja, het werkt")
        PARTLY = "partly", _("Een beetje")
        NO = "no", _("Nee, nog niet")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evaluations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    works = models.CharField(_("Werkt deze afspraak?"), max_length=10, choices=Works.choices)
    adjust = models.TextField(_("Wat passen we aan?"), max_length=1000, blank=True)
    next_evaluation = models.DateField(_("Wanneer kijken we weer?"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OnAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.agreement_id}: {self.works}"


class TimelineEntry(models.Model):
    """One line of the plan's story: who did what, when, about which goal.

    ``summary`` keeps the item's own words as they were; the sentence around
    them is made at display time, in the reader's language.
    """

    class Kind(models.TextChoices):
        HELP_QUESTION = "help_question", _("hulpvraag")
        GOAL = "goal", _("doel")
        SCORE = "score", _("cijfer")
        STEP = "step", _("stap")
        VISION = "vision", _("toekomstbeeld")
        SUCCESS = "success", _("succes")
        AGREEMENT = "agreement", _("afspraak")
        DECISION = "decision", _("beslissing")
        MEETING = "meeting", _("overleg")
        FAMILY = "family", _("gezin")

    class Action(models.TextChoices):
        ADDED = "added", _("schreef")
        CHANGED = "changed", _("veranderde")
        PROPOSED = "proposed", _("stelde voor")
        ACCEPTED = "accepted", _("nam over")
        DECLINED = "declined", _("nam niet over")
        DONE = "done", _("deed")
        CELEBRATED = "celebrated", _("vierde")
        REMOVED = "removed", _("haalde weg")
        RESTORED = "restored", _("zette terug")
        CHECKED = "checked", _("keek opnieuw naar")
        AGREED = "agreed", _("zei ja op")
        AGREED_IF = "agreed_if", _("zei 'ja, als…' op")
        SAID_NO = "said_no", _("zei nee op")
        EVALUATED = "evaluated", _("bekeek opnieuw")
        DECIDED = "decided", _("legde vast")
        OBJECTED = "objected", _("is het niet eens met")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, choices=Action.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The item the line is about (model name and id), so that a line about an
    # item someone may not see is hidden with the item.
    item_type = models.CharField(max_length=30, blank=True)
    item_id = models.BigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=400)
    at = models.DateTimeField(default=timezone.now)

    objects = TimelineQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["family", "-at"])]

    def __str__(self):
        return self.summary

    def sentence(self) -> str:
        """What the person did, as one says it: "stelde een stap voor", "zette de stap op klaar"."""
        special = TIMELINE_SPECIAL.get((self.kind, self.action))
        if special:
            return str(special)
        pattern = TIMELINE_SENTENCES.get(self.action)
        if pattern is None:
            return f"{self.get_action_display()} {self.get_kind_display()}"
        return str(pattern) % {
            "a": TIMELINE_A.get(self.kind, self.get_kind_display()),
            "the": TIMELINE_THE.get(self.kind, self.get_kind_display()),
        }


# Sentences for the plan's timeline: the verb around the item, with its article
# (Dutch splits "voorstellen" into "stelde … voor").
_A = TimelineEntry.Action
TIMELINE_SENTENCES = {
    _A.ADDED: _("voegde %(a)s toe"),
    _A.CHANGED: _("veranderde %(the)s"),
    _A.PROPOSED: _("stelde %(a)s voor"),
    _A.ACCEPTED: _("nam %(the)s over"),
    _A.DECLINED: _("nam %(the)s niet over"),
    _A.DONE: _("zette %(the)s op klaar"),
    _A.CELEBRATED: _("vierde %(the)s"),
    _A.REMOVED: _("haalde %(the)s weg"),
    _A.RESTORED: _("zette %(the)s terug"),
    _A.CHECKED: _("keek opnieuw naar %(the)s"),
    _A.AGREED: _("zei ja op %(the)s"),
    _A.AGREED_IF: _("zei 'ja, als…' op %(the)s"),
    _A.SAID_NO: _("zei nee op %(the)s"),
    _A.EVALUATED: _("bekeek %(the)s opnieuw"),
    _A.DECIDED: _("legde %(the)s vast"),
    _A.OBJECTED: _("is het niet eens met %(the)s"),
}
_K = TimelineEntry.Kind
TIMELINE_A = {
    _K.HELP_QUESTION: _("een hulpvraag"),
    _K.GOAL: _("een doel"),
    _K.SCORE: _("een cijfer"),
    _K.STEP: _("een stap"),
    _K.VISION: _("een toekomstbeeld"),
    _K.SUCCESS: _("een succes"),
    _K.AGREEMENT: _("een afspraak"),
    _K.DECISION: _("een beslissing"),
    _K.MEETING: _("een overleg"),
    _K.FAMILY: _("een gezin"),
}
TIMELINE_THE = {
    _K.HELP_QUESTION: _("de hulpvraag"),
    _K.GOAL: _("het doel"),
    _K.SCORE: _("het cijfer"),
    _K.STEP: _("de stap"),
    _K.VISION: _("het toekomstbeeld"),
    _K.SUCCESS: _("het succes"),
    _K.AGREEMENT: _("de afspraak"),
    _K.DECISION: _("de beslissing"),
    _K.MEETING: _("het overleg"),
    _K.FAMILY: _("het gezin"),
}
TIMELINE_SPECIAL = {
    (_K.SCORE, _A.ADDED): _("gaf een cijfer"),
    (_K.HELP_QUESTION, _A.ADDED): _("schreef de hulpvraag op"),
    (_K.HELP_QUESTION, _A.CHANGED): _("schreef de hulpvraag anders op"),
    (_K.DECISION, _A.ADDED): _("begon aan een beslissing"),
    (_K.MEETING, _A.ADDED): _("plande een overleg"),
    (_K.MEETING, _A.ACCEPTED): _("keurde het verslag van het overleg goed"),
    (_K.STEP, _A.CELEBRATED): _("vierde dat de stap gelukt is"),
    (_K.GOAL, _A.CELEBRATED): _("vierde dat het doel gehaald is"),
}
