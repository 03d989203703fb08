from django import template
from django.utils.translation import gettext as _

from samenplan.plan.actions import (
    can_edit_step,
    can_edit_success,
    can_edit_vision,
    can_finish_step,
    can_remove_step,
)

register = template.Library()


@register.filter
def overdue(step, today):
    return step.is_overdue(today)


@register.filter
def can_finish(step, access):
    return can_finish_step(access, step)


@register.filter
def can_remove(step, access):
    return can_remove_step(access, step)


@register.filter
def can_edit(step, access):
    return can_edit_step(access, step)


@register.filter
def vision_editable(vision, access):
    return can_edit_vision(access, vision)


@register.filter
def success_editable(success, access):
    return can_edit_success(access, success)


@register.filter
def proposal_kind(kind):
    labels = {
        "help_question": _("Hulpvraag"),
        "goal": _("Doel"),
        "step": _("Stap"),
        "vision": _("Toekomstbeeld"),
    }
    return labels.get(kind, kind)
