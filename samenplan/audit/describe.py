"""Plain sentences for the family's access log."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import AuditEvent


def data_label(code: str) -> str:
    labels = {
        "family_home": _("de gezinspagina"),
        "consent": _("de toestemmingen"),
        "access_log": _("wie jullie dossier bekeek"),
        "invitation": _("een uitnodiging"),
        "participant": _("wie er aan tafel zit"),
        "plan": _("jullie plan"),
        "help_question": _("de hulpvraag"),
        "help_question_check": _("of de hulpvraag nog klopt"),
        "goal": _("een doel"),
        "goal_score": _("een cijfer bij een doel"),
        "step": _("een stap"),
        "timeline": _("de tijdlijn van het plan"),
    }
    return labels.get(code, code)


def role_label(code: str) -> str:
    labels = {
        "parent": pgettext("role", "ouder"),
        "youth": pgettext("role", "jongere"),
        "network": pgettext("role", "netwerk"),
        "professional": pgettext("role", "professional"),
        "client_supporter": pgettext("role", "cliëntondersteuner"),
        "org_admin": pgettext("role", "beheerder"),
    }
    return labels.get(code, code)


def sentence(event: AuditEvent) -> str:
    """ "Eva de Vries (Wijkteam Oost) bekeek de gezinspagina"."""
    who = event.actor_name or _("Iemand")
    if event.organization:
        who = f"{who} ({event.organization})"
    action = (
        AuditEvent.Action(event.action).label
        if event.action in AuditEvent.Action.values
        else event.action
    )
    return f"{who} {action} {data_label(event.data)}"
