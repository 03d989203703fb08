"""Taalhulp: hints for a text the family will read, and a reading-level badge.

The rules, each with examples and counter-examples in ``tests/test_check.py``:

- a sentence longer than ``LONG_SENTENCE`` words;
- a long word that is also rare in Dutch (``wordfreq``'s Zipf scale: how often a
  word turns up per billion words, as a logarithm; 3 is about once per million
  words); names and numbers are left alone;
- the passive voice ("er wordt besloten"): a form of *worden* with a past
  participle, or a participle with *door*; it hides who does something;
- jargon with plain words to write instead (``data/jargon.tsv``);
- words about parents and children that label or blame, with a respectful way
  to say it (``data/labels.tsv``).

The badge uses Flesch–Douma, the Dutch version of Flesch's reading ease (W.H.
Douma, 1960): 206.84 − 0.77 × syllables per 100 words − 0.93 × words per
sentence. Its limits: it counts only syllables and sentence length, so a
short sentence full of jargon still scores well (the hints above catch that),
and on a text of a few sentences one long word moves the score a lot, so
below ``SHORTEST_MEASURED`` words there is no badge. Scores of 60 and up are
read by most people at B1 level; it is a signal, not a test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyphen
from django.utils.translation import gettext as _
from wordfreq import zipf_frequency

LONG_SENTENCE = 20
LONG_WORD_SYLLABLES = 4
RARE_ZIPF = 3.0
SHORTEST_MEASURED = 20
B1_EASE = 60

DATA = Path(__file__).parent / "data"
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-•*])")

WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
PARTICIPLE = re.compile(
    r"^(?:ge|be|ver|ont|her|er)[a-zà-ÿ]{2,}(?:d|t|en)$|^[a-zà-ÿ]+(?:ge)[a-zà-ÿ]{2,}(?:d|t)$"
)
# Words that look like participles but are not (adjectives, nouns, common verbs).
NOT_PARTICIPLES = {
    "gezond",
    "gezin",
    "gezinnen",
    "geld",
    "gelden",
    "genoeg",
    "gebied",
    "gebeurt",
    "gebeuren",
    "begint",
    "beginnen",
    "betekent",
    "bent",
    "best",
    "heb",
    "hebt",
    "vertelt",
    "vertellen",
    "verstand",
    "ervaren",
    "ergens",
    "eten",
    "ontbijt",
    "belangrijk",
    "bericht",
    "gedrag",
    "gevoel",
    "gesprek",
    "geven",
    "gaat",
    "gezet",
    "beter",
    "gewoon",
}


@dataclass(frozen=True)
class Hint:
    rule: str  # long_sentence, rare_word, passive, jargon, label
    words: str  # the words it is about, as written
    advice: str

    @property
    def key(self) -> str:
        """What a dismissal counts: the rule, never the text."""
        return self.rule


@dataclass(frozen=True)
class Report:
    hints: list[Hint]
    words: int
    ease: float | None  # Flesch–Douma, None when the text is too short to measure

    @property
    def level(self) -> str:
        if self.ease is None:
            return "short"
        return "b1" if self.ease >= B1_EASE else "harder"


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllables(word: str) -> int:
    # pyphen marks where a word may be broken; that is close to syllables in
    # Dutch, and never fewer than the vowel groups' count would suggest.
    breaks = _hyphenator().inserted(word.lower()).count("-") + 1
    vowel_groups = len(re.findall(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", word.lower()))
    return max(breaks, vowel_groups, 1)


@cache
def _table(name: str) -> list[tuple[str, str, bool]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, plain = line.split("\t", 1)
        suffix = word.startswith("*")
        rows.append((word.lstrip("*").strip().lower(), plain.strip(), suffix))
    return rows


def jargon() -> list[tuple[str, str, bool]]:
    return _table("jargon.tsv")


def labels() -> list[tuple[str, str, bool]]:
    return _table("labels.tsv")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]


def _found(table, text: str) -> list[tuple[str, str]]:
    lowered = text.lower()
    found = []
    for word, plain, suffix in table:
        # "ambulant" also finds "ambulante"; a "*" line also the end of a compound.
        pattern = (r"\w*" if suffix else r"\b") + re.escape(word) + r"(?:e|en|s)?\b"
        match = re.search(pattern, lowered)
        if match:
            found.append((text[match.start() : match.end()], plain))
    return found


def _passive(sentence: str) -> str | None:
    words = [w.lower() for w in WORD.findall(sentence)]
    participles = [
        w for w in words if PARTICIPLE.match(w) and w not in NOT_PARTICIPLES and w not in WORDEN
    ]
    if not participles:
        return None
    # The participle closes the clause in Dutch: the last one is the verb's.
    if any(w in WORDEN for w in words):
        return next(w for w in words if w in WORDEN) + " … " + participles[-1]
    if "door" in words and any(w in {"is", "zijn", "was", "waren"} for w in words):
        return participles[-1] + " … door"
    return None


def check(text: str) -> Report:
    """Hints for ``text`` and its reading level; the text itself is not kept."""
    text = text or ""
    hints: list[Hint] = []
    parts = sentences(text)
    words_total = 0
    syllables_total = 0
    found_jargon = _found(jargon(), text)
    found_labels = _found(labels(), text)
    named = [w.lower() for w, _p in found_jargon + found_labels]
    seen_rare: set[str] = set()
    for sentence in parts:
        words = WORD.findall(sentence)
        words_total += len(words)
        syllables_total += sum(syllables(w) for w in words)
        if len(words) > LONG_SENTENCE:
            start = " ".join(words[:6])
            hints.append(
                Hint(
                    "long_sentence",
                    start + " …",
                    _("Deze zin heeft %(n)d woorden. Maak er twee of drie zinnen van.")
                    % {"n": len(words)},
                )
            )
        passive = _passive(sentence)
        if passive:
            hints.append(
                Hint(
                    "passive",
                    passive,
                    _(
                        "Lijdende vorm: wie doet het? "
                        "Schrijf dat erbij, bijvoorbeeld 'wij besluiten'."
                    ),
                )
            )
        for position, word in enumerate(words):
            lowered = word.lower()
            if lowered in seen_rare or any(n in lowered or lowered in n for n in named):
                continue
            if position > 0 and word[:1].isupper():
                continue  # a name
            if syllables(word) >= LONG_WORD_SYLLABLES and zipf_frequency(lowered, "nl") < RARE_ZIPF:
                seen_rare.add(lowered)
                hints.append(
                    Hint(
                        "rare_word",
                        word,
                        _("Een lang en weinig gebruikt woord. Kan het korter of gewoner?"),
                    )
                )
    for written, plain in found_jargon:
        hints.append(
            Hint("jargon", written, _("Vakwoord. Schrijf liever: %(plain)s.") % {"plain": plain})
        )
    for written, plain in found_labels:
        hints.append(
            Hint(
                "label",
                written,
                _("Dit woord kan voelen als een etiket of een verwijt. Beter: %(plain)s.")
                % {"plain": plain},
            )
        )
    ease = None
    if words_total >= SHORTEST_MEASURED and parts:
        ease = round(
            206.84
            - 0.77 * (100 * syllables_total / words_total)
            - 0.93 * (words_total / len(parts)),
            1,
        )
    return Report(hints=hints, words=words_total, ease=ease)
