"""The pictures of "Ons netwerk", drawn on the server as SVG by our own code.

Each drawing is built in two steps: first a plain structure (people, lines,
generations, positions) that tests can compare, then the SVG made from it.
The layout is deterministic: the same rows give the same picture. Every
picture has a text alternative on the page (a list of the same facts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape
from django.utils.translation import gettext as _

SLOT = 96  # horizontal distance between people on the genogram
ROW = 130  # vertical distance between generations
SIZE = 40  # symbol size
MARGIN = 60


def short_name(name: str) -> str:
    """The name under a symbol: whole when short, else the first word."""
    name = name.strip()
    if len(name) <= 14 or not name.split():
        return name
    return name.split()[0]


# --- genogram -------------------------------------------------------------------


@dataclass(eq=False)
class Node:
    key: str
    name: str
    sex: str = ""
    born: date | None = None
    birth_year: int | None = None
    age: int | None = None
    deceased: bool = False
    death_year: int | None = None
    household: bool = False
    relation: str = ""
    generation: int | None = None
    x: float = 0.0
    y: float = 0.0

    @property
    def symbol(self) -> str:
        return {"m": "square", "v": "circle"}.get(self.sex, "diamond")

    @property
    def order(self) -> tuple:
        """Oldest first; people without a known birth come last, by key."""
        if self.born is not None:
            return (self.born, self.key)
        if self.birth_year:
            return (date(self.birth_year, 7, 1), self.key)
        return (date.max, self.key)


@dataclass
class Genogram:
    nodes: list[Node]
    partners: list[tuple[str, str, str]]  # (a, b, status)
    parents: list[tuple[str, str]]  # (parent, child)
    left_out: list[Node] = field(default_factory=list)
    width: int = 0
    height: int = 0

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)

    @property
    def generations(self) -> int:
        return len({n.generation for n in self.nodes})

    def parents_of(self, key: str) -> list[str]:
        return [p for p, c in self.parents if c == key]

    def children_of(self, key: str) -> list[str]:
        return [c for p, c in self.parents if p == key]

    def partners_of(self, key: str) -> list[str]:
        return [b if a == key else a for a, b, _s in self.partners if key in (a, b)]


PARENT_RELATIONS = ("moeder", "vader", "ouder")


def genogram(members, people, relationships, today: date) -> Genogram:
    """Build the genogram's structure from family members, network people and relationships."""
    members = sorted(members, key=lambda m: m.pk)
    people = sorted(people, key=lambda p: p.pk)
    relationships = sorted(relationships, key=lambda r: (r.kind, r.a_key, r.b_key, r.status))
    nodes: dict[str, Node] = {}
    for m in members:
        nodes[f"m{m.pk}"] = Node(
            key=f"m{m.pk}",
            name=m.name,
            sex=m.sex,
            born=m.birth_date,
            age=m.age(today),
            household=m.lives_in_household,
            relation=m.get_relation_display(),
            generation=2 if m.is_child else 1,
        )
    linked = {r.a_key for r in relationships} | {r.b_key for r in relationships}
    for p in people:
        key = f"n{p.pk}"
        if key not in linked:
            continue
        age = None
        if p.birth_year and not p.died:
            age = today.year - p.birth_year
        nodes[key] = Node(
            key=key,
            name=p.name,
            sex=p.sex,
            birth_year=p.birth_year,
            age=age,
            deceased=p.died,
            death_year=p.death_year,
            relation=p.relation_label or p.get_relation_display(),
        )
    parents = [
        (r.a_key, r.b_key)
        for r in relationships
        if r.kind == "parent" and r.a_key in nodes and r.b_key in nodes
    ]
    partners = [
        (r.a_key, r.b_key, r.status)
        for r in relationships
        if r.kind == "partner" and r.a_key in nodes and r.b_key in nodes
    ]
    # A child in the family without a parent on record: the family's own parents.
    family_parents = [
        f"m{m.pk}" for m in members if not m.is_child and m.relation in PARENT_RELATIONS
    ]
    for m in members:
        key = f"m{m.pk}"
        if m.is_child and not any(c == key for _p, c in parents):
            parents.extend((p, key) for p in family_parents)
    if len(family_parents) == 2:
        a, b = sorted(family_parents)
        if not any({a, b} == {x, y} for x, y, _s in partners):
            partners.append((a, b, ""))
    _generations(nodes, parents, partners)
    placed = [n for n in nodes.values() if n.generation is not None]
    left_out = sorted((n for n in nodes.values() if n.generation is None), key=lambda n: n.key)
    low = min((n.generation for n in placed), default=0)
    for n in placed:
        n.generation -= low
    keys = {n.key for n in placed}
    drawing = Genogram(
        nodes=sorted(placed, key=lambda n: (n.generation, n.key)),
        partners=[(a, b, s) for a, b, s in partners if a in keys and b in keys],
        parents=[(p, c) for p, c in parents if p in keys and c in keys],
        left_out=left_out,
    )
    _layout(drawing)
    return drawing


