"""Icons as one tag: ``{% icon "check" %}`` (built in, no ``{% load %}``).

Each is a small inline SVG, hidden from screen readers (the text beside it says
what it means). A dictionary lookup instead of an included template with a
branch per icon: the plan page shows dozens of them.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ICONS = {
    "logo": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="8" cy="9" r="3.2" fill="currentColor"/>'
        '<circle cx="16" cy="9" r="3.2" fill="currentColor" opacity=".7"/>'
        '<path d="M3 20c0-3.3 2.7-6 6-6h6c3.3 0 6 2.7 6 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
    "check": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>'
        "</svg>"
    ),
    "undo": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M9 14L4 9l5-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'
        '<path d="M4 9h10a6 6 0 010 12h-3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
    "alert": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M12 3l10 18H2z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>'
        '<path d="M12 10v5M12 17.5v.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
    "wait": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/>'
        '<path d="M12 7v5l3 3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
    "person": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2"/>'
        '<path d="M4 21c0-4 3.6-7 8-7s8 3 8 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
    "star": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" fill="currentColor"/>'
        "</svg>"
    ),
    "face1": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8"/>'
        '<circle cx="8.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<circle cx="15.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<path d="M7.5 17.5q4.5-4.5 9 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'
        "</svg>"
    ),
    "face2": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8"/>'
        '<circle cx="8.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<circle cx="15.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<path d="M8 16.5q4-2 8 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'
        "</svg>"
    ),
    "face3": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8"/>'
        '<circle cx="8.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<circle cx="15.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<path d="M8 15.5h8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'
        "</svg>"
    ),
    "face4": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8"/>'
        '<circle cx="8.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<circle cx="15.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<path d="M8 14.5q4 2 8 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'
        "</svg>"
    ),
    "face5": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon icon--face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8"/>'
        '<circle cx="8.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<circle cx="15.5" cy="9.5" r="1.3" fill="currentColor"/>'
        '<path d="M7.5 13.5q4.5 5 9 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>'
        "</svg>"
    ),
    "speaker": mark_safe(  # noqa: S308 - our own constant markup
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M4 9h4l5-4v14l-5-4H4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>'
        '<path d="M16.5 8.5a5 5 0 010 7M19 6a8.5 8.5 0 010 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
        "</svg>"
    ),
}


@register.simple_tag
def icon(name) -> str:
    return ICONS.get(str(name), "")
