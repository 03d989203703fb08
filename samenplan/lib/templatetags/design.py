"""{{ field|designed }}: a form field with the NL Design System class of its kind.

Our own forms get the class when they are made (SafeInputMixin); this filter
reaches the forms of the login library too, which every field template renders
through ``includes/field.html``.
"""

from django import template

from samenplan.lib.forms import design_system_class

register = template.Library()


@register.filter
def designed(bound_field):
    design_system_class(bound_field.field.widget)
    return bound_field
