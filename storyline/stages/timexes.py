"""TIMEX3 tagging and normalisation of the article body.

A rule layer (``timex_rules``) proposes candidate spans sentence by sentence; the longest
non-overlapping candidates win, and each is normalised to a TimeML value here. Relative
expressions ("on Friday", "last week", "in August") are resolved against the reference date
(the DCT) with a light tense cue from the sentence; without a reference date they keep TimeML's
unresolved forms ("XXXX-10-28", "XXXX-WXX-5") so the dating stage can reason over them.
The rules follow the TimeML annotation guidelines (TimeBank 1.2 conventions: prepositions
outside the span, modifiers such as "early" as ``mod``), so the TempEval-3 scorer applies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from storyline.model import CleanArticle, Sentence, Timex
from storyline.stages import timex_rules as R
from storyline.stages.timex_normalise import EN_WORDS, HANDLERS, VALUE_RE, Ctx, parse_dct

__all__ = ["VALUE_RE", "parse_dct", "tag_text", "tag_timexes"]

_NEEDS_DIGIT = {"iso", "dotted", "slash", "md", "dm", "dm_f", "my", "my_f", "year", "decade", "clock", "clock24"}
# ascii foreign month/weekday/day words: a sentence without any of these skips the foreign rules
_FOREIGN_ASCII = re.compile(
    "|".join(sorted({w for w in list(R.MONTHS) + list(R.WEEKDAYS) + list(R.REL_DAYS)
                     if w.isascii() and len(w) > 2 and w not in EN_WORDS}, key=len, reverse=True)))
_QUICK = re.compile(r"\d|[A-Z][a-z]|[a-z]{3}|[^\x00-\x7f]")


def tag_text(text: str, dct: dt.date | None, offset: int = 0) -> list[Timex]:
    """Timexes of one sentence (or any short text), spans shifted by ``offset``; empty when none."""
    if not text or not _QUICK.search(text):
        return []
    cands: list[tuple[int, int, int, str, str, str | None]] = []
    low = text.lower()
    ascii_only = text.isascii()
    digits = any(c.isdigit() for c in text)
    for prio, (name, rx) in enumerate(R.RULES):
        guard = R.GUARDS[name]
        if guard is None:
            if ascii_only and name in ("dm_f", "my_f", "weekday_f", "relday_f") and not _FOREIGN_ASCII.search(low):
                continue
        elif not any(g in low for g in guard):
            continue
        if name in _NEEDS_DIGIT and not digits:
            continue
        handler = HANDLERS[name]
        for m in rx.finditer(text):
            s, e = m.span("t") if "t" in rx.groupindex else m.span()
            if s < 0 or e <= s:
                continue
            res = handler(m, Ctx(dct, text, s))
            if res is None:
                continue
            typ, value, mod = res
            if not VALUE_RE.match(value):
                continue
            cands.append((s, e, prio, typ, value, mod))
    if not cands:
        return []
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[Timex] = []
    anchor = dct.isoformat() if dct else None
    for s, e, _p, typ, value, mod in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Timex(start=offset + s, end=offset + e, text=text[s:e], type=typ, value=value, mod=mod,
                         anchor=anchor))
    out.sort(key=lambda t: t.start)
    return out


def _units(article: CleanArticle, sentences: Iterable[Sentence]) -> list[tuple[int, str]]:
    """(source offset, text) of each sentence, or of each body paragraph when no sentences are given."""
    units = [(s.start, s.text) for s in sentences if article.text[s.start : s.end] == s.text]
    if units:
        return units
    return [(start, text) for start, _end, text in article.paragraphs()]


def tag_timexes(article: CleanArticle, sentences: tuple[Sentence, ...], dct: str | None = None) -> tuple[Timex, ...]:
    """Tag and normalise the TIMEX3 expressions of an article's body.

    Args:
        article: the cleaned article; spans index ``article.text``.
        sentences: body sentences in source offsets (when empty, body paragraphs are used).
        dct: reference date (ISO) to resolve relative expressions; None keeps TimeML's
            unresolved forms ("XXXX-10-28", "XXXX-WXX-5") for them.

    Returns:
        Timexes ordered by start offset; ``article.text[t.start:t.end] == t.text``.
    """
    ref = parse_dct(dct)
    out: list[Timex] = []
    for start, text in _units(article, sentences):
        out.extend(tag_text(text, ref, start))
    return tuple(out)
