"""Read and write gettext .po files, just enough for our English catalogue.

The Dutch text is the msgid (Dutch is the first language); ``samenplan/lib/en.py``
holds the English for each. ``fill`` writes those into the catalogue after
``makemessages`` so that nobody edits the .po file by hand.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)
    ctx: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])

    @property
    def key(self):
        if self.msgid_plural is not None:
            return ("plural", self.msgid)
        if self.ctx is not None:
            return (self.ctx, self.msgid)
        return self.msgid

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def parse(text: str) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    seen_content = False

    def finish():
        nonlocal entry, seen_content
        if seen_content:
            entries.append(entry)
        entry = Entry()
        seen_content = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#"):
            if seen_content and target is not None:
                finish()
            entry.comments.append(raw)
            continue
        if line.startswith("msgctxt "):
            entry.ctx, target = _unquote(line[8:]), ("ctx", 0)
        elif line.startswith("msgid_plural "):
            entry.msgid_plural, target = _unquote(line[13:]), ("plural", 0)
        elif line.startswith("msgid "):
            entry.msgid, target = _unquote(line[6:]), ("id", 0)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            while len(entry.msgstr) <= index:
                entry.msgstr.append("")
            entry.msgstr[index] = _unquote(line[line.index("]") + 2 :])
            target = ("str", index)
        elif line.startswith("msgstr "):
            entry.msgstr[0], target = _unquote(line[7:]), ("str", 0)
        elif line.startswith('"') and target is not None:
            more = _unquote(line)
            kind, index = target
            if kind == "ctx":
                entry.ctx = (entry.ctx or "") + more
            elif kind == "id":
                entry.msgid += more
            elif kind == "plural":
                entry.msgid_plural = (entry.msgid_plural or "") + more
            else:
                entry.msgstr[index] += more
        seen_content = True
    finish()
    return entries


def render(entries: list[Entry]) -> str:
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        if entry.ctx is not None:
            lines.append(f"msgctxt {_quote(entry.ctx)}")
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.msgid_plural is not None:
            lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            for index, value in enumerate(entry.msgstr):
                lines.append(f"msgstr[{index}] {_quote(value)}")
        else:
            lines.append(f"msgstr {_quote(entry.msgstr[0])}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def fill(entries: list[Entry], translations: dict) -> list[str]:
    """Put the English into ``entries``; return the msgids that have none."""
    missing = []
    for entry in entries:
        entry.comments = [c for c in entry.comments if not (c.startswith("#,") and "fuzzy" in c)]
        if entry.msgid == "":
            entry.msgstr[0] = entry.msgstr[0].replace("Language: \n", "Language: en\n")
            continue
        value = translations.get(entry.key)
        if value is None:
            missing.append(entry.msgid)
            continue
        entry.msgstr = list(value) if isinstance(value, tuple) else [value]
    return missing


if __name__ == "__main__":
    import sys
    from pathlib import Path

    from samenplan.lib.en import EN

    path = Path(sys.argv[1])
    entries = parse(path.read_text(encoding="utf-8"))
    missing = fill(entries, EN)
    path.write_text(render(entries), encoding="utf-8")
    for msgid in missing:
        print(f"No English yet: {msgid!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)
