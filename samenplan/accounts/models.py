from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a parent, a youth, a network member or a professional.

    Families log in with a one-time code sent by e-mail and have no usable
    password; professionals log in with a password and a second factor.
    """

    class Language(models.TextChoices):
        NL = "nl", "Nederlands"
        EN = "en", "English"
        TR = "tr", "Türkçe"
        PL = "pl", "Polski"
        AR = "ar", "العربية"

    email = models.EmailField(_("E-mailadres"), unique=True)
    name = models.CharField(_("Naam"), max_length=150)
    language = models.CharField(
        _("Taal"), max_length=2, choices=Language.choices, default=Language.NL
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def professional_or_none(self):
        try:
            return self.professional
        except Professional.DoesNotExist:
            return None


class Organization(models.Model):
    class Kind(models.TextChoices):
        WIJKTEAM = "wijkteam", _("Wijkteam")
        AANBIEDER = "aanbieder", _("Jeugdhulpaanbieder")
        SCHOOL = "school", _("School")
        GI = "gi", _("Gecertificeerde instelling (GI)")
        CLIENTONDERSTEUNING = "clientondersteuning", _("Cliëntondersteuning")
        GEMEENTE = "gemeente", _("Gemeente")

    name = models.CharField(_("Naam"), max_length=200, unique=True)
    kind = models.CharField(_("Soort"), max_length=30, choices=Kind.choices)
    municipality = models.CharField(_("Gemeente"), max_length=100, blank=True)
    safety_mandate = models.BooleanField(
        _("Mag noodtoegang gebruiken"),
        default=False,
        help_text=_(
            "Alleen voor organisaties met een taak bij onveiligheid, zoals een GI of Veilig Thuis."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class Professional(models.Model):
    """The work profile of a user who works for an organisation."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="professional")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="professionals"
    )
    function = models.CharField(_("Functie"), max_length=150)
    phone = models.CharField(_("Telefoon"), max_length=30, blank=True)
    reachability = models.CharField(
        _("Wanneer bereikbaar"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: maandag tot en met donderdag van 9 tot 17 uur."),
    )
    is_org_admin = models.BooleanField(_("Beheerder van de organisatie"), default=False)
    # Handles requests to destroy a family's file, with a second person
    # confirming. Never at a family's table and never under emergency access:
    # reading a file to judge a request is logged in the family's access log.
    is_privacy_officer = models.BooleanField(
        _("Functionaris voor privacy"),
        default=False,
        help_text=_(
            "Beantwoordt verzoeken van gezinnen om hun gegevens te vernietigen. "
            "Zit niet aan tafel bij een gezin."
        ),
    )
    is_active = models.BooleanField(_("Actief"), default=True)

    class Meta:
        ordering = ["user__name"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")

    def __str__(self):
        return f"{self.user.name} ({self.organization.name})"
