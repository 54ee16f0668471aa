"""Per-article quality flags: "spun", "machine_translated" and (with the story) "syndicated".

Why rules and data rather than a classifier: there is no labelled spun/translated news corpus
we may train on, and a flag must be explainable to a reader. Both detectors add up weighted
*signals* and fire only above a threshold, so one odd phrase in clean English never flags.

- spun: article spinners swap words for thesaurus synonyms of the wrong sense inside frequent
  collocations ("last year" -> "final year", "news agency" -> "information company"). The
  patterns are data (``resources/spinner_substitutions.tsv``, hand-compiled, source stated
  there); the score is the sum of the weights of the *distinct* patterns found.
- machine_translated: literal-translation formulae (``resources/mt_calques.tsv``) plus
  structural damage a human editor would not leave: a hyphen glued to a name part after a
  space ("Lee Jae -myung"), punctuation-only tokens ('" .'), a negative determiner with a
  negated verb in one clause ("No details ... are not known"), an indefinite article on a mass
  noun used as a count noun ("a news based on"), one name spelt with and without its last
  letter in one article.

Thresholds (``SPUN_MIN_SCORE``, ``MT_MIN_SCORE``) were set so that hand-written wire English and
every ECB+ / MEANTIME news document score below them (see tests/test_link.py and the report).
Only English text is judged; other languages get no flag.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from storyline.model import ArticleResult

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# A spun article needs several distinct swaps; 4.0 = two certain ones or four rare ones.
SPUN_MIN_SCORE = 4.0
# ... and a density: at least this score per 1,000 words, so a long clean feature with a few
# 0.5/1 coincidences stays clean.
SPUN_MIN_DENSITY = 5.0
MT_MIN_SCORE = 3.0

_NAME_HYPHEN = re.compile(r"\b[A-Z][a-z]+ -[a-z]{1,5}\b")
_PUNCT_TOKEN = re.compile(r"(?:(?<=\s)|^)[\"'“”’]?[.,;:!?][\"'“”’]?(?=\s|$)|(?<=\s)[\"“”][.,;:](?=\s|$)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[A-Za-z]) [.,;:](?=\s|$)")
_DOUBLE_NEG = re.compile(
    r"(?:^|(?<=[\s\"“]))(?:No|no)\s+(?!one\b|matter\b|longer\b|doubt\b|sooner\b)"
    r"(?:(?!\band\b|\bbut\b|\bwhile\b|--)[^.!?\n,;:–—]){1,160}?"
    r"\b(?:is|are|was|were|has|have|had|does|do|did)\s+not\b"
)
_MASS_AS_COUNT = re.compile(
    r"\b(?:a|an)\s+(?:news|information|advice|equipment|furniture|feedback|luggage|baggage)\s+"
    r"(?:based|that|which|about|regarding|was|is|has|had|came|comes)\b"
)
_CAP_WORD = re.compile(r"\b[A-Z][a-z]{5,}\b")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One weighted regex from a resource file."""

    weight: float
    regex: re.Pattern[str]
    note: str


@functools.cache
def _patterns(name: str) -> tuple[_Pattern, ...]:
    """Weighted patterns of a ``weight<TAB>regex<TAB>note`` resource file (comments skipped)."""
    out = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        weight, regex, note = line.split("\t")
        out.append(_Pattern(float(weight), re.compile(regex, re.IGNORECASE | re.MULTILINE), note))
    return tuple(out)


def spin_signals(text: str) -> tuple[tuple[str, float], ...]:
    """Distinct spinner substitutions found in ``text`` as ``(matched text, weight)``; empty if none."""
    hits = []
    for p in _patterns("spinner_substitutions.tsv"):
        m = p.regex.search(text)
        if m:
            hits.append((m.group(0), p.weight))
    return tuple(hits)


def spin_score(text: str) -> float:
    """Sum of the weights of the distinct spinner substitutions in ``text`` (0.0 for none)."""
    return sum(w for _, w in spin_signals(text))


def is_spun(text: str) -> bool:
    """True when ``text`` holds enough distinct spinner substitutions, absolutely and per word."""
    score = spin_score(text)
    words = max(len(_WORD.findall(text)), 1)
    return score >= SPUN_MIN_SCORE and score * 1000 / words >= SPUN_MIN_DENSITY


def _variant_truncations(text: str) -> int:
    """Number of names written both ending in a consonant and with a vowel added, or with two
    different final vowels ("Novak"/"Novako"/"Novaka"); English derivations
    ("Somalia"/"Somalis", "Africa"/"African") do not count."""
    words = set(_CAP_WORD.findall(text))
    stems: dict[str, set[str]] = {}
    for w in words:
        if w[-1] in "aeiou" and w[-2] not in "aeiouy":
            stems.setdefault(w[:-1], set()).add(w)
    found = 0
    for stem, forms in stems.items():
        if len(stem) >= 6 and (len(forms) >= 2 or stem in words):
            found += 1
    return found


def mt_signals(text: str) -> tuple[tuple[str, float], ...]:
    """Machine-translation signals in ``text`` as ``(what, weight)``; empty when none."""
    hits: list[tuple[str, float]] = []
    for name in sorted({m.group(0) for m in _NAME_HYPHEN.finditer(text)})[:2]:
        hits.append((name, 2.0))
    punct = [m.group(0) for m in _PUNCT_TOKEN.finditer(text)] + [
        m.group(0) for m in _SPACE_BEFORE_PUNCT.finditer(text)
    ]
    hits.extend((p.strip() or p, 0.75) for p in punct[:2])
    m = _DOUBLE_NEG.search(text)
    if m:
        hits.append((m.group(0), 2.0))
    m = _MASS_AS_COUNT.search(text)
    if m:
        hits.append((m.group(0), 1.5))
    if _variant_truncations(text):
        hits.append(("name spelt two ways", 1.0))
    for p in _patterns("mt_calques.tsv"):
        m = p.regex.search(text)
        if m:
            hits.append((m.group(0), p.weight))
    return tuple(hits)


def is_machine_translated(text: str) -> bool:
    """True when the machine-translation signals in ``text`` reach ``MT_MIN_SCORE``."""
    return sum(w for _, w in mt_signals(text)) >= MT_MIN_SCORE


def detect_flags(result: ArticleResult, copies: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Flags of one article, in the fixed order spun, machine_translated, syndicated.

    Args:
        result: the article; its ``article.body`` is judged (English only: a result whose
            language is set and is not "en" gets no text flag).
        copies: ``Story.copies`` (copy id -> original id); when given, an article that is a
            copy or has a copy is "syndicated".

    Returns:
        A tuple of flag names, empty when none applies.
    """
    flags: list[str] = []
    body = result.article.body
    if body.strip() and result.language in ("en", "", "und"):
        if is_spun(body):
            flags.append("spun")
        if is_machine_translated(body):
            flags.append("machine_translated")
    if copies and (result.id in copies or result.id in set(copies.values())):
        flags.append("syndicated")
    return tuple(flags)