def _generations(nodes: dict[str, Node], parents, partners) -> None:
    for _round in range(len(nodes) + 1):
        changed = False
        for p, c in parents:
            gp, gc = nodes[p].generation, nodes[c].generation
            if gp is None and gc is not None:
                nodes[p].generation, changed = gc - 1, True
            elif gc is None and gp is not None:
                nodes[c].generation, changed = gp + 1, True
        for a, b, _s in partners:
            ga, gb = nodes[a].generation, nodes[b].generation
            if ga is None and gb is not None:
                nodes[a].generation, changed = gb, True
            elif gb is None and ga is not None:
                nodes[b].generation, changed = ga, True
        if not changed:
            return


def _resolve(items: list[tuple[float, Node]]) -> None:
    """Place nodes at their target x, in order, at least one slot apart."""
    items.sort(key=lambda item: (item[0], item[1].order))
    last = None
    for target, node in items:
        node.x = target if last is None else max(target, last + SLOT)
        last = node.x


def _layout(g: Genogram) -> None:
    rows: dict[int, list[Node]] = {}
    for n in g.nodes:
        rows.setdefault(n.generation, []).append(n)
    if not rows:
        g.width, g.height = 2 * MARGIN + SLOT, 2 * MARGIN
        return
    by_key = {n.key: n for n in g.nodes}
    # The row of the family's own parents is the anchor: couples side by side,
    # each one's brothers and sisters on their outer side.
    anchor = min(
        (gen for gen, row in rows.items() if any(n.key.startswith("m") for n in row)),
        default=min(rows),
    )
    core = [n for n in rows[anchor] if n.key.startswith("m")]
    core.sort(key=lambda n: (n.sex != "m", n.order))
    order: list[Node] = []
    for index, node in enumerate(core):
        siblings = [
            by_key[c]
            for p in g.parents_of(node.key)
            for c in g.children_of(p)
            if c != node.key and by_key[c].generation == anchor and by_key[c] not in core
        ]
        siblings = sorted(set(siblings), key=lambda n: n.order)
        with_partners: list[Node] = []
        for sibling in siblings:
            with_partners.append(sibling)
            with_partners += [
                by_key[k] for k in g.partners_of(sibling.key) if by_key[k] not in core
            ]
        if index == 0:
            order = [n for n in with_partners if n not in order] + order + [node]
        else:
            order = order + [node] + [n for n in with_partners if n not in order]
    rest = sorted((n for n in rows[anchor] if n not in order), key=lambda n: n.order)
    for x, node in enumerate(order + rest):
        node.x = MARGIN + x * SLOT
    # Rows above: each pair of parents above their children.
    for gen in sorted((g_ for g_ in rows if g_ < anchor), reverse=True):
        items = []
        for node in rows[gen]:
            kids = [by_key[c] for c in g.children_of(node.key) if by_key[c].generation == gen + 1]
            target = sum(k.x for k in kids) / len(kids) if kids else 10**6
            partner_first = any(k < node.key for k in g.partners_of(node.key))
            items.append((target + (SLOT / 2 if partner_first else -SLOT / 2), node))
        _resolve(items)
    # Rows below: children under their parents, in birth order.
    for gen in sorted(g_ for g_ in rows if g_ > anchor):
        groups: dict[tuple, list[Node]] = {}
        for node in rows[gen]:
            parent_keys = tuple(sorted(p for p in g.parents_of(node.key) if p in by_key))
            groups.setdefault(parent_keys, []).append(node)
        items = []
        for parent_keys, kids in groups.items():
            above = [by_key[p] for p in parent_keys if by_key[p].generation == gen - 1]
            centre = sum(p.x for p in above) / len(above) if above else 10**6
            kids.sort(key=lambda n: n.order)
            for i, kid in enumerate(kids):
                items.append((centre + (i - (len(kids) - 1) / 2) * SLOT, kid))
        _resolve(items)
    low = min(n.x for n in g.nodes)
    for n in g.nodes:
        n.x = n.x - low + MARGIN
        n.y = MARGIN + n.generation * ROW
    g.width = int(max(n.x for n in g.nodes) + MARGIN + SLOT / 2)
    g.height = int(MARGIN + max(n.generation for n in g.nodes) * ROW + SIZE + 70)


