from django import template

register = template.Library()


@register.filter
def face(value) -> str:
    """The icon name of the face for an answer from 1 to 5."""
    return f"face{value}" if str(value) in {"1", "2", "3", "4", "5"} else ""
