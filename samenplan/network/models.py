"""Ons netwerk: the people around the family, how they are related, the family's
life events, and the family group plan the family writes with its network.

Every row carries ``family_id``. The pictures (genogram, ecomap, timeline) are
drawn from these rows on the server (``drawing.py``); nothing is stored twice.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class FamilyGroupPlanQuerySet(FamilyQuerySet):
    def rules(self, queryset, access):
        # A draft is the family's own: professionals and client supporters see
        # the plan once the family shares it.
        if access.role in ("professional", "client_supporter"):
            return queryset.filter(status="shared")
        return queryset


class Sex(models.TextChoices):
    FEMALE = "v", _("vrouw")
    MALE = "m", _("man")
    OTHER = "x", _("anders")
    UNKNOWN = "", _("onbekend")


class NetworkPerson(models.Model):
    """Someone around the family: a grandparent, an aunt, a neighbour, a coach …

    The family adds and changes its own network. Someone else at the table
    (a professional, someone from the network) proposes a person; the family
    takes the proposal over or not (``status``).
    """

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("in het netwerk")
        PROPOSED = "proposed", _("voorstel")
        DECLINED = "declined", _("niet overgenomen")

    class Relation(models.TextChoices):
        GRANDPARENT = "grootouder", _("opa of oma")
        AUNT_UNCLE = "tante_oom", _("tante of oom")
        SIBLING = "broer_zus", _("broer of zus")
        EX_PARTNER = "ex_partner", _("ex-partner")
        NEIGHBOUR = "buur", _("buren")
        FRIEND = "vriend", _("vriend of vriendin")
        TEACHER = "leraar", _("leraar of juf")
        COACH = "trainer", _("trainer of coach")
        OTHER = "anders", _("iemand anders")

    class Quality(models.TextChoices):
        SUPPORTIVE = "steunend", _("steunend")
        STRAINED = "moeizaam", _("moeizaam")
        BROKEN = "verbroken", _("verbroken")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Naam"), max_length=150)
    relation = models.CharField(_("Wie is het?"), max_length=20, choices=Relation.choices)
    relation_label = models.CharField(
        _("In eigen woorden"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: oma (moeder van mama), buurvrouw, trainer van de voetbalclub."),
    )
    helps_with = models.CharField(_("Waarmee helpt deze persoon?"), max_length=300, blank=True)
    could_help = models.CharField(
        _("Waarmee zou deze persoon kunnen helpen?"), max_length=300, blank=True
    )
    closeness = models.PositiveSmallIntegerField(
        _("Hoe dichtbij?"),
        choices=[(1, _("heel dichtbij")), (2, _("dichtbij")), (3, _("wat verder weg"))],
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    quality = models.CharField(
        _("Hoe is het contact?"), max_length=10, choices=Quality.choices, default=Quality.SUPPORTIVE
    )
    sex = models.CharField(_("Man of vrouw?"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("Geboortejaar"), null=True, blank=True)
    died = models.BooleanField(_("Overleden"), default=False)
    death_year = models.PositiveSmallIntegerField(_("Jaar van overlijden"), null=True, blank=True)
    in_network = models.BooleanField(
        _("Hoort bij ons netwerk"),
        default=True,
        help_text=_("Uit laten staan voor iemand die alleen in de stamboom staat."),
    )
    participant = models.ForeignKey(
        "families.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["family", "removed_at"])]
        verbose_name = _("persoon in het netwerk")
        verbose_name_plural = _("netwerk")

    def __str__(self):
        return self.name


class StepHelperQuerySet(FamilyQuerySet):
    parents = {"step_id": "plan.step"}


class StepHelper(models.Model):
    """Someone from Ons netwerk who helps with a step: "wie helpt waarmee" from real steps.

    Kept here, not on the step: the plan knows nothing of the network; it asks
    for these through the core's hooks (``step.helpers`` and friends).
    """

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    step = models.OneToOneField("plan.Step", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(NetworkPerson, on_delete=models.CASCADE, related_name="helps")
    created_at = models.DateTimeField(default=timezone.now)

    objects = StepHelperQuerySet.as_manager()

    def __str__(self):
        return f"{self.person_id} → {self.step_id}"


class Relationship(models.Model):
    """A line on the genogram: a partner relationship, or a parent and a child.

    Each end is a family member or a network person. For ``kind = parent``
    the first end is the parent of the second.
    """

    class Kind(models.TextChoices):
        PARTNER = "partner", _("partners")
        PARENT = "parent", _("ouder en kind")

    class Status(models.TextChoices):
        MARRIED = "getrouwd", _("getrouwd")
        TOGETHER = "samen", _("samen")
        SEPARATED = "uit_elkaar", _("uit elkaar")
        DIVORCED = "gescheiden", _("gescheiden")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("Hoe staat het ervoor?"), max_length=12, choices=Status.choices, blank=True
    )
    a_member = models.ForeignKey(
        "families.Member", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    a_person = models.ForeignKey(
        NetworkPerson, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    b_member = models.ForeignKey(
        "families.Member", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    b_person = models.ForeignKey(
        NetworkPerson, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["family", "kind"])]

    def __str__(self):
        return f"{self.kind}: {self.a_key} – {self.b_key}"

    @property
    def a_key(self) -> str:
        return f"m{self.a_member_id}" if self.a_member_id else f"n{self.a_person_id}"

    @property
    def b_key(self) -> str:
        return f"m{self.b_member_id}" if self.b_member_id else f"n{self.b_person_id}"


class LifeEvent(models.Model):
    """Something that happened in the family's life, on the timeline."""

    class Kind(models.TextChoices):
        MOVE = "verhuizing", _("verhuizing")
        BIRTH = "geboorte", _("geboorte")
        SCHOOL = "school", _("school")
        ILLNESS = "ziekte", _("ziekte")
        SEPARATION = "scheiding", _("scheiding")
        DEATH = "overlijden", _("overlijden")
        WORK = "werk", _("werk")
        OTHER = "anders", _("iets anders")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    happened_on = models.DateField(_("Wanneer?"))
    kind = models.CharField(_("Wat voor gebeurtenis?"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("Wat gebeurde er?"), max_length=150)
    note = models.CharField(_("Meer vertellen (mag leeg blijven)"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "id"]
        indexes = [models.Index(fields=["family", "happened_on"])]

    def __str__(self):
        return self.title


class FamilyGroupPlan(models.Model):
    """Familiegroepsplan: written by the family and its network, in a space
    professionals do not see until the family shares it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("nog niet gedeeld")
        SHARED = "shared", _("gedeeld met de professionals")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    main_question = models.TextField(_("Onze hoofdvraag"), max_length=1000)
    want_to_reach = models.TextField(_("Wat willen we bereiken?"), max_length=2000, blank=True)
    goals = models.TextField(
        _("Onze doelen"),
        max_length=2000,
        blank=True,
        help_text=_("Eén doel per regel. Als jullie het plan delen, komen ze in Ons plan."),
    )
    who_helps = models.TextField(
        _("Wie uit onze kring helpt waarmee?"),
        max_length=2000,
        blank=True,
        help_text=_("Eén afspraak per regel, zo: Oma: haalt de kinderen op maandag op."),
    )
    support_needed = models.TextField(
        _("Welke steun hebben we nodig van professionals?"), max_length=2000, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = FamilyGroupPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["family", "status"])]
        verbose_name = _("familiegroepsplan")
        verbose_name_plural = _("familiegroepsplannen")

    def __str__(self):
        return self.main_question[:60]

    @property
    def is_shared(self) -> bool:
        return self.status == self.Status.SHARED

    def goal_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.goals.splitlines() if line.strip(" -•\t")]

    def helper_lines(self) -> list[tuple[str, str]]:
        """Each "Wie: wat" line as (who, what); a line without a colon is the family's."""
        result = []
        for line in self.who_helps.splitlines():
            line = line.strip(" -•\t")
            if not line:
                continue
            who, sep, what = line.partition(":")
            result.append((who.strip(), what.strip()) if sep and what.strip() else ("", line))
        return result


class AboutUsQuerySet(FamilyQuerySet):
    def rules(self, queryset, access):
        # The family's own words about itself: the family always reads them;
        # others only when the family chose to show them to them.
        if access.role in ("parent", "youth"):
            return queryset
        return queryset.filter(
            models.Q(audience=AboutUs.Audience.TABLE)
            | models.Q(audience=AboutUs.Audience.CHOSEN, shown_to=access.participant.pk)
        ).distinct()


class AboutUs(models.Model):
    """Wie zijn wij: what the family wants professionals to know about its culture,
    faith, way of life and language, and what each child is good at.

    Written by the family in its own words and only if it wants to; every
    field may stay empty. The family chooses who reads it (``audience``). A
    professional sees it on their first visit after it was written or changed
    (``panels.py``); the audit log says whether they read this version.
    """

    class Audience(models.TextChoices):
        FAMILY = "family", _("Alleen ons gezin")
        CHOSEN = "chosen", _("Ons gezin en de mensen die we hieronder kiezen")
        TABLE = "table", _("Iedereen aan onze tafel")

    family = models.OneToOneField("families.Family", on_delete=models.CASCADE, related_name="+")
    background = models.TextField(_("Onze achtergrond en cultuur"), max_length=2000, blank=True)
    faith = models.TextField(_("Ons geloof of onze levensovertuiging"), max_length=2000, blank=True)
    daily_life = models.TextField(
        _("Hoe wij leven: gewoontes, feestdagen, eten, rustdagen"), max_length=2000, blank=True
    )
    languages = models.TextField(
        _("Welke talen wij spreken, en in welke taal we het liefst praten"),
        max_length=1000,
        blank=True,
    )
    for_professionals = models.TextField(
        _("Wat we willen dat professionals weten, of juist niet doen"), max_length=2000, blank=True
    )
    audience = models.CharField(
        _("Wie mag dit lezen?"), max_length=10, choices=Audience.choices, default=Audience.FAMILY
    )
    shown_to = models.ManyToManyField("families.Participant", blank=True, related_name="+")
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AboutUsQuerySet.as_manager()

    TEXTS = ("background", "faith", "daily_life", "languages", "for_professionals")

    class Meta:
        verbose_name = _("wie zijn wij")
        verbose_name_plural = _("wie zijn wij")

    def __str__(self):
        return f"Wie zijn wij ({self.family_id})"

    def has_words(self) -> bool:
        return any(getattr(self, name).strip() for name in self.TEXTS)


class ChildTalentQuerySet(FamilyQuerySet):
    def rules(self, queryset, access):
        # Read with the family's page about itself, by the same people.
        if access.role in ("parent", "youth"):
            return queryset
        return queryset.filter(
            models.Q(about__audience=AboutUs.Audience.TABLE)
            | models.Q(
                about__audience=AboutUs.Audience.CHOSEN, about__shown_to=access.participant.pk
            )
        ).distinct()


class ChildTalent(models.Model):
    """What a child is good at and likes doing, in the family's words.

    Saved with the family's "Wie zijn wij" in one transaction, under its
    version: the page is one form, and a stale save of it is refused whole.
    """

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(AboutUs, on_delete=models.CASCADE, related_name="talents")
    member = models.ForeignKey("families.Member", on_delete=models.CASCADE, related_name="+")
    good_at = models.TextField(_("Waar is dit kind goed in?"), max_length=1000, blank=True)
    likes = models.TextField(_("Wat doet dit kind graag?"), max_length=1000, blank=True)

    objects = ChildTalentQuerySet.as_manager()

    class Meta:
        ordering = ["member_id"]
        constraints = [
            models.UniqueConstraint(fields=["about", "member"], name="one_talent_row_per_child")
        ]

    def __str__(self):
        return f"{self.member_id}: {self.good_at[:40]}"
