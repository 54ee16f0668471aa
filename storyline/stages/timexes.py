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

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from storyline.model import CleanArticle, Sentence, Timex
from storyline.stages import timex_foreign as F
from storyline.stages import timex_rules as R
from storyline.stages.timex_normalise import (
    EN_WORDS,
    HANDLERS,
    VALUE_RE,
    Ctx,
    number_value,
    parse_dct,
    shift_value,
)

__all__ = ["VALUE_RE", "parse_dct", "tag_text", "tag_timexes"]

_NEEDS_DIGIT = {"iso", "dotted", "slash", "md", "dm", "dm_f", "my", "my_f", "year", "decade", "clock", "clock24"}
# ascii foreign month/weekday/day words: a sentence without any of these skips the foreign rules
# (and the German ordinal dot before a month spelt as in English: "bis 5. November")
_FOREIGN_ASCII = re.compile(
    "|".join(sorted({w for w in list(R.MONTHS) + list(R.WEEKDAYS) + list(R.REL_DAYS)
                     if w.isascii() and len(w) > 2 and w not in EN_WORDS}, key=len, reverse=True))
    + r"|\d\.\s+(?:april|august|september|november)\b")
_QUICK = re.compile(r"\d|[A-Z][a-z]|[a-z]{3}|[^\x00-\x7f]")
_DIGIT = re.compile(r"\d")
# sentence ends that are more likely an abbreviation inside a time expression ("10 p.m. Wednesday")
_SPLIT_ABBR = re.compile(r"(?:\b[ap]\.m\.|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)$")
_FOREIGN_RULES = {"dm_f", "my_f", "weekday_f", "relday_f"}
# a German day ordinal a sentence splitter took for a sentence end, before a month name
_DAY_ORDINAL_END = re.compile(r"\b[0-3]?\d\.$")
_MONTH_START = re.compile(rf"(?:{R.MON_F}|{R.MON_EN})")
# (priority, pattern, guard pattern on the lower-cased text or None, needs a digit, foreign-only rule
#  (True: the month/weekday rules, "rel": timex_foreign's), handler, pattern has a "t" group): the
#  rule table, compiled once
_GUARDS = {**R.GUARDS, **F.GUARDS}
_HANDLERS = {**HANDLERS, **F.HANDLERS}
_TABLE = [
    (prio, rx, _GUARDS[name], name in _NEEDS_DIGIT,
     "rel" if name in F.HANDLERS else name in _FOREIGN_RULES, _HANDLERS[name], "t" in rx.groupindex)
    for prio, (name, rx) in enumerate(R.RULES + F.RULES)
]
# German, French and Spanish function words that English text hardly uses: three of them make an
# article foreign (``foreign_document``); an all-ASCII sentence of another article runs timex_foreign's
# rules only when it holds one of these or of the shorter ones English names and loans also hold (the
# rules' guards alone cost English sentences about a tenth of the tagger's time)
_DOC_FUNCTION_WORDS = frozenset(
    "und der das den dem eine ist nicht mit sich auf hat wird auch nach bei zum zur vom "
    "les des est une dans pour avec sur qui aux sont leur cette mais "
    "los las del por con una que para como pero fue sus".split())
_FOREIGN_FUNCTION_WORDS = _DOC_FUNCTION_WORDS | frozenset(
    "die sind vor seit bis im um zu ein einem le la du au et il en el es se de y anoche".split())


