"""``{% form_fields form %}``: a form's fields, kept between writes when nothing was typed.

Rendering a form field by field (Django's widget templates, an include per
option of a list) is most of what a form page costs. An empty form on a family
page is the same for the same person until the family's data changes, so its
fields are kept like a page part (``families/versions.py``), with new one-time
tokens on every look. A form that holds what someone sent (and its errors) is
always rendered anew.
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from samenplan.families.versions import cached_part

register = template.Library()


@register.simple_tag(takes_context=True)
def form_fields(context, form):
    field_template = context.template.engine.get_template("includes/field.html")

    def render() -> str:
        parts = []
        for field in form:
            with context.push(field=field):
                parts.append(field_template.render(context))
        return mark_safe("".join(parts))

    request = context.get("request")
    access = context.get("access")
    participant = getattr(access, "participant", None)
    if form.is_bound or request is None or participant is None or participant.pk is None:
        return render()
    # What the empty form shows beyond the family's data: its starting values
    # (from the address, such as the goal a new step is for). The one-time token
    # is new on every look anyway (``fresh_tokens``).
    start = repr(
        [
            (name, form.get_initial_for_field(field, name))
            for name, field in form.fields.items()
            if name != "once"
        ]
    )
    name = ":".join(
        (
            "fields",
            f"{type(form).__module__}.{type(form).__qualname__}",
            form.prefix or "",
            hashlib.sha256(start.encode()).hexdigest()[:16],
        )
    )
    return cached_part(request, access, name, render)