def _label(node: Node) -> str:
    if node.deceased:
        return "†" + (f" {node.death_year}" if node.death_year else "")
    if node.age is not None:
        return _("%(age)s jaar") % {"age": node.age}
    return ""


def genogram_svg(g: Genogram, *, title: str, described_by: str) -> str:
    half = SIZE / 2
    parts = [
        f'<svg class="drawing genogram" viewBox="0 0 {g.width} {g.height}" '
        f'width="{g.width}" height="{g.height}" role="img" '
        f'aria-labelledby="genogram-svg-title" aria-describedby="{escape(described_by)}">',
        f'<title id="genogram-svg-title">{escape(title)}</title>',
    ]
    # The household: a dashed line around each run of people, per generation, who
    # live together (a parent who lives elsewhere stays outside it).
    household = [n for n in g.nodes if n.household]
    for gen in sorted({n.generation for n in household}):
        row = sorted((n for n in g.nodes if n.generation == gen), key=lambda n: n.x)
        runs: list[list[Node]] = [[]]
        for node in row:
            if node.household:
                runs[-1].append(node)
            elif runs[-1]:
                runs.append([])
        for run in filter(None, runs):
            x0 = run[0].x - half - 14
            x1 = run[-1].x + half + 14
            y0 = run[0].y - half - 12
            y1 = run[0].y + half + 56
            parts.append(
                f'<rect class="genogram__household" data-household="'
                f'{" ".join(n.key for n in run)}" x="{x0:.0f}" y="{y0:.0f}" '
                f'width="{x1 - x0:.0f}" height="{y1 - y0:.0f}" rx="18"/>'
            )
    by_key = {n.key: n for n in g.nodes}
    for a, b, status in g.partners:
        left, right = sorted((by_key[a], by_key[b]), key=lambda n: n.x)
        y = left.y + half + 12
        x0, x1 = left.x, right.x
        parts.append(
            f'<path class="genogram__partner genogram__partner--{status or "onbekend"}" '
            f'data-partners="{a} {b}" data-status="{status}" '
            f'd="M{x0:.0f} {left.y + half:.0f} V{y:.0f} H{x1:.0f} V{right.y + half:.0f}"/>'
        )
        middle = (x0 + x1) / 2
        if status in ("uit_elkaar", "gescheiden"):
            parts.append(_slash(middle - 4, y))
        if status == "gescheiden":
            parts.append(_slash(middle + 4, y))
    # Children hang from the middle of their parents' line, or below a single parent.
    families: dict[tuple, list[Node]] = {}
    for child in g.nodes:
        keys = tuple(sorted(g.parents_of(child.key)))
        if keys:
            families.setdefault(keys, []).append(child)
    for keys, kids in sorted(families.items()):
        if not kids:
            continue
        above = [by_key[k] for k in keys]
        top = max(p.y for p in above) + half + (12 if len(above) > 1 else 0)
        x = sum(p.x for p in above) / len(above)
        bar = min(k.y for k in kids) - half - 24
        xs = [k.x for k in kids] + [x]
        parts.append(
            f'<path class="genogram__children" data-parents="{" ".join(keys)}" '
            f'data-children="{" ".join(k.key for k in kids)}" '
            f'd="M{x:.0f} {top:.0f} V{bar:.0f} M{min(xs):.0f} {bar:.0f} H{max(xs):.0f}'
            + "".join(f" M{k.x:.0f} {bar:.0f} V{k.y - half:.0f}" for k in kids)
            + '"/>'
        )
    for n in g.nodes:
        parts.append(
            f'<g class="genogram__person" data-key="{n.key}" data-generation="{n.generation}" '
            f'data-symbol="{n.symbol}" data-deceased="{str(n.deceased).lower()}">'
        )
        parts.append(f"<title>{escape(n.name)}</title>")
        if n.symbol == "square":
            parts.append(
                f'<rect x="{n.x - half:.0f}" y="{n.y - half:.0f}" width="{SIZE}" height="{SIZE}"/>'
            )
        elif n.symbol == "circle":
            parts.append(f'<circle cx="{n.x:.0f}" cy="{n.y:.0f}" r="{half:.0f}"/>')
        else:
            parts.append(
                f'<polygon points="{n.x:.0f},{n.y - half:.0f} {n.x + half:.0f},{n.y:.0f} '
                f'{n.x:.0f},{n.y + half:.0f} {n.x - half:.0f},{n.y:.0f}"/>'
            )
        if n.deceased:
            d = half * 0.75
            parts.append(
                f'<path class="genogram__deceased" d="M{n.x - d:.0f} {n.y - d:.0f} '
                f"L{n.x + d:.0f} {n.y + d:.0f} M{n.x + d:.0f} {n.y - d:.0f} "
                f'L{n.x - d:.0f} {n.y + d:.0f}"/>'
            )
        parts.append(
            f'<text x="{n.x:.0f}" y="{n.y + half + 30:.0f}" text-anchor="middle">'
            f"{escape(n.name.split()[0] if n.name.split() else n.name)}</text>"
        )
        label = _label(n)
        if label:
            parts.append(
                f'<text class="genogram__age" x="{n.x:.0f}" y="{n.y + half + 46:.0f}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _slash(x: float, y: float) -> str:
    return f'<path class="genogram__slash" d="M{x - 5:.0f} {y + 8:.0f} L{x + 5:.0f} {y - 8:.0f}"/>'


# --- ecomap ---------------------------------------------------------------------

# The ecomap's square canvas. Wide enough that a first name fits outside the
# outer ring, and small enough that a phone (about 326 px for the picture) still
# shows the 31-unit names at 12 px.
ECO = 840
RADIUS = {1: 150, 2: 205, 3: 262}
ECO_TEXT = 31


@dataclass
class EcoNode:
    key: str
    name: str
    relation: str
    closeness: int
    quality: str
    helps: str = ""
    professional: bool = False
    x: float = 0.0
    y: float = 0.0

    @property
    def line(self) -> str:
        if self.quality == "verbroken":
            return "broken"
        if self.quality == "moeizaam":
            return "strained"
        return "strong" if self.closeness == 1 else "weak"


def ecomap(people, professionals) -> list[EcoNode]:
    nodes = [
        EcoNode(
            key=f"n{p.pk}",
            name=p.name,
            relation=p.relation_label or p.get_relation_display(),
            closeness=p.closeness,
            quality=p.quality,
            helps=p.helps_with,
        )
        for p in sorted(people, key=lambda p: (p.closeness, p.name, p.pk))
    ] + [
        EcoNode(
            key=f"p{p.pk}",
            name=p.user.name,
            relation=p.organization_name or p.get_role_display(),
            closeness=2,
            quality="steunend",
            professional=True,
        )
        for p in sorted(professionals, key=lambda p: (p.user.name, p.pk))
    ]
    centre = ECO / 2
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(nodes), 1)
        node.x = centre + RADIUS[node.closeness] * math.cos(angle)
        node.y = centre + RADIUS[node.closeness] * math.sin(angle)
    return nodes


