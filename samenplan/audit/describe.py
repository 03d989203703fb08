"""Plain sentences for the family's access log."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import AuditEvent

# Lazy, so each label is translated only when a sentence uses it.
DATA_LABELS = {
    "family_home": gettext_lazy("de gezinspagina"),
    "consent": gettext_lazy("de toestemmingen"),
    "access_log": gettext_lazy("wie jullie dossier bekeek"),
    "invitation": gettext_lazy("een uitnodiging"),
    "participant": gettext_lazy("wie er aan tafel zit"),
    "plan": gettext_lazy("jullie plan"),
    "help_question": gettext_lazy("de hulpvraag"),
    "help_question_check": gettext_lazy("of de hulpvraag nog klopt"),
    "help_question_interval": gettext_lazy("hoe vaak we vragen of de hulpvraag nog klopt"),
    "goal": gettext_lazy("een doel"),
    "goal_score": gettext_lazy("een cijfer bij een doel"),
    "step": gettext_lazy("een stap"),
    "timeline": gettext_lazy("de tijdlijn van het plan"),
    "vision": gettext_lazy("een toekomstbeeld"),
    "success": gettext_lazy("een succes"),
    "agreement": gettext_lazy("een afspraak"),
    "agreement_evaluation": gettext_lazy("de evaluatie van een afspraak"),
    "decisions": gettext_lazy("de beslissingen"),
    "decision": gettext_lazy("een beslissing"),
    "decision_option": gettext_lazy("een keuze bij een beslissing"),
    "decision_argument": gettext_lazy("een voordeel of nadeel bij een beslissing"),
    "decision_view": gettext_lazy("een mening bij een beslissing"),
    "decision_outcome": gettext_lazy("het besluit bij een beslissing"),
    "decision_assent": gettext_lazy("een ja op een besluit"),
    "decision_objection": gettext_lazy("een reactie op een besluit"),
    "decision_check": gettext_lazy("de vragen over hoe het beslissen ging"),
    "decision_review": gettext_lazy("het opnieuw bekijken van een besluit"),
    "careteam": gettext_lazy("wie doet wat"),
    "role_card": gettext_lazy("een rolkaart"),
    "coordinator": gettext_lazy("wie de zorgcoördinator is"),
    "table_settings": gettext_lazy("de fase en het aantal professionals aan tafel"),
    "phase_need": gettext_lazy("wie er per fase nodig is"),
    "table_choice": gettext_lazy("een keuze over het aantal professionals"),
    "meetings": gettext_lazy("de overleggen"),
    "meeting": gettext_lazy("een overleg"),
    "agenda_item": gettext_lazy("een agendapunt"),
    "meeting_summary": gettext_lazy("het verslag van een overleg"),
    "safety": gettext_lazy("de afspraken over veiligheid"),
    "report_back": gettext_lazy("een afspraak over terugkoppeling"),
    "report": gettext_lazy("wat er teruggekoppeld is"),
    "support": gettext_lazy("de lijst met onafhankelijke steun"),
    "network": gettext_lazy("het netwerk"),
    "network_person": gettext_lazy("iemand uit het netwerk"),
    "genogram": gettext_lazy("het genogram"),
    "relationship": gettext_lazy("een relatie in het genogram"),
    "network_timeline": gettext_lazy("de tijdlijn van het gezin"),
    "life_event": gettext_lazy("een gebeurtenis op de tijdlijn"),
    "family_plan": gettext_lazy("het familiegroepsplan"),
    "consent_scope": gettext_lazy("wat iemand mag zien"),
    "emergency_access": gettext_lazy("jullie dossier met noodtoegang"),
    "export": gettext_lazy("een download van jullie gegevens"),
    "closing": gettext_lazy("het afsluiten"),
    "destruction": gettext_lazy("een verzoek om gegevens te vernietigen"),
    "family": gettext_lazy("het gezin in Samenplan"),
    "member": gettext_lazy("wie er in het gezin is"),
    "authority": gettext_lazy("wie gezag heeft"),
    "move": gettext_lazy("een verhuizing naar een andere organisatie"),
    "move_file": gettext_lazy("het verhuisbestand"),
    "waiting": gettext_lazy("wat er voor hen klaarstaat"),
}
ROLE_LABELS = {
    "parent": pgettext_lazy("role", "ouder"),
    "youth": pgettext_lazy("role", "jongere"),
    "network": pgettext_lazy("role", "netwerk"),
    "professional": pgettext_lazy("role", "professional"),
    "client_supporter": pgettext_lazy("role", "cliëntondersteuner"),
    "org_admin": pgettext_lazy("role", "beheerder"),
    "privacy_officer": pgettext_lazy("role", "functionaris voor privacy"),
}
ACTION_LABELS = dict(AuditEvent.Action.choices)


def data_label(code: str) -> str:
    return str(DATA_LABELS.get(code, code))


def role_label(code: str) -> str:
    return str(ROLE_LABELS.get(code, code))


def sentence(event: AuditEvent) -> str:
    """A sentence such as: Eva de Vries (Wijkteam Oost) bekeek op 3 maart om 10:12 jullie plan."""
    who = event.actor_name or _("Iemand")
    if event.organization:
        who = f"{who} ({event.organization})"
    at = timezone.localtime(event.at)
    return _("%(who)s %(action)s op %(date)s om %(time)s %(what)s") % {
        "who": who,
        "action": ACTION_LABELS.get(event.action, event.action),
        "date": date_format(at, "j F"),
        "time": date_format(at, "H:i"),
        "what": data_label(event.data),
    }
