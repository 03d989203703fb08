"""Plain sentences for the family's access log."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

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
    "child_voice": gettext_lazy("alles wat een kind zelf zei"),
    "child_mode": gettext_lazy("een kind, dat zelf in het plan keek"),
    "child_plan": gettext_lazy("het plan van een kind"),
    "child_word": gettext_lazy("wat een kind ervan vindt"),
    "creation": gettext_lazy("een tekening, foto of geluid van een kind"),
    "about_us": gettext_lazy("wat jullie schreven over wie jullie zijn"),
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


def _join(parts: list[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s en %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _what_they_did(events: list[AuditEvent]) -> str:
    """ "bekeek jullie plan (3 keer) en een doel, en wijzigde een stap", oldest first."""
    by_action: dict[str, dict[str, int]] = {}
    for event in reversed(events):
        counts = by_action.setdefault(event.action, {})
        counts[event.data] = counts.get(event.data, 0) + 1
    parts = []
    for action, counts in by_action.items():
        things = [
            data_label(code)
            if n == 1
            else ngettext("%(what)s (%(n)d keer)", "%(what)s (%(n)d keer)", n)
            % {"what": data_label(code), "n": n}
            for code, n in counts.items()
        ]
        parts.append(f"{ACTION_LABELS.get(action, action)} {_join(things)}")
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s, en %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def day_label(day, today) -> str:
    if day == today:
        return _("Vandaag")
    if (today - day).days == 1:
        return _("Gisteren")
    return date_format(day, "l j F Y")


def log_days(events: list[AuditEvent], today=None) -> list[dict]:
    """The log as people tell it: per day, one line per person for what they did in a row.

    ``events`` come newest first. A line joins the events of one person (with the
    same role, organisation and kind of access) until someone else comes between.
    """
    today = today or timezone.localdate()
    days: list[dict] = []
    for event in events:
        at = timezone.localtime(event.at)
        if not days or days[-1]["day"] != at.date():
            days.append({"day": at.date(), "label": day_label(at.date(), today), "lines": []})
        lines = days[-1]["lines"]
        key = (event.actor_id, event.actor_name, event.organization, event.role, event.emergency)
        if lines and lines[-1]["key"] == key:
            lines[-1]["events"].append(event)
            lines[-1]["first"] = at
        else:
            lines.append({"key": key, "events": [event], "first": at, "last": at})
    for day in days:
        for line in day["lines"]:
            event = line["events"][0]
            who = event.actor_name or _("Iemand")
            line.update(
                who=who,
                organization=event.organization,
                role=role_label(event.role) if event.role else "",
                emergency=event.emergency,
                did=_what_they_did(line["events"]),
            )
    return days