def _two_lines(name: str) -> list[str]:
    """A long name over two lines, split at the space nearest the middle."""
    name = name.strip()
    spaces = [i for i, char in enumerate(name) if char == " "]
    if len(name) <= 9 or not spaces:
        return [name]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


def ecomap_svg(nodes: list[EcoNode], *, family_name: str, title: str, described_by: str) -> str:
    centre = ECO / 2
    core = 84
    node_r = 32
    parts = [
        # A group, not an image: each person in it is a link to what they help with.
        f'<svg class="drawing ecomap" viewBox="0 0 {ECO} {ECO}" role="group" '
        f'aria-labelledby="ecomap-svg-title" aria-describedby="{escape(described_by)}">',
        f'<title id="ecomap-svg-title">{escape(title)}</title>',
    ]
    for node in nodes:
        dx, dy = node.x - centre, node.y - centre
        length = math.hypot(dx, dy) or 1
        ux, uy = dx / length, dy / length
        x0, y0 = centre + ux * core, centre + uy * core
        x1, y1 = node.x - ux * node_r, node.y - uy * node_r
        if node.line == "broken":
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            gap = 12
            parts.append(
                f'<path class="eco-line eco-line--broken" data-to="{node.key}" data-line="broken" '
                f'd="M{x0:.0f} {y0:.0f} L{mx - ux * gap:.0f} {my - uy * gap:.0f} '
                f'M{mx + ux * gap:.0f} {my + uy * gap:.0f} L{x1:.0f} {y1:.0f}"/>'
            )
        else:
            parts.append(
                f'<path class="eco-line eco-line--{node.line}" data-to="{node.key}" '
                f'data-line="{node.line}" d="M{x0:.0f} {y0:.0f} L{x1:.0f} {y1:.0f}"/>'
            )
    parts.append(f'<circle class="ecomap__family" cx="{centre}" cy="{centre}" r="{core}"/>')
    lines = _two_lines(family_name)
    top = centre + 10 - (len(lines) - 1) * ECO_TEXT * 0.55
    parts.append(
        f'<text class="ecomap__family-name" x="{centre}" y="{top:.0f}" text-anchor="middle">'
        + "".join(
            f'<tspan x="{centre}" dy="{0 if i == 0 else ECO_TEXT * 1.1:.0f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        + "</text>"
    )
    for node in nodes:
        shape = (
            f'<rect x="{node.x - node_r:.0f}" y="{node.y - node_r * 0.7:.0f}" '
            f'width="{node_r * 2}" height="{node_r * 1.4:.0f}" rx="6"/>'
            if node.professional
            else f'<circle cx="{node.x:.0f}" cy="{node.y:.0f}" r="{node_r}"/>'
        )
        first = node.name.split()[0] if node.name.split() else node.name
        dx, dy = node.x - centre, node.y - centre
        length = math.hypot(dx, dy) or 1
        ux, uy = dx / length, dy / length
        # The first name outside the ring, on the side away from the family: above
        # the top ones, below the bottom ones, beside the rest (the list under the
        # picture and the tooltip carry the whole name).
        wide = 0.58 * ECO_TEXT * len(first)
        if uy < -0.7:
            label_x, label_y, anchor = node.x, node.y - node_r - 12, "middle"
        elif uy > 0.7:
            label_x, label_y, anchor = node.x, node.y + node_r + ECO_TEXT, "middle"
        elif ux > 0 and node.x + node_r + 8 + wide <= ECO:
            label_x, label_y, anchor = node.x + node_r + 8, node.y + ECO_TEXT / 3, "start"
        elif ux < 0 and node.x - node_r - 8 - wide >= 0:
            label_x, label_y, anchor = node.x - node_r - 8, node.y + ECO_TEXT / 3, "end"
        else:
            label_x, label_y, anchor = node.x, node.y + node_r + ECO_TEXT, "middle"
        parts.append(
            f'<a href="#eco-{node.key}" class="ecomap__person" data-key="{node.key}">'
            f"<title>{escape(node.name)}</title>{shape}"
            f'<text class="ecomap__name" x="{label_x:.0f}" y="{label_y:.0f}" '
            f'text-anchor="{anchor}">{escape(first)}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- timeline -------------------------------------------------------------------


@dataclass
class Moment:
    on: date
    title: str
    kind: str  # "life" or "plan"
    detail: str = ""
    x: float = 0.0
    lane: int = 0


LANES = 3  # rows of labels above the axis (life) and below it (plan)


def _label_width(moment: Moment) -> float:
    """About how wide the label is at 13 px (title up to 26 characters, or the date)."""
    return max(min(len(moment.title), 26), 7) * 7.4 + 12


def _lanes(moments: list[Moment], per_day: float, first: date) -> bool:
    """Give each moment a row where its label does not touch the one before; False if
    some label must overlap at this scale."""
    ends: dict[str, list[float]] = {"life": [-1e9] * LANES, "plan": [-1e9] * LANES}
    fits = True
    for moment in moments:
        moment.x = MARGIN + (moment.on - first).days * per_day
        rows = ends[moment.kind]
        free = [i for i in range(LANES) if rows[i] < moment.x]
        lane = free[0] if free else min(range(LANES), key=lambda i: rows[i])
        fits = fits and bool(free)
        moment.lane = lane
        rows[lane] = moment.x + _label_width(moment)
    return fits


def timeline(moments: list[Moment]) -> tuple[list[Moment], int, list[tuple[int, float]]]:
    """Place moments on one horizontal axis; returns (moments, width, year ticks).

    The scale grows until no two labels overlap (up to a canvas of 8,000 units;
    beyond that the list under the drawing tells it all).
    """
    moments = sorted(moments, key=lambda m: (m.on, m.kind, m.title))
    if not moments:
        return [], 600, []
    first, last = moments[0].on, moments[-1].on
    span = max((last - first).days, 1)
    per_day = min(4.0, max(0.25, 1400 / span))
    while True:
        width = int(max(span * per_day + 2 * MARGIN + 200, 600))
        per_day = (width - 2 * MARGIN - 200) / span
        if _lanes(moments, per_day, first) or width >= 8000:
            break
        per_day *= 1.4
    ticks = [
        (year, MARGIN + (date(year, 1, 1) - first).days * per_day)
        for year in range(first.year + 1, last.year + 1)
    ]
    return moments, width, ticks


def timeline_svg(moments: list[Moment], width: int, ticks, *, title: str, described_by: str) -> str:
    height = 340
    axis = height / 2
    parts = [
        f'<svg class="drawing timeline" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="timeline-svg-title" '
        f'aria-describedby="{escape(described_by)}">',
        f'<title id="timeline-svg-title">{escape(title)}</title>',
        f'<path class="timeline__axis" '
        f'd="M{MARGIN / 2:.0f} {axis:.0f} H{width - MARGIN / 2:.0f}"/>',
    ]
    for year, x in ticks:
        parts.append(
            f'<path class="timeline__tick" d="M{x:.0f} {axis - 6:.0f} V{axis + 6:.0f}"/>'
            f'<text class="timeline__year" x="{x + 3:.0f}" y="{axis + 20:.0f}">{year}</text>'
        )
    for moment in moments:
        up = moment.kind == "life"
        offset = 40 + moment.lane * 38
        y = axis - offset if up else axis + offset + 14
        text = escape(moment.title if len(moment.title) <= 26 else moment.title[:25] + "…")
        parts.append(
            f'<g class="timeline__moment timeline__moment--{moment.kind}" '
            f'data-kind="{moment.kind}" data-date="{moment.on.isoformat()}">'
            f'<path d="M{moment.x:.0f} {axis:.0f} V{y + (8 if up else -18):.0f}"/>'
            f'<circle cx="{moment.x:.0f}" cy="{axis:.0f}" r="5"/>'
            f'<text x="{moment.x + 4:.0f}" y="{y:.0f}">{text}</text>'
            f'<text class="timeline__date" x="{moment.x + 4:.0f}" y="{y + 14:.0f}">'
            f"{moment.on.strftime('%m-%Y')}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
