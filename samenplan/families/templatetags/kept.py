"""``{% form_fields form %}`` and ``{% kept form %}``: a form's fields, kept between
writes when nothing was typed.

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


def _kept(context, form, name: str, render) -> str:
    """``render()``, kept when ``form`` holds nothing anyone sent (see above)."""
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
            (field_name, form.get_initial_for_field(field, field_name))
            for field_name, field in form.fields.items()
            if field_name != "once"
        ]
    )
    key = ":".join(
        (
            name,
            f"{type(form).__module__}.{type(form).__qualname__}",
            form.prefix or "",
            hashlib.sha256(start.encode()).hexdigest()[:16],
        )
    )
    return cached_part(request, access, key, render)


@register.simple_tag(takes_context=True)
def form_fields(context, form):
    """Every field of ``form``, each through ``includes/field.html``."""
    field_template = context.template.engine.get_template("includes/field.html")

    def render() -> str:
        parts = []
        for field in form:
            with context.push(field=field):
                parts.append(field_template.render(context))
        return mark_safe("".join(parts))

    return _kept(context, form, "fields", render)


class KeptNode(template.Node):
    def __init__(self, form, nodelist):
        self.form = form
        self.nodelist = nodelist

    def render(self, context):
        form = self.form.resolve(context)
        where = f"{self.origin.name}:{self.token.lineno}"
        return _kept(context, form, f"block:{where}", lambda: self.nodelist.render(context))


@register.tag("kept")
def kept(parser, token):
    """``{% kept form %}…{% endkept %}``: a form's own layout of its fields, kept
    like ``form_fields`` while the form holds nothing anyone sent."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept form %} takes one form")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(bits[1]), nodelist)
