from django import template

from samenplan.audit.describe import role_label, sentence

register = template.Library()


@register.filter
def audit_sentence(event):
    return sentence(event)


@register.filter
def audit_role(code):
    return role_label(code)
