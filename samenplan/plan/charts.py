"""A small SVG line chart of a goal's 0-10 scores, one line per person.

Lines differ by dash pattern and marker shape, not by colour alone, and the
chart is described in words (``aria-describedby``) by the table beside it.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Drawn at about its own size on a phone (the page is ~330 px wide there), so the
# 13-unit labels read as 13 px.
WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 30, 14, 10, 34
COLOURS = ["#0b5d57", "#8a3b00", "#3f3fa0", "#6b2b6b", "#2f5f1f", "#7a1f2b"]
DASHES = ["", "6 4", "2 3", "8 3 2 3", "1 2", "10 4"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle", "square"]


def _marker(shape: str, x: float, y: float, colour: str) -> SafeString:
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="7" height="7" fill="{}"/>', x - 3.5, y - 3.5, colour
        )
    if shape == "diamond":
        points = f"{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    if shape == "triangle":
        points = f"{x},{y - 5} {x + 5},{y + 4} {x - 5},{y + 4}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', x, y, colour)


def series(scores) -> list[dict]:
    """Scores grouped per person, in time order: [{name, points: [(date, score)]}]."""
    people: dict[int, dict] = {}
    for score in sorted(scores, key=lambda s: (s.created_at, s.pk)):
        person = people.setdefault(score.person_key, {"name": score.person_name, "points": []})
        person["points"].append((score.created_at, score.score))
    result = list(people.values())
    for index, person in enumerate(result):
        person["colour"] = COLOURS[index % len(COLOURS)]
        person["dash"] = DASHES[index % len(DASHES)]
        person["marker"] = MARKERS[index % len(MARKERS)]
        person["latest"] = person["points"][-1][1]
    return result


def score_chart(people: list[dict], *, label: str, described_by: str) -> SafeString:
    if not people:
        return SafeString("")
    times = [t for person in people for t, _ in person["points"]]
    start, end = min(times), max(times)
    span = (end - start).total_seconds() or 1.0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(t):
        return round(LEFT + plot_w * ((t - start).total_seconds() / span), 1)

    def y(value):
        return round(TOP + plot_h * (1 - value / 10), 1)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart__grid"/>'
        '<text x="{}" y="{}" class="chart__axis">{}</text>',
        ((LEFT, y(v), WIDTH - RIGHT, y(v), 4, y(v) + 4, v) for v in (0, 5, 10)),
    )
    # Dates under the axis: the first and the last score, and the middle when
    # they are far apart; anchored so no label runs off the chart.
    moments = [(start, "start"), (end, "end")] if end != start else [(start, "start")]
    if (end - start).days > 14:
        moments.insert(1, (start + (end - start) / 2, "middle"))
    dates = format_html_join(
        "",
        '<text x="{}" y="{}" class="chart__axis" text-anchor="{}">{}</text>',
        (
            (x(t), HEIGHT - 8, anchor, date_format(timezone.localtime(t), "j M"))
            for t, anchor in moments
        ),
    )
    lines = []
    for person in people:
        points = " ".join(f"{x(t)},{y(v)}" for t, v in person["points"])
        lines.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"'
                ' stroke-dasharray="{}"/>',
                points,
                person["colour"],
                person["dash"],
            )
        )
        for t, v in person["points"]:
            lines.append(_marker(person["marker"], x(t), y(v), person["colour"]))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" aria-describedby="{}">'
        "{}{}{}</svg>",
        WIDTH,
        HEIGHT,
        label,
        described_by,
        grid,
        dates,
        SafeString("".join(lines)),
    )


def legend_swatch(person: dict) -> SafeString:
    return format_html(
        '<svg class="legend-swatch" viewBox="0 0 30 12" aria-hidden="true" focusable="false">'
        '<line x1="0" y1="6" x2="30" y2="6" stroke="{}" stroke-width="2.5"'
        ' stroke-dasharray="{}"/>{}</svg>',
        person["colour"],
        person["dash"],
        _marker(person["marker"], 15, 6, person["colour"]),
    )