def tag_text(text: str, dct: dt.date | None, offset: int = 0, foreign_doc: bool = False) -> list[Timex]:
    """Timexes of one sentence (or any short text), spans shifted by ``offset``; empty when none.
    ``foreign_doc``: the text comes from a German, French or Spanish article (``foreign_document``),
    so the other-language rules run on it even where it holds no function word of its own."""
    if not text or not _QUICK.search(text):
        return []
    cands: list[tuple[int, int, int, str, str, str | None]] = []
    low = text.lower()
    digits = _DIGIT.search(text) is not None
    ascii_only = text.isascii()
    foreign = None if not ascii_only else _FOREIGN_ASCII.search(low) is not None
    function_word = not _FOREIGN_FUNCTION_WORDS.isdisjoint(low.split())
    relative_foreign = foreign_doc or not ascii_only or function_word
    # "05/10/2024" is 5 October in other languages' text (the article is German, French, Spanish,
    # Russian or Ukrainian, or the sentence holds one of their function words; the slash handler
    # also looks for a Cyrillic letter), 10 May in English
    day_first = foreign_doc or function_word
    for prio, rx, guard, needs_digit, is_foreign, handler, has_t in _TABLE:
        if (is_foreign == "rel" and not relative_foreign) or (is_foreign is True and foreign is False):
            continue
        if guard is not None:
            for g in guard:
                if g in low:
                    break
            else:
                continue
        if needs_digit and not digits:
            continue
        for m in rx.finditer(text):
            s, e = m.span("t") if has_t else m.span()
            if s < 0 or e <= s:
                continue
            res = handler(m, Ctx(dct, text, s, day_first))
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
    if len(out) > 1:
        out = _join_adjacent(out, text, offset)
    if dct is not None:
        _clock_on_named_day(out, dct)
    return out


_SPELLED_YEAR = re.compile(r"(?i)^(?:nineteen|twenty|two\s+thousand)\b")
_MONTH_OR_SEASON = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|SP|SU|FA|WI)$")
_YEAR_VALUE = re.compile(r"\d{4}")
_OF_GAP = re.compile(r"\s+(?:of\s+)?")


def _join_adjacent(out: list[Timex], text: str, offset: int) -> list[Timex]:
    """Neighbouring expressions that are one (``_joined``), merged into the first one's span."""
    res: list[Timex] = []
    for t in out:
        prev = res[-1] if res else None
        joined = _joined(prev, t, text[prev.end - offset : t.start - offset]) if prev is not None else None
        if joined is not None:
            res[-1] = dataclasses.replace(prev, end=t.end, text=text[prev.start - offset : t.end - offset],
                                          type=joined[0], value=joined[1])
            continue
        res.append(t)
    return res


def _joined(prev: Timex, t: Timex, gap: str) -> tuple[str, str] | None:
    """(type, value) of ``prev`` and ``t`` read as one expression, else None:
    - a month or season, then a spelled-out year ("January nineteen ninety-seven", "the winter of
      nineteen ninety-four" in broadcast transcripts): the year replaces the guessed one;
    - a part of the day alone, then a full date ("Ночью 9 октября", "Вранці 5 жовтня"): that date's
      part (one TIME 2024-10-09TNI, not tonight and a date)."""
    if t.type != "DATE":
        return None
    if (_YEAR_VALUE.fullmatch(t.value) and _SPELLED_YEAR.match(t.text) and prev.type == "DATE"
            and _MONTH_OR_SEASON.match(prev.value) and not _DIGIT.search(prev.text) and _OF_GAP.fullmatch(gap)):
        return "DATE", t.value + prev.value[4:]
    if (_FULL_DAY.fullmatch(t.value) and prev.type == "TIME" and _FULL_DAY.fullmatch(prev.value[:10])
            and _PART_OF_DAY.fullmatch(prev.value[10:]) and " " not in prev.text.strip() and not gap.strip()):
        return "TIME", t.value + prev.value[10:]
    return None


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI)")
_DAY_WORD = re.compile(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|tonight|jan|feb|mar|apr|may|"
                       r"jun|jul|aug|sep|oct|nov|dec)")


def _clock_on_named_day(out: list[Timex], dct: dt.date) -> None:
    """A clock time that names no day ("at 18:00 UTC") happens on the day the same sentence names
    ("made its first flight Tuesday ... at 18:00 UTC"), not on the reference date."""
    # days: full dates and parts of named days ("gestern Abend um 22.15 Uhr")
    days = [t for t in out if _FULL_DAY.fullmatch(t.value[:10]) and ((t.type == "DATE" and len(t.value) == 10)
                                                                    or _PART_OF_DAY.fullmatch(t.value[10:]))]
    if not days:
        return
    ref = dct.isoformat() + "T"
    for i, t in enumerate(out):
        if (t.type == "TIME" and t.value.startswith(ref) and t.value[11:12].isdigit()
                and not _DAY_WORD.search(t.text)):
            others = [d for d in days if d is not t]
            if others:
                near = min(others, key=lambda d: abs(d.start - t.start))
                out[i] = dataclasses.replace(t, value=near.value[:10] + t.value[10:])


# a sentence end: ".", "!" or "?" (and closing quotes) before whitespace and an upper-case letter,
# a digit or an opening quote; not after a day ordinal ("12. März"), a single letter or a common
# abbreviation ("z. B.", "Dr.", "St.", "Mo.", "janv.", "г.")
_SENT_END = re.compile(r"(?<=[.!?])[\"'»“”)]*\s+(?=[A-ZÄÖÜÀ-ÝА-ЯЁІЇЄҐ0-9«„\"'(])")
_NO_END_BEFORE = re.compile(r"(?:\b\d{1,2}|\b\w|\b(?:Dr|Prof|St|Nr|Mo|Di|Mi|Do|Fr|Sa|So|bzw|ca|vgl|Mme|Mlle|Sr|Sra|"
                            r"janv|févr|avr|juil|sept|oct|nov|déc|Jan|Feb|Apr|Aug|Sep|Okt|Dez|г|гг|р|ул|вул|им|ім))\.$")


def _sentences_by_rule(article: CleanArticle) -> list[tuple[int, str]]:
    """(source offset, text) of the body's sentences by a punctuation rule, paragraph by paragraph."""
    units: list[tuple[int, str]] = []
    for start, _end, para in article.paragraphs():
        pos = 0
        for m in _SENT_END.finditer(para):
            if _NO_END_BEFORE.search(para, max(0, m.start() - 8), m.start()):
                continue
            piece = para[pos : m.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                units.append((start + pos + lead, piece.strip()))
            pos = m.end()
        piece = para[pos:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            units.append((start + pos + lead, piece.strip()))
    return units


def _units(article: CleanArticle, sentences: Iterable[Sentence]) -> list[tuple[int, str]]:
    """(source offset, text) of each sentence, or of each body paragraph when no sentences are given."""
    units: list[tuple[int, str]] = []
    text = article.text
    for s in sentences:
        if text[s.start : s.end] != s.text:
            continue
        if units and (_SPLIT_ABBR.search(units[-1][1])
                      or (_DAY_ORDINAL_END.search(units[-1][1]) and _MONTH_START.match(s.text))):
            p_start, p_text = units[-1]
            gap = text[p_start + len(p_text) : s.start]
            if not gap.strip() and len(gap) <= 3:  # a cut after "p.m.", "Nov.", "12." (of "12. März"): join
                units[-1] = (p_start, text[p_start : s.end])
                continue
        units.append((s.start, s.text))
    if units:
        return units
    return [(start, text) for start, _end, text in article.paragraphs()]


_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_ACCENTED = re.compile(r"[äöüßéèêàçñáíóú]")


def foreign_document(body: str) -> bool:
    """True for a German, French, Spanish, Russian or Ukrainian body: Cyrillic letters, or in its
    first 3,000 characters three distinct function words of those languages or five letters with
    their diacritics (an English "café" or "Pokémon" stays English)."""
    head = body[:3000]
    if _CYRILLIC.search(head):
        return True
    return (len(_DOC_FUNCTION_WORDS.intersection(head.lower().split())) >= 3
            or len(_ACCENTED.findall(head)) >= 5)


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
    foreign = foreign_document(article.body or article.text)
    # the English parser cuts other languages' sentences before capitalised nouns ("vor zwei |
    # Wochen"): there the body is split here, at sentence ends only
    units = _sentences_by_rule(article) if foreign else _units(article, sentences)
    for start, text in units:
        out.extend(tag_text(text, ref, start, foreign))
    if ref is not None and out:
        out = _resolve_in_document(out, ref, article.text)
    return tuple(out)


# anaphoric expressions, resolved against the last date mentioned before them (TimeML anchoring)
_ANAPHOR = re.compile(r"(?i)(?:the\s+(?P<rel>following|previous|preceding|same|prior)|(?P<that>that))\s+"
                      r"(?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)$")
_RELATIVE = re.compile(r"(?i)(?P<n>.+?)\s+(?P<unit>day|week|fortnight|month|quarter|year|decade)s?\s+"
                       r"(?P<dir>earlier|later|before|after)$")
_ANCHOR_VALUE = re.compile(r"\d{4}(?:-(?:\d{2}|Q[1-4]|W\d{2}))?")
_COMPARATIVE = re.compile(r"(?i)(?:earlier|later|before|after|ago)$|^year-")
_YEAR_BACK = re.compile(r"(?i)(?:(?:a|one)\s+year\s+(?:ago|earlier)|year-(?:earlier|ago))$")
_MONEY = re.compile(r"\$|\bcents?\b|\bmillion\b|\bbillion\b|%")
_ORDINAL_Q = re.compile(r"(?i)\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\b")
_IMPLICIT_Q = re.compile(r"(?i)\b(?:quarter|period|year-earlier|year-ago|year\s+(?:earlier|ago))\b")


def _resolve_in_document(out: list[Timex], ref: dt.date, text: str) -> list[Timex]:
    """Document-level resolution: anaphoric expressions ("the following year", "two days later") take
    the last date mentioned before them as anchor; implicit reporting quarters ("for the quarter", "the
    year-earlier period", "a year ago" next to quarterly figures) follow the quarter the article reports."""
    # the reporting quarter: the first explicit ordinal quarter of the DCT's year or the one before
    report = None
    for t in out:
        if t.type == "DATE" and "-Q" in t.value and _ORDINAL_Q.search(t.text):
            y, q = int(t.value[:4]), int(t.value[-1])
            if ref.year - 1 <= y <= ref.year and not re.search(r"(?i)\b(?:last|next|year-)", t.text):
                report = y * 4 + q - 1
                break
    default_q = ref.year * 4 + (ref.month - 1) // 3 - 1
    res: list[Timex] = []
    anchor: str | None = None
    for t in out:
        value = t.value
        m = _ANAPHOR.match(t.text) if t.type in ("DATE", "TIME") else None
        r = _RELATIVE.match(t.text) if m is None and t.type == "DATE" else None
        foreign_shift = F.ANAPHORS.get(" ".join(t.text.lower().split())) if t.type == "DATE" else None
        if m and anchor:
            shift = {"following": 1, "previous": -1, "preceding": -1, "prior": -1}.get((m.group("rel") or "").lower(), 0)
            value = shift_value(anchor, m.group("unit").lower(), shift) or value
        elif foreign_shift is not None and anchor:  # "am Folgetag", "le lendemain", "накануне"
            value = shift_value(anchor, "day", foreign_shift) or value
        elif r and anchor:
            n = number_value(r.group("n").split()[-1])  # "a day later", "about three years earlier"
            if n is not None and n >= 1 and n == int(n):
                sign = -1 if r.group("dir").lower() in ("earlier", "before") else 1
                value = shift_value(anchor, r.group("unit").lower(), sign * int(n)) or value
        elif report is not None and "-Q" in value and not _ORDINAL_Q.search(t.text) and _IMPLICIT_Q.search(t.text):
            k = int(value[:4]) * 4 + int(value[-1]) - 1 + report - default_q
            value = f"{k // 4:04d}-Q{k % 4 + 1}"
        if (report is not None and _YEAR_BACK.match(t.text) and value == f"{ref.year - 1:04d}"
                and _MONEY.search(text, max(0, t.start - 150), t.end + 30)):
            value = f"{(report - 4) // 4:04d}-Q{(report - 4) % 4 + 1}"  # "from $1.12 a share a year ago"
        if value != t.value:
            t = Timex(start=t.start, end=t.end, text=t.text, type=t.type, value=value, mod=t.mod, anchor=t.anchor,
                      in_chrome=t.in_chrome)
        if t.type in ("DATE", "TIME") and _ANCHOR_VALUE.match(t.value) and not _COMPARATIVE.search(t.text):
            anchor = t.value
        res.append(t)
    return res
