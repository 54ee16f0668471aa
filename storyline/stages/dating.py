"""Publication-date inference: a window from evidence, a date only when it is safe.

Every source of evidence becomes a constraint on the publication day, written as a union of
intervals (a weekday-consistent "Thursday, October 31" allows one interval per fitting year; an
officeholder's title allows each of their terms). Constraints are intersected strongest first;
one that would empty the window is recorded as conflicting and skipped, so a wrong weak cue can
never override strong evidence. A point date is given only from strong evidence (the source's
metadata, a dateline by the title, a related-article teaser next to the body) that lies inside
the window, or when the window itself is a day wide; otherwise ``date`` is None and the window
says what is known (htmldate/news-please also reject rather than guess; see STYLE.md §2).

Chrome other than teasers adjacent to the body, datelines by the title and bylines is never used:
pages scraped later carry "Popular" lists and tickers from years after the article. Bylines are a
full date after a publication cue ("Published", "Veröffentlicht am", "by NAME on") or alone on a
short line near the title; a list of such dates, the end of a range, or a later date the body
reports as past makes the page abstain instead.

When none of these dates the page, a weaker fallback (confidence 0.45-0.55) lets every full date
the page scanner reads (many written forms and languages; 03/05/2019 in the order the page or its
language uses) vote for its day: byline-like lines in the header zone, after a publication cue or
leading the body weigh most; prose, comment timestamps and far chrome little; future days not at
all. The winner must clearly beat the runner-up, lie in the window and not predate a day the body
reports as past.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.model import CleanArticle, DateEvidence, Mention, Published, Timex
from storyline.stages import timex_foreign as F
from storyline.stages import timex_rules as R
from storyline.stages.timex_normalise import number_value
from storyline.stages.timexes import parse_dct, tag_text, tag_timexes

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FLOOR = dt.date(1990, 1, 1)  # settings.dates.earliest default: older publication dates are implausible
CEIL = dt.date(2100, 12, 31)  # "no upper bound" inside the interval arithmetic
TEASER_DAYS = 3  # related teasers are published within about three days of the article (either side)
TEASER_GAP_CHARS = 400  # a teaser this close to the body's end (or start) counts as adjacent
TITLE_ZONE_CHARS = 300  # datelines are searched this far around the title and the body start
OFFICE_GRACE_DAYS = 14  # reports can still use a title for a few days after the term ended
DATELINE_MAX_CHARS = 100  # datelines and bylines are short lines
BODY_DATELINE_CHARS = 40  # "WASHINGTON, Oct. 5 (Reuters) -": a body date this close to its start is a dateline
TITLE_COPY_TAIL_CHARS = 30  # a date (and time) after a copy of the headline on its line: a list item's stamp
TITLE_COPY_MIN_CHARS = 15  # shorter headlines recur as plain words, not as copies of the headline
DATELINE_SPREAD_DAYS = 2  # datelines differing more than this are timestamps of a list, not of the article

Intervals = list[tuple[dt.date, dt.date]]


@dataclass(frozen=True, slots=True)
class _Constraint:
    """One piece of evidence: allowed intervals, its weight, and optionally a point date."""

    allowed: tuple[tuple[dt.date, dt.date], ...]
    weight: float
    evidence: DateEvidence
    point: dt.date | None = None


def _iv(lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    """Interval clipped to [FLOOR, CEIL]."""
    return max(lo, FLOOR), min(hi, CEIL)


def _intersect(a: Intervals, b: Iterable[tuple[dt.date, dt.date]]) -> Intervals:
    """Intersection of two interval unions (empty list when disjoint)."""
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(set(out))


def _yearly(fn: Callable[[int], tuple[dt.date, dt.date] | None]) -> tuple[tuple[dt.date, dt.date], ...]:
    """Union over plausible years of the interval ``fn(year)`` (None: that year does not fit)."""
    out = []
    for y in range(FLOOR.year - 1, CEIL.year + 1):
        try:
            iv = fn(y)
        except ValueError:  # 29 February in a common year
            continue
        if iv is not None and iv[0] <= iv[1]:
            out.append(_iv(*iv))
    return tuple(out)


def _ev(article: CleanArticle, start: int, end: int, why: str, allowed: Iterable[tuple[dt.date, dt.date]],
        weight: float) -> DateEvidence:
    """Evidence record for a span of the source text and the window it allows."""
    allowed = list(allowed)
    lo = min(a for a, _ in allowed) if allowed else None
    hi = max(b for _, b in allowed) if allowed else None
    return DateEvidence(start=start, end=end, text=article.text[start:end], why=why,
                        earliest=lo.isoformat() if lo and lo > FLOOR else None,
                        latest=hi.isoformat() if hi and hi < CEIL else None, weight=weight)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """(offset, text) of the sentence-like stretch holding [start, end)."""
    lo = max(text.rfind(c, max(0, start - 300), start) for c in ".!?\n")
    his = [i for i in (text.find(c, end, end + 300) for c in ".!?\n") if i >= 0]
    hi = min(his) if his else min(len(text), end + 300)
    return lo + 1, text[lo + 1 : hi]


# --------------------------------------------------------------------------- evidence sources


def _from_hint(article: CleanArticle) -> list[_Constraint]:
    """The publication date the source or page metadata gave."""
    d = parse_dct(article.published_hint)
    if d is None:
        return []
    allowed = (_iv(d - dt.timedelta(days=1), d + dt.timedelta(days=1)),)
    return [_Constraint(allowed, 1.0, _ev(article, 0, 0, "publication date given by the source metadata",
                                          allowed, 1.0), d)]


def _in_body(article: CleanArticle, offset: int) -> bool:
    """True when the source offset lies inside one of the body's segments."""
    return any(seg.start <= offset < seg.start + seg.length for seg in article.segments)


def _body_bounds(article: CleanArticle) -> tuple[int, int]:
    """Source offsets of the body's first and last character (0, 0 when empty). Body lines above
    the title (a teaser the cleaner kept from a list over the article) do not start it: the body
    starts at its first line after the title when there is one."""
    if not article.segments:
        return 0, 0
    last = article.segments[-1]
    first = article.segments[0].start
    if article.title_end is not None and first < article.title_end:
        first = next((seg.start for seg in article.segments if seg.start >= article.title_end), first)
    return first, last.start + last.length


def _from_teasers(article: CleanArticle) -> list[_Constraint]:
    """Timestamps of related-article teasers next to the body: within a few days of publication."""
    b0, b1 = _body_bounds(article)
    out = []
    for t in article.teasers:
        d = parse_dct(t.timestamp)
        if d is None:
            continue
        after = 0 <= t.start - b1 <= TEASER_GAP_CHARS
        before = 0 <= b0 - t.end <= TEASER_GAP_CHARS
        if not (after or before):
            continue
        allowed = (_iv(d - dt.timedelta(days=TEASER_DAYS), d + dt.timedelta(days=TEASER_DAYS)),)
        s, e = (t.ts_start, t.ts_end) if t.ts_start is not None and t.ts_end is not None else (t.start, t.end)
        # below an explicit publication cue (0.78): a teaser stamped days later is an update or a
        # related item, the cue is the article's own date
        out.append(_Constraint(allowed, TEASER_WEIGHT, _ev(article, s, e, "related-article teaser next to the body",
                                                           allowed, TEASER_WEIGHT), d))
    return out[:2]


def _from_datelines(article: CleanArticle) -> list[_Constraint]:
    """Full dates on the lines around the title and at the start of the body (datelines, bylines),
    and beside copies of the headline elsewhere on the page."""
    b0, b1 = _body_bounds(article)
    zones = [(b0, min(b1, b0 + TITLE_ZONE_CHARS))]
    if article.title_start is not None and article.title_end is not None and article.title_start < b0:
        # only the lines before the body: chrome after it is never a dateline
        zones.append((max(0, article.title_start - TITLE_ZONE_CHARS), min(b0, article.title_end + TITLE_ZONE_CHARS)))
    elif b0 > 0:
        zones.append((max(0, b0 - TITLE_ZONE_CHARS), b0))
    out = _zone_dates(article, zones, b0, set(), set(), "dateline by the title", 0.75)
    days = [d for c in out for iv in c.allowed for d in iv]
    if days and (max(days) - min(days)).days > DATELINE_SPREAD_DAYS + 1:
        out = []  # several different dates (comment or list timestamps): no dateline
    copies: list[tuple[int, int]] = []
    long_ok: set[int] = set()  # zones whose lines may be long (a page title or breadcrumb with the date)
    if article.title and article.title_start is not None and len(article.title) >= TITLE_COPY_MIN_CHARS:
        # the headline said again elsewhere (a header block above the main one, a "recent posts"
        # list): the one line right under that copy dates it too
        own = re.escape(article.title)
        for m in re.finditer(rf"(?m)^[ \t]*{own}[ \t]*$", article.text):
            if m.start() <= article.title_start < m.end():
                continue
            nxt = article.text.find("\n", m.end() + 1)
            copies.append((m.end(), nxt if nxt >= 0 else len(article.text)))
        # a line holding the headline and one date: above the body the page title or a breadcrumb
        # ("Headline - 11/05/2022 - Site"), anywhere a list item ("Headline 20.10.2021 - 10:24")
        item_tail = re.compile(rf"[ \t]*[-–—|,:·•(]?[ \t]*(?=\d)[^\n]{{6,{TITLE_COPY_TAIL_CHARS}}}")
        for m in re.finditer(rf"(?im)^(?P<pre>[^\n]*?){own}(?P<post>[^\n]*)$", article.text):
            if m.start() <= article.title_start < m.end():
                continue
            item = not m["pre"].strip() and item_tail.fullmatch(m["post"]) is not None
            if (m.start() < b0 or item) and len(_full_dates(m.group(0), m.start())) == 1:
                copies.append((m.start(), m.end()))
                long_ok.add(m.start())
    beside = _zone_dates(article, copies, b0, long_ok, set(), "a date beside a copy of the headline", 0.74)
    if len({c.allowed for c in beside}) == 1:  # copies that disagree date nothing
        return out[:2] + beside[:1]
    return out[:2]


def _zone_dates(article: CleanArticle, zones: list[tuple[int, int]], b0: int, long_ok: set[int], seen: set[int],
                why: str, weight: float) -> list[_Constraint]:
    """Dateline constraints for the full dates on the short lines of ``zones`` (``seen``: offsets
    already used; ``long_ok``: zone starts whose lines may be long)."""
    out = []
    for z0, z1 in zones:
        if z1 <= z0:
            continue
        for line in re.finditer(r"[^\n]+", article.text[z0:z1]):
            if len(line.group(0)) > DATELINE_MAX_CHARS and z0 != b0 and z0 not in long_ok:
                continue
            for tx in tag_text(line.group(0)[:200], None, z0 + line.start()):
                if tx.start in seen or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", tx.value):
                    continue
                prefix = article.text[z0 + line.start() : tx.start]
                if _ranged(article.text, z0 + line.start(), tx.start, tx.end) or (z0 != b0 and _IN_SENTENCE.search(prefix)):
                    continue  # either end of a range, or a date inside a sentence: no dateline
                if z0 == b0 and tx.start - b0 > BODY_DATELINE_CHARS and not (
                        not prefix.strip() and _DASH_AFTER.match(article.text, tx.end)) and (
                        _in_body(article, tx.start) or len(line.group(0)) > DATELINE_MAX_CHARS
                        or _IN_SENTENCE.search(prefix)):
                    # in the body only a leading dateline, or "29.11.2022 – " opening a paragraph; a
                    # short chrome line between the body's first paragraphs ("Erschienen am" /
                    # "15.12.2022" under the lede) is a byline like one above the body
                    continue
                seen.add(tx.start)
                d = dt.date.fromisoformat(tx.value[:10])
                allowed: tuple[tuple[dt.date, dt.date], ...] = (_iv(d, d + dt.timedelta(days=1)),)
                point: dt.date | None = d
                sm = re.fullmatch(r"(\d{1,2})/(\d{1,2})/\d{2,4}", tx.text.strip())
                if sm and int(sm[1]) <= 12 and int(sm[2]) <= 12 and sm[1] != sm[2]:
                    # 03/05/2022: March 5 or 3 May depending on the locale: allow both; the date is
                    # the reading the page's other slashed dates or its language use (the tagger's
                    # value already follows the text's language: both readings come from the digits)
                    md, dm = dt.date(d.year, int(sm[1]), int(sm[2])), dt.date(d.year, int(sm[2]), int(sm[1]))
                    allowed = tuple(sorted((_iv(md, md + dt.timedelta(days=1)), _iv(dm, dm + dt.timedelta(days=1)))))
                    first = _day_first(_scan_dates(article.text), article.text)
                    point = None if first is None else dm if first else md
                out.append(_Constraint(allowed, weight, _ev(article, tx.start, tx.end, why, allowed, weight), point))
    return out


_CUE_WORDS = (r"(?:published|posted|updated|last\s+modified|first\s+published|date|dated|veröffentlicht|publiziert|"
              r"erstellt|eingetragen|geschrieben|verfasst|aktualisiert|zuletzt\s+geändert|stand|datum|"
              r"erscheinungsdatum|veröffentlichungsdatum|publikationsdatum|erschienen|publié|"
              r"mis\s+à\s+jour|mise?\s+en\s+ligne|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|"
              r"опубликовано|опубліковано)")
_DASH_AFTER = re.compile(r"[ \t]*[-–—][ \t]+\S")
_BY_WORDS = r"(?:by|von|par|por|di)"
_PUB_CUE = re.compile(
    rf"\b{_CUE_WORDS}\b[^\n\d]{{0,50}}$"
    rf"|(?:^|[\s|•·/])(?P<by>{_BY_WORDS})\s+[^\n\d.!?|•·]{{2,40}}?(?:\s+(?:on|am|le|el|il)\s+|\s*[|•·–—]\s*)$",
    re.I)
# a publication verb after the date it cues ("wurde am 19. Mai 2010 um 23:03 Uhr gepostet")
_AM_BEFORE = re.compile(r"\b(?:am|on)\s*$", re.I)
_CUE_AFTER = re.compile(r"[^\n.!?]{0,30}?\b(?:gepostet|veröffentlicht|publiziert|geschrieben|erstellt|posted|published)\b",
                        re.I)
_STAMP_START = re.compile(rf"\W*(?:{_CUE_WORDS}\b|{_BY_WORDS}\s)", re.I)
_TIME_OF_DAY = re.compile(r"\b(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\d{3,4}\s*(?:GMT|UTC|ET|EST|EDT|CET|CEST|BST|HKT|PT|PST|PDT))"
                          r"(?:\s*\([^()\n]{0,20}\))?", re.I)
# a cue alone on the line above the date ("Mise en ligne" / "23 mai 2019")
_CUE_LINE = re.compile(rf"\W*(?:{_CUE_WORDS}|\w+datum)(?:\s+(?:am|on|le|el|il|the))?\W*", re.I)
# an author line next to a date line: "By Michael Hingston" / "Von Anna Muster"
_BYLINE_LINE = re.compile(r"(?i:by|von|par|por|door|av)\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s*){1,4}", re.U)
# blog software's footer under an entry, its categories and tags before the date: "This entry was
# posted in News and tagged roads on March 5, 2012 by admin." / "Dieser Eintrag wurde
# veröffentlicht in ... am 11. Dezember 2012 von ..." (WordPress and its translations)
_ENTRY_FOOTER = re.compile(
    r"\W*(?:this\s+(?:entry|post)\s+was\s+(?:posted|published|written|filed)"
    r"|dieser\s+(?:eintrag|beitrag|artikel)\s+wurde\s+(?:\w+\s+)?(?:veröffentlicht|gepostet|geschrieben)"
    r"|cet(?:te)?\s+(?:entrée|article|billet)\s+a\s+été\s+(?:publiée?|écrite?|posté)"
    r"|esta\s+entrada\s+(?:fue|ha\s+sido)\s+publicada|questa\s+voce\s+è\s+stata\s+pubblicata)"
    r"\b[^\n]{0,300}?\b(?:on|am|le|el|en|il)(?:\s+[^\W\d_]+,)?\s*$", re.I)
_EMBED_CUE = re.compile(r"\b(?:shared|geteilt|partag[ée]e?|compartid[ao]|condivis[ao]|gedeeld)\W*$", re.I)
TEASER_WEIGHT = 0.77
INDEX_MIN_ENTRIES = 3  # cued dates, newest first, that make a page an index of entries
REPORTED_LATER_DAYS = 7  # a past date the body reports this much after a weak page date vetoes it
BYLINE_PROSE_CHARS = 80  # "by NAME on DATE" this far into a line is a sentence, not a byline
BYLINE_ZONE_CHARS = 600  # an uncued short date line this far before the title/body start is a byline
BYLINE_EXTRA_CHARS = 45  # a byline line holds little besides its date (author, time, section)
BYLINE_MAX_DATES = 1  # more distinct dates in the zone: an archive or comment list, not a byline
_RANGE_END = re.compile(r"\d\.?\s*(?:[-–—]|bis|to|until)\s*$", re.I)
# the start of a range: another day (and month) follows, not a time ("20.10.2021 - 14:30")
_RANGE_START = re.compile(r"\s*(?:[-–—]|bis\b|to\b|until\b)\s*\d{1,2}(?:\.\s*\d{1,2}\.|\.?\s+[^\W\d_]{3,})")
_STAMP_GAP = re.compile(r"[\s|/·•,]{1,5}")  # between a published and a modified date on one line
_UPDATE_CUE = re.compile(r"\b(?:update|updated|aktualisiert|zuletzt|stand|mis\s+à\s+jour|actualizado|aggiornato|"
                         r"last\s+modified)\b", re.I)
# "released on November 5, 2019": a date inside a sentence, not a byline
_IN_SENTENCE = re.compile(r"\w+\W+\w+.*\b(?:vom|von|on|am|from|since|seit|bis|until|zum|ab|in|released|at)\W*$", re.I)


def _full_dates(line: str, offset: int) -> list[Timex]:
    """Full-date timexes (YYYY-MM-DD, optional time) of one line, with the forms the page scanner
    reads and the tagger does not ("Dezember 26, 2019", "4 de maio de 2022", "2019年3月12日")."""
    out = [t for t in tag_text(line[:300], None, offset) if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", t.value)]
    for d in _scan_dates(line[:300], offset):
        if len(d.days) == 1 and not any(t.start < d.end and d.start < t.end for t in out):
            out.append(Timex(d.start, d.end, line[d.start - offset : d.end - offset], "DATE", d.days[0].isoformat()))
    return sorted(out, key=lambda t: t.start)


def _from_bylines(article: CleanArticle) -> list[_Constraint]:
    """Publication cues ("Published", "Veröffentlicht am", "Stand:") before a full date, and short
    date lines in the zone around the title and body start: bylines of the page's own article."""
    b0, b1 = _body_bounds(article)
    t0 = min(article.title_start, b0) if article.title_start is not None else b0
    cued: list[tuple[bool, int, int, Timex]] = []
    short: list[Timex] = []
    for line in re.finditer(r"[^\n]+", article.text):
        ls, txt = line.start(), line.group(0)
        if len(txt) > 400:
            continue
        dates = [t for t in _full_dates(txt, ls) if not _ranged(article.text, ls, t.start, t.end)]
        for tx in dates:
            # "Updated 2010 GMT (0410 HKT) March 14, 2021": a time of day may sit between cue and date
            before = _TIME_OF_DAY.sub(" ", txt[max(0, tx.start - ls - 70) : tx.start - ls])
            cue = _PUB_CUE.search(before)
            if cue and cue.group("by") and tx.start - ls > BYLINE_PROSE_CHARS:
                cue = None  # "restrained by Metropolitan Police officers on 9 March 2018": prose, no byline
            if cue is None and _AM_BEFORE.search(before):  # "Dieser Eintrag wurde am DATE um 23:03 Uhr gepostet"
                cue = _CUE_AFTER.match(txt, tx.end - ls)
            if cue is None:
                cue = _ENTRY_FOOTER.match(txt[: tx.start - ls])
            if cue is None and not before.strip():
                prev = article.text[: max(ls - 1, 0)].rsplit("\n", 1)[-1]
                cue = (_CUE_LINE.fullmatch(prev) if len(prev) <= 40 else None) or _BYLINE_LINE.fullmatch(prev)
            if cue is None and not txt[tx.end - ls :].strip():  # the date ends its line: "By NAME" below?
                nxt = article.text[line.end() + 1 :].split("\n", 1)[0]
                cue = _BYLINE_LINE.fullmatch(nxt)
            if cue and _EMBED_CUE.search(before[: cue.start() + 1]):
                cue = None  # "A post shared by NAME on DATE": an embedded social post, not the byline
            if cue:
                zone = 0 if t0 - BYLINE_ZONE_CHARS <= tx.start < b0 + BODY_DATELINE_CHARS else 1 if tx.start < b1 else 2
                dist = 0 if zone == 0 else abs(tx.start - t0) if zone == 1 else tx.start - b1
                # "11.01.2022 / Aktualisiert am 21.01.2022": the line's first date is the publication
                cued.append((bool(_UPDATE_CUE.search(cue.group(0))) and dates[0] is tx, zone, dist, dates[0]))
                break
            if (len(txt) <= len(tx.text) + BYLINE_EXTRA_CHARS and len({t.value[:10] for t in dates}) == 1
                    and not txt.rstrip().endswith(".") and not _IN_SENTENCE.search(txt[: tx.start - ls])
                    and t0 - BYLINE_ZONE_CHARS <= tx.start < max(b0 + BODY_DATELINE_CHARS, min(b1, b0 + BYLINE_ZONE_CHARS))):
                short.append(tx)
    out = []
    index: Timex | None = None
    if len({c[3].value[:10] for c in cued}) > 1:  # a list of cued dates: only the one by the title counts
        in_order = [c[3] for c in sorted(cued, key=lambda c: c[3].start)]
        if len(in_order) >= INDEX_MIN_ENTRIES and all(a.value[:10] >= b.value[:10] for a, b in itertools.pairwise(in_order)):
            index = in_order[0]  # newest first: a blog's index page, dated by its top entry (comments run oldest first)
        cued = [c for c in cued if c[1] == 0]
        if len({c[3].value[:10] for c in cued}) > 1:
            return out
    if len({c[3].value[:10] for c in cued}) != 1 or any(c[0] for c in cued):
        cued = [c for c in cued if c[1] < 2 or c[2] <= TEASER_GAP_CHARS // 2]
    if cued:
        tx = min(cued, key=lambda c: c[:3])[3]
        why, w = "publication cue before a full date", 0.78
    elif index is not None:
        tx, why, w = index, "the top entry of a page of dated entries, newest first", 0.6
    elif short and len({t.value[:10] for t in short}) <= BYLINE_MAX_DATES:
        tx = min(short, key=lambda t: min(abs(t.start - t0), abs(t.start - b0)))
        why, w = "short date line by the title or body", 0.7
    else:
        return out
    if re.fullmatch(r"(\d{1,2})/(\d{1,2})/\d{2,4}", tx.text.strip()):
        return out  # month/day order unknown
    d = dt.date.fromisoformat(tx.value[:10])
    allowed = (_iv(d, d + dt.timedelta(days=1)),)
    out.append(_Constraint(allowed, w, _ev(article, tx.start, tx.end, why, allowed, w), d))
    return out


def _tense(article: CleanArticle, tx: Timex) -> str:
    """Tense of the verb governing the timex: a cue in its clause; "" when unsure or a deadline-like date."""
    off, sent = _sentence_around(article.text, tx.start, tx.end)
    before = sent[: tx.start - off]
    if _SINCE.search(before):
        return "past"  # "killings since 1993", "seit März": a period running up to the writing started before it
    if _DEADLINE.search(before):
        return ""  # "due March 1, 2011", "until 2030", "by 2025": not when something happened
    return R.tense_at(sent, tx.start - off, TENSE_CUE_CHARS)


TENSE_CUE_CHARS = 40  # farther tense cues mis-date too often (TimeBank with the DCT hidden)
_DEADLINE = re.compile(r"\b(?:due|until|till|through|by|before|to|from|matur\w*|expir\w*|deadline|between|"
                       r"ends?|ending|effective|starting|as\s+of)\s+(?:the\s+)?(?:\w+\s+){0,1}$", re.I)
_SINCE = re.compile(r"\b(?:[Ss]ince|[Ss]eit)\s+(?:the\s+|dem\s+|der\s+)?(?:\w+\s+)?$")
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YM = re.compile(r"^(\d{4})-(\d{2})$")
_Y = re.compile(r"^(\d{4})$")
_XMD = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_XM = re.compile(r"^XXXX-(\d{2})$")


def _day_month(mon: int, day: int, wd: int | None, past: bool, this_year: bool) -> tuple[tuple[dt.date, dt.date], ...]:
    """Yearly intervals a day-month without a year allows."""

    def span(y: int) -> tuple[dt.date, dt.date] | None:
        d = dt.date(y, mon, day)
        if wd is not None and d.isoweekday() != wd:
            return None
        if past:
            return d, dt.date(y, 12, 31) if this_year else dt.date(y + 1, mon, 1) + dt.timedelta(days=60)
        return dt.date(y, 1, 1) if this_year else dt.date(y - 1, mon, 1), d

    return _yearly(span)


def _month_only(mon: int, past: bool, this_year: bool) -> tuple[tuple[dt.date, dt.date], ...]:
    """Yearly intervals a month without a year allows."""

    def span(y: int) -> tuple[dt.date, dt.date]:
        if past:
            return dt.date(y, mon, 1), dt.date(y, 12, 31) if this_year else dt.date(y + 1, mon, 1) + dt.timedelta(days=60)
        return dt.date(y, 1, 1) if this_year else dt.date(y - 1, mon, 1), _month_end(y, mon)

    return _yearly(span)


def _month_end(y: int, mon: int) -> dt.date:
    """Last day of a month."""
    return dt.date(y + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)


def _listed(text: str, tx: Timex) -> bool:
    """True for a full date that opens its line or shares it with another full date: a list of
    dated teasers ("11.02.2020 Was ist Handysucht? 09.02.2020 ...") left in the body, not prose."""
    if not _FULL.match(tx.value):
        return False
    ls = text.rfind("\n", 0, tx.start) + 1
    le = text.find("\n", tx.end)
    line = text[ls : le if le >= 0 else len(text)]
    return not text[ls : tx.start].strip() or len(_full_dates(line, ls)) > 1


def _ranged(text: str, line_start: int, start: int, end: int) -> bool:
    """True for a date at ``text[start:end]`` that ends ("14. - 20. Januar 2022") or starts
    ("31. Dezember 2021-06. Januar 2022") a range: no publication date."""
    return bool(_RANGE_END.search(text, line_start, start)) or bool(_RANGE_START.match(text, end))


def _stamp(text: str, tx: Timex) -> bool:
    """True for a date its line opens with a publication cue or author ("Posted by NAME on DATE",
    "Aktualisiert am DATE"): the time stamp of a post, comment or embed, not something the
    article reports (the byline rules read the article's own stamp)."""
    ls = text.rfind("\n", 0, tx.start) + 1
    before = text[ls : tx.start]
    return len(before) <= 70 and bool(_STAMP_START.match(before)) and bool(_PUB_CUE.search(before))


def _from_timexes(article: CleanArticle, timexes: Iterable[Timex]) -> list[_Constraint]:
    """Body dates: reported past dates bound publication below, announced future ones above."""
    out = []
    for tx in timexes:
        if tx.in_chrome or tx.type not in ("DATE", "TIME") or _listed(article.text, tx) or _stamp(article.text, tx):
            continue
        tense = _tense(article, tx)
        if not tense:
            continue
        past = tense == "past"
        this_year = "this year" in tx.text.lower()
        allowed: tuple[tuple[dt.date, dt.date], ...] = ()
        why = ""
        if m := _FULL.match(tx.value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            allowed = (_iv(d, CEIL),) if past else (_iv(FLOOR, d),)
            why = "a date the body reports as past" if past else "a date the body announces"
        elif m := _YM.match(tx.value):
            y, mon = int(m[1]), int(m[2])
            allowed = (_iv(dt.date(y, mon, 1), CEIL),) if past else (_iv(FLOOR, _month_end(y, mon)),)
            why = "a month the body reports as past" if past else "a month the body announces"
        elif m := _Y.match(tx.value):
            y = int(m[1])
            allowed = (_iv(dt.date(y, 1, 1), CEIL),) if past else (_iv(FLOOR, dt.date(y, 12, 31)),)
            why = "a year the body reports as past" if past else "a year the body announces"
        elif m := _XMD.match(tx.value):
            mon, day = int(m[1]), int(m[2])
            wd = _weekday_in(tx.text)
            allowed = _day_month(mon, day, wd, past, this_year)
            why = "day and month" + (" with weekday" if wd else "") + (" this year" if this_year else "")
        elif m := _XM.match(tx.value):
            allowed = _month_only(int(m[1]), past, this_year)
            why = "a month the body reports as past" if past else "a month the body announces"
        if allowed:
            w = 0.5 if _FULL.match(tx.value) or _XMD.match(tx.value) else 0.4
            out.append(_Constraint(allowed, w, _ev(article, tx.start, tx.end, why, allowed, w)))
    return out


def _weekday_in(text: str) -> int | None:
    """ISO weekday named in a timex text, or None."""
    for w in re.findall(r"\w+", text.lower()):
        if w in R.WEEKDAYS:
            return R.WEEKDAYS[w]
    return None


@dataclass(frozen=True)
class _Office:
    """One term of office of resources/offices.csv: the holder and the words of the title."""

    title: re.Pattern[str]
    title_right_before: re.Pattern[str]
    start: dt.date
    end: dt.date
    label: str


@functools.cache
def _offices() -> tuple[re.Pattern[str], dict[str, list[_Office]]]:
    """One regex for every holder's names and, per name, the terms it may stand for. A one-word
    name ("Clinton", "Pope Francis") counts only right after the title; a full name also with the
    title a few words before or after it."""
    by_name: dict[str, list[_Office]] = {}
    with open(RESOURCES / "offices.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            end = dt.date.fromisoformat(r["end"]) + dt.timedelta(days=OFFICE_GRACE_DAYS) if r["end"] else CEIL
            off = _Office(re.compile(r"\b(?:" + r["office_words"] + r")\b", re.I),
                          re.compile(r"\b(?:" + r["office_words"] + r")\.?\s+$", re.I),
                          dt.date.fromisoformat(r["start"]), end, f"{r['name']}, {r['office']}")
            for name in {r["name"], *[a for a in r["aliases"].split("|") if a]}:
                by_name.setdefault(name, []).append(off)
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"), by_name


_FORMER = re.compile(r"\b(?:former|ex-|then|late|previous|predecessor|elect|candidate|ex)\b|-elect", re.I)


def _from_offices(article: CleanArticle, mentions: tuple[Mention, ...]) -> list[_Constraint]:
    """Officeholders named with their title ("US President Joe Biden") bound the date to their terms."""
    b0, b1 = _body_bounds(article)
    body = article.text[b0:b1]
    # a span typed as something other than a person by NER is a different referent ("the Biden administration")
    not_person = [(m.start, m.end) for m in mentions if m.type not in ("Person", "Other")]
    by_label: dict[str, list[tuple[tuple[dt.date, dt.date], int, int]]] = {}
    names, terms = _offices()
    done: set[int] = set()  # terms already found: the first mention with its title counts
    for m in names.finditer(body):
        s, e = b0 + m.start(), b0 + m.end()
        if any(ms <= s < me for ms, me in not_person):
            continue
        before = article.text[max(b0, s - 45) : s]
        after = article.text[e : e + 30]
        short = " " not in m.group(0)
        for off in terms[m.group(0)]:
            if id(off) in done:
                continue
            if short:  # "President Clinton": a surname counts only right after the title
                title = off.title_right_before.search(before)
            else:
                title = off.title.search(before) or (re.match(r",\s+(?:the\s+)?(?:[\w.]+\s+){0,3}", after)
                                                     and off.title.search(after))
            if not title or _FORMER.search(before[-30:] if off.title.search(before) else after):
                continue
            done.add(id(off))
            by_label.setdefault(off.label.split(",")[0] + "|" + off.title.pattern, []).append(
                (_iv(off.start, off.end), s, e))
    out = []
    for items in by_label.values():
        allowed = tuple(iv for iv, _, _ in items)
        s, e = items[0][1], items[0][2]
        out.append(_Constraint(allowed, 0.45, _ev(article, s, e, "officeholder named with the office's title",
                                                  allowed, 0.45)))
    return _merge_same_span(out)


def _merge_same_span(cons: list[_Constraint]) -> list[_Constraint]:
    """Terms of one person and office found at the same span become one union constraint."""
    merged: dict[tuple[int, int], _Constraint] = {}
    for c in cons:
        key = (c.evidence.start, c.evidence.end)
        if key in merged:
            old = merged[key]
            allowed = tuple(sorted(old.allowed + c.allowed))
            merged[key] = _Constraint(allowed, old.weight, old.evidence, None)
        else:
            merged[key] = c
    return list(merged.values())


@functools.cache
def _events() -> tuple[tuple[tuple[re.Pattern[str], ...], dt.date, str], ...]:
    """(keyword regexes, date, name) rows of resources/dated_events.csv."""
    rows = []
    with open(RESOURCES / "dated_events.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            kws = tuple(re.compile(k, re.I) for k in r["keywords"].split(";"))
            rows.append((kws, dt.date.fromisoformat(r["date"]), r["name"]))
    return tuple(rows)


_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|will|threat|threaten|plan|plans|fear|fears|prepar\w*|"
                           r"if|possible|potential)\b", re.I)


def _sentence_events(sent: str) -> list[tuple[dt.date, str]]:
    """(date, name) of the known events a sentence reports, unless it is hypothetical or names
    another year for them ("the 2014 invasion")."""
    if _HYPOTHETICAL.search(sent):
        return []
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sent)}
    return [(date, name) for kws, date, name in _events()
            if all(k.search(sent) for k in kws) and (not years or date.year in years)]


@dataclass(frozen=True, slots=True)
class _EventSentence:
    """A body sentence with the known dated events it reports (paragraph: its index)."""

    paragraph: int
    start: int
    end: int
    text: str
    events: tuple[tuple[dt.date, str], ...]


def _event_sentences(article: CleanArticle) -> list[_EventSentence]:
    """Every body sentence (split at . ! ?) with its known events, scanned once per article."""
    out = []
    for k, (start, _end, para) in enumerate(article.paragraphs()):
        for sm in re.finditer(r"[^.!?]+[.!?]?", para):
            sent = sm.group(0)
            out.append(_EventSentence(k, start + sm.start(), start + sm.end(), sent, tuple(_sentence_events(sent))))
    return out


# "this year" / "last year" and a synonym spinner's "final yr" (see timex_rules)
_THIS_YEAR = re.compile(r"\bthis\s+(?:year|yr)\b")
_LAST_YEAR = re.compile(r"\b(?:last|final|previous|past)\s+(?:year|yr)\b")
BARE_MONTH_DAYS = 365  # a known event's month named without a year: the article is within a year of it


def _from_events(article: CleanArticle, timexes: Iterable[Timex],
                 sentences: list[_EventSentence]) -> list[_Constraint]:
    """Well-known dated events reported in the body: published after them; "this year" fixes the year."""
    out = []
    tx_list = [t for t in timexes if not t.in_chrome]
    for es in sentences:
        for date, name in es.events:
            s0, s1 = es.start, es.end
            allowed: tuple[tuple[dt.date, dt.date], ...] = (_iv(date, CEIL),)
            why = f"reports a known event: {name} ({date.isoformat()})"
            for tx in tx_list:
                if s0 <= tx.start < s1 and tx.value.startswith("XXXX-") and tx.value[5:7] == f"{date.month:02d}":
                    low = tx.text.lower()
                    if _THIS_YEAR.search(low):
                        allowed = (_iv(date, dt.date(date.year, 12, 31)),)
                        why += "; 'this year' is its year"
                    elif _LAST_YEAR.search(low):
                        allowed = (_iv(dt.date(date.year + 1, 1, 1), dt.date(date.year + 1, 12, 31)),)
                        why += "; 'last year' is its year"
                    elif re.fullmatch(r"XXXX-\d\d", tx.value) and not re.search(r"\b(?:next|coming)\b", low):
                        # "signed in June when Putin visited": a month named without its year is the
                        # last one before the article, so the article is less than a year later
                        allowed = (_iv(date, date + dt.timedelta(days=BARE_MONTH_DAYS)),)
                        why += "; its month named without a year"
            w = 0.55 if len(allowed[0]) and allowed[0][1] < CEIL else 0.5
            out.append(_Constraint(allowed, w, _ev(article, s0, s1, why, allowed, w)))
    return out


# "It has been more than 6 months since <the war>", "two years into the war", "a year since the
# invasion": the article is written that long after the anchor. The qualifier decides the window.
_ELAPSED = re.compile(
    r"(?P<had>\bhad\s+been\s+)?(?:\b(?P<q>more\s+than|over|upwards\s+of|nearly|almost|close\s+to|just\s+under|"
    r"about|around|roughly|some|approximately)\s+)?\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?:(?:have|has)\s+(?:now\s+)?passed\s+)?(?P<rel>since|into)\b", re.I)
_ELAPSED_SHAPE = {"more than": (0.0, 1.0), "over": (0.0, 1.0), "upwards of": (0.0, 1.0),
                  "nearly": (-1.0, 0.0), "almost": (-1.0, 0.0), "close to": (-1.0, 0.0), "just under": (-1.0, 0.0)}
ELAPSED_WEIGHT = 0.6


def _add_units(day: dt.date, n: float, unit: str) -> dt.date:
    """``day`` plus ``n`` (possibly fractional or negative) days, weeks, months or years."""
    if unit in ("day", "week"):
        return day + dt.timedelta(days=round(n * (7 if unit == "week" else 1)))
    months = n * (12 if unit == "year" else 1)
    whole = int(months // 1)
    total = day.year * 12 + day.month - 1 + whole
    y, m = divmod(total, 12)
    shifted = dt.date(y, m + 1, min(day.day, _month_end(y, m + 1).day))
    return shifted + dt.timedelta(days=round((months - whole) * 30.44))


def _from_elapsed(article: CleanArticle, timexes: Iterable[Timex],
                  sentences: list[_EventSentence]) -> list[_Constraint]:
    """"N units since/into X" where X is a known dated event of the sentence (or, for an anaphoric
    "since the war", of the sentence before) or a full date in the clause: published that long
    after X. "more than N" allows N to N+1 units, "nearly N" N-1 to N, a plain or "about" N half a
    unit either side; "had been" (narrative past) bounds from below only."""
    full = [t for t in timexes if not t.in_chrome and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    out = []
    for i, es in enumerate(sentences):
        sent = es.text
        prev = sentences[i - 1] if i and sentences[i - 1].paragraph == es.paragraph else None
        for m in _ELAPSED.finditer(sent):
            word = m.group("n").lower()
            n = 1.0 if word in ("a", "an") else number_value(word)
            if n is None or n <= 0 or _HYPOTHETICAL.search(sent[:m.start()]):
                continue
            pos = es.start + m.end()
            after = [t for t in full if pos <= t.start < pos + 40]
            hits = {d for d, _name in es.events} or {d for d, _name in (prev.events if prev else ())}
            anchors = ({parse_dct(after[0].value)} if after else hits) - {None}
            if len(anchors) != 1:
                continue
            anchor = anchors.pop()
            unit = m.group("unit").lower()
            lo_k, hi_k = _ELAPSED_SHAPE.get(re.sub(r"\s+", " ", (m.group("q") or "").lower()), (-0.5, 0.5))
            lo = _add_units(anchor, n + lo_k, unit)
            hi = CEIL if m.group("had") else _add_units(anchor, n + hi_k, unit)
            allowed = (_iv(lo, hi),)
            why = f"{m.group(0).strip()} {anchor.isoformat()}: written that long after it"
            out.append(_Constraint(allowed, ELAPSED_WEIGHT, _ev(article, es.start + m.start(), es.start + m.end(), why,
                                                                 allowed, ELAPSED_WEIGHT)))
    return out


# a page's own relative stamp on a line of its own: "3 hours ago", "Updated 2 days ago", "vor 5
# Stunden", "il y a 2 jours", "hace 3 horas", "2 часа назад", "5 годин тому"; the expression itself
# is read by the tagger's own "ago" rules (English and other languages), only the cue is added here
_STAMP_CUE = re.compile(r"^(?:published|updated|posted|last\s+updated|veröffentlicht|aktualisiert|publié|"
                        r"mis\s+à\s+jour|publicado|actualizado|опубликовано|обновлено|опубліковано|оновлено)"
                        r"\s*:?\s*", re.I)
_AGO_RULES = (dict(R.RULES)["ago"], dict(F.RULES)["ago_f"])
_STAMP_AGE = {"minute": (dt.timedelta(minutes=1), 0), "hour": (dt.timedelta(hours=1), 1),
              "day": (dt.timedelta(days=1), 1), "week": (dt.timedelta(weeks=1), 3),
              "month": (dt.timedelta(days=30), 15)}  # unit: (its length, days of slack around the date)
STAMP_WEIGHT = 0.7  # below a dateline or publication cue: "3 hours ago" is as old as the fetch date's precision


def _fetch_moment(value: str | None) -> dt.datetime | None:
    """The fetch time as a naive UTC datetime (a bare date counts as its noon); None when unreadable."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    if len(value.strip()) <= 10:
        when = when.replace(hour=12)
    return when


def _stamp_age(line: str) -> tuple[dt.timedelta, int] | None:
    """(age, days of slack) of a line that is only a relative stamp ("Updated 3 hours ago"), else None."""
    rest = _STAMP_CUE.sub("", line).rstrip(" .·|")
    for rx in _AGO_RULES:
        m = rx.fullmatch(rest)
        if m is None:
            continue
        g = m.groupdict()
        if g.get("dir") is not None and g["dir"].lower() != "ago":
            return None  # "3 days later", "two weeks from now"
        if g.get("dir") is not None:
            n, unit = number_value(g["n"]), g["unit"].lower()
        else:
            count, unit = (g["n"], g["unit"]) if g["unit"] else (g["n2"], g["unit2"])
            word = (count or "1").lower()
            n, unit = (float(word) if word.isdigit() else F.COUNT_OF.get(word)), F.UNIT_OF[unit.lower()]
        if n is None or unit not in _STAMP_AGE:
            return None
        length, slack = _STAMP_AGE[unit]
        return length * n, slack
    return None


def _from_relative_stamp(article: CleanArticle, fetched_at: str | None) -> list[_Constraint]:
    """The page's own "3 hours ago" stamp above (or at the top of) the body, counted back from the
    fetch time: only a page with a known fetch time (WARC record date, JSONL field) has one."""
    when = _fetch_moment(fetched_at or article.fetched_at)
    if when is None:
        return []
    b0, _b1 = _body_bounds(article)
    best: tuple[int, int, dt.date, int] | None = None
    pos = 0
    for line in article.text[: b0 + 300].split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        age = _stamp_age(stripped) if stripped and len(stripped.split()) <= 8 else None
        if age is None:
            continue
        lead = len(line) - len(line.lstrip())
        delta, slack = age
        best = (start + lead, start + lead + len(stripped), (when - delta).date(), slack)
        if start >= b0:
            break  # the first stamp at the top of the body; above it, the one nearest the body wins
    if best is None:
        return []
    s, e, day, slack = best
    allowed = (_iv(day - dt.timedelta(days=slack), day + dt.timedelta(days=min(slack, 1))),)
    point = day if slack <= 1 else None
    return [_Constraint(allowed, STAMP_WEIGHT, _ev(article, s, e, "relative stamp counted back from the fetch time",
                                                    allowed, STAMP_WEIGHT), point)]


def _from_fetch(article: CleanArticle, fetched_at: str | None) -> list[_Constraint]:
    """An article cannot be published after it was fetched."""
    d = parse_dct(fetched_at or article.fetched_at)
    if d is None:
        return []
    allowed = (_iv(FLOOR, d),)
    return [_Constraint(allowed, 1.0, _ev(article, 0, 0, "fetched on this date", allowed, 1.0))]


# --------------------------------------------------------------------------- page date scanner

# The tagger's month names (timex_rules.MONTHS) plus forms only safe where a day and a year stand
# beside them (Italian, Portuguese, Dutch, Polish and short forms such as "set", "out", "ago").
_PAGE_ONLY_MONTH_NAMES = [
    "jän janv ene janeiro gennaio genn januari stycznia",
    "febr feber févr fevr fevereiro fev febbraio februari lutego",
    "mrz mär março marco maart marca",
    "avr abr aprile kwietnia",
    "maio maggio mag mei maja",
    "junho giugno giu czerwca",
    "juil julho luglio lug lipca",
    "ago augustus sierpnia",
    "setembro set settembre sett września",
    "okt outubro out ottobre ott października",
    "novembro listopada",
    "dez déc dic dezembro dicembre grudnia",
]
_MONTH = {**R.MONTHS, **{n: i for i, names in enumerate(_PAGE_ONLY_MONTH_NAMES, start=1) for n in names.split()}}
_MON_RX = "(?:" + "|".join(sorted(map(re.escape, _MONTH), key=len, reverse=True)) + r")(?![^\W\d_])\.?"
_Y4 = r"(?:19|20)\d\d"
_DATE_RXS = (
    # 2019-03-12, 2019/03/12, 2019.03.12 (also inside URLs: /2019/03/12/)
    ("ymd", re.compile(rf"(?<![\d.])({_Y4})([-/.])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d|\.\d)")),
    # 2019年3月12日, 2019년 3월 12일
    ("ymd", re.compile(rf"({_Y4})\s*[年년]\s*(\d{{1,2}})\s*[月월]\s*(\d{{1,2}})\s*[日일]?")),
    # 12.03.2019, 12/03/2019, 12-03-19 (day and month order settled later)
    ("num", re.compile(r"(?<![\d.,/])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?((?:19|20)?\d\d)(?![\d]|[.,]\d|/\d)")),
    # 12. März 2019, 12 de marzo de 2019, 12th March, 2019
    ("dmy", re.compile(rf"(?<![\d.])(\d{{1,2}})(?:\.|st|nd|rd|th|er|º|°)?\s*(?:de\s+|-)?({_MON_RX}),?\s*(?:de\s+|del\s+|-)?"
                       rf"({_Y4})(?!\d)", re.I)),
    # March 12, 2019; Okt 13, 2022; März 12 2019
    ("mdy", re.compile(rf"(?<![^\W\d_])({_MON_RX})\s*(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_Y4})(?!\d)", re.I)),
)


@dataclass(frozen=True, slots=True)
class _PageDate:
    """A full date written on the page: its span and the days it can mean (two for 03/05/2019)."""

    start: int
    end: int
    days: tuple[dt.date, ...]
    numeric: bool  # all digits (12.03.2019) rather than a month name
    reading: str = ""  # slashed day/month: "dm" or "md" when only one order is valid, "both" when ambiguous


def _mk(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when invalid or implausible as a publication day."""
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return day if FLOOR <= day <= CEIL else None


def _scan_dates(text: str, offset: int = 0) -> list[_PageDate]:
    """Full dates (day, month and year) in ``text``, in many written forms and languages."""
    found: list[tuple[int, int, str, tuple[int, ...]]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _DATE_RXS:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groups()
            if kind == "ymd":
                nums = (int(g[0]), int(g[-2]), int(g[-1]))
            elif kind == "num":
                y = int(g[3]) + (0 if len(g[3]) == 4 else 2000 if int(g[3]) < 70 else 1900)
                nums = (y, int(g[2]), int(g[0]), ord(g[1]))
            elif kind == "dmy":
                nums = (int(g[2]), _MONTH[g[1].lower().rstrip(".")], int(g[0]))
            else:
                nums = (int(g[2]), _MONTH[g[0].lower().rstrip(".")], int(g[1]))
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), kind, nums))
    out = []
    for s, e, kind, nums in sorted(found):
        if kind == "num":
            y, b, a, sep = nums  # a.b.y: day.month in most locales, month/day in the US
            dm, md = _mk(y, b, a), _mk(y, a, b)
            if chr(sep) == "." and dm:
                md = None  # dotted dates are day first
            days = tuple(dict.fromkeys(d for d in (dm, md) if d))
            reading = "both" if len(days) == 2 else "dm" if dm and md is None and chr(sep) != "." else \
                "md" if md and dm is None else ""
        else:
            d = _mk(*nums[:3])
            days, reading = ((d,) if d else ()), ""
        if days:
            out.append(_PageDate(offset + s, offset + e, days, kind in ("ymd", "num"), reading))
    return _settle_order(out, text)


_ENGLISH_WORDS = frozenset("the and of to is in that for with was on".split())
ENGLISH_SHARE = 0.06  # share of these words in the text above which it is English (month first: 03/05 is March 5)


def _day_first(dates: Iterable[_PageDate], text: str) -> bool | None:
    """Whether ``text`` writes slashed dates day first: as its unambiguous slashed ``dates`` do,
    else as its language does (month first in English, day first elsewhere); None when its
    unambiguous dates disagree."""
    orders = {d.reading for d in dates if d.reading in ("dm", "md")}
    if len(orders) > 1:
        return None
    if orders:
        return orders.pop() == "dm"
    words = re.findall(r"[^\W\d_]+", text.lower())
    return not words or sum(w in _ENGLISH_WORDS for w in words) / len(words) < ENGLISH_SHARE


def _settle_order(dates: list[_PageDate], text: str) -> list[_PageDate]:
    """Ambiguous 03/05/2019 dates read in the order the page's unambiguous slashed dates use, else
    in its language's order (month first in English, day first elsewhere)."""
    if not any(d.reading == "both" for d in dates):
        return dates
    first = _day_first(dates, text)
    if first is None:
        return dates
    return [dataclasses.replace(d, days=d.days[:1] if first else d.days[1:]) if d.reading == "both" else d
            for d in dates]


_TIME_AFTER = re.compile(r"^\W{0,3}(?:um|at|à|a\s+las|alle|в)?\s*\d{1,2}[:.h]\d\d", re.I)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:published|posted|updated|written|created|erstellt|veröffentlicht|publiziert|erschienen|eingetragen|"
    r"geschrieben|verfasst|aktualisiert|datum|publié|mis\s+en\s+ligne|publicado|postado|pubblicato|opublikowano|"
    r"опубликовано|опубліковано)\b|发布|發佈|发表)[^\n\d]{0,30}$", re.I)
_UNCERTAIN_CUE = re.compile(r"\b(?:stand|last\s+modified|zuletzt|letzte\s+aktualisierung|updated|aktualisiert|"
                            r"actualizado|atualizado|mis\s+à\s+jour|aggiornato)\b[^\n\d]{0,30}$", re.I)
VOTE_HEAD_CHARS = 600  # the header zone: this far before the title or body start
VOTE_TAIL_CHARS = 300  # dates farther after the body are mostly other articles' and comments'
VOTE_MIN_SCORE = 2.0  # a page date needs at least one byline-like occurrence (a short line)
VOTE_MARGIN = 1.2  # the winner must outscore the runner-up by this factor


def _page_vote(article: CleanArticle) -> tuple[dt.date, float, float, list[_PageDate]] | None:
    """The day the page's own date lines point to: (day, score, runner-up score, occurrences).

    Every full date on the page votes for its day: more when it stands on a short line, after a
    publication cue, in the header zone before the body, as the date line nearest the body start or
    leading a line at the body's start; little inside the body's prose, in a run of comment
    timestamps or far after the body. Ties go to the day written first.
    """
    text = article.text
    b0, b1 = _body_bounds(article)
    t0 = min(article.title_start, b0) if article.title_start is not None else b0
    today = dt.date.today()
    dates = [d for d in _scan_dates(text) if len(d.days) == 1 and d.days[0] <= today]
    if not dates:
        return None
    stamped = [d for d in dates if _TIME_AFTER.match(text[d.end : d.end + 12]) and d.start >= b1]
    score: dict[dt.date, float] = {}
    first: dict[dt.date, int] = {}
    occ: dict[dt.date, list[_PageDate]] = {}
    head = [d for d in dates if t0 - VOTE_HEAD_CHARS <= d.start < b0 + BODY_DATELINE_CHARS]
    nearest = max((d for d in head if d.start < b0), key=lambda d: d.start, default=None)
    for k, d in enumerate(dates):
        ls = text.rfind("\n", 0, d.start) + 1
        le = text.find("\n", d.end)
        le = len(text) if le < 0 else le
        short = le - ls <= (d.end - d.start) + BYLINE_EXTRA_CHARS + 15
        before = text[ls : d.start]
        if _ranged(text, ls, d.start, d.end):
            continue
        prev = dates[k - 1] if k else None
        if (prev is not None and prev.end >= ls and prev.days[0] < d.days[0]
                and _STAMP_GAP.fullmatch(text[prev.end : d.start])):
            continue  # "28. Juni 2019 14. Januar 2020 | NAME": published, then modified
        if _IN_SENTENCE.search(before) and not _PUB_CUE.search(before[-70:]):
            short = False  # "Version 5 was released on November 5, 2019": a date inside a sentence
        w = 2.0 if short else 1.0
        if _UNCERTAIN_CUE.search(before[-60:]):
            w += 0.5
        elif _CUE_BEFORE.search(before[-60:]) or _PUB_CUE.search(before[-70:]):
            w += 2.0
        if d in head and short:
            w += 3.0 if d is nearest else 2.0
        leading = b0 <= ls < b0 + VOTE_HEAD_CHARS and d.start - ls <= 25
        if b0 + BODY_DATELINE_CHARS <= d.start < b1 and not short and not leading:
            w = 0.3  # a date inside the body's prose: what the article reports
        elif leading:
            w += 1.0
        if len(stamped) >= 3 and d in stamped:
            w = 0.3  # comment timestamps: after publication
        if d.start < t0 - VOTE_HEAD_CHARS:
            w *= 0.8
        elif d.start >= b1 + VOTE_TAIL_CHARS:
            w *= 0.6
        day = d.days[0]
        score[day] = score.get(day, 0.0) + w
        first.setdefault(day, d.start)
        occ.setdefault(day, []).append(d)
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: (-round(kv[1], 6), first[kv[0]]))
    day, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return day, top, second, occ[day]


# --------------------------------------------------------------------------- combination


def _combine(cons: list[_Constraint]) -> tuple[Intervals, list[_Constraint]]:
    """Window after intersecting constraints strongest first, and the constraints kept."""
    window: Intervals = [(FLOOR, CEIL)]
    kept = []
    for c in sorted(cons, key=lambda c: -c.weight):
        new = _intersect(window, c.allowed)
        if not new:
            continue  # conflicts with stronger evidence: ignored
        window = new
        kept.append(c)
    return window, kept


def infer_published(article: CleanArticle, timexes: tuple[Timex, ...], mentions: tuple[Mention, ...] = (), *,
                    fetched_at: str | None = None) -> Published:
    """Infer the publication date window of one article from its evidence.

    Steps: 1. collect constraints (source metadata, teasers next to the body, datelines by the
    title, body dates by tense, weekday-consistent day-months, known dated events and the time
    elapsed since them ("more than six months since the invasion"), titled
    officeholders, fetch date); 2. intersect them strongest first, skipping conflicting ones;
    3. give a date only from strong evidence inside the window, or a window one day wide.

    Args:
        article: the cleaned article.
        timexes: its time expressions tagged without a reference date (relative ones unresolved);
            when empty, the body is tagged here.
        mentions: named mentions (optional; officeholders are also found in the text).
        fetched_at: ISO date the page was fetched, an upper bound.

    Returns:
        ``Published``: all None when there is no evidence at all; ``date`` None when not confident.
    """
    if not timexes and article.body:
        timexes = tag_timexes(article, (), None)
    sentences = _event_sentences(article)  # known events per sentence: for both event-based rules
    cons = (_from_hint(article) + _from_teasers(article) + _from_datelines(article) + _from_bylines(article)
            + _from_fetch(article, fetched_at) + _from_relative_stamp(article, fetched_at)
            + _from_timexes(article, timexes) + _from_events(article, timexes, sentences)
            + _from_elapsed(article, timexes, sentences)
            + _from_offices(article, mentions))
    vote = None if cons else _page_vote(article)
    if not cons and vote is None:
        return Published()  # no evidence at all
    window, kept = _combine(cons)
    lo, hi = window[0][0], window[-1][1]
    if lo.year <= FLOOR.year:  # a union over every year bounds nothing
        lo = FLOOR
    if hi.year >= CEIL.year - 1:
        hi = CEIL
    evidence = tuple(c.evidence for c in kept)
    # every kept constraint overlaps the window, but a point may sit a day outside it: two point
    # sources a day apart ("Published On May 10" and a header "May 11") intersect in one day,
    # the later one's; the stronger source's own day is the answer, and the window widens to hold it
    points = [c for c in kept if c.point is not None]
    date = None
    conf = 0.0

    def reported_later(day: dt.date) -> bool:
        """The body reports a later day as past: the page date is an older one, not this article's."""
        return any(c.weight >= 0.5 and c.allowed[0][0] > day + dt.timedelta(days=REPORTED_LATER_DAYS) and c.allowed[-1][1] == CEIL
                   for c in cons if c.point is None)

    if points:
        best = max(points, key=lambda c: c.weight)
        date, conf = best.point, best.weight
        if best.weight < 0.8 and reported_later(date):
            date = None
        elif date is not None:
            lo, hi = min(lo, date), max(hi, date)
    elif lo > FLOOR and hi < CEIL and (hi - lo).days <= 1 and len(window) == 1:
        date, conf = lo, 0.6
    else:
        conf = 0.2 if lo > FLOOR and hi < CEIL and (hi - lo).days <= 62 else 0.1
    if date is None and cons:
        vote = _page_vote(article)  # not computed above
    if date is None and vote is not None:
        day, top, second, occ = vote
        if (top >= VOTE_MIN_SCORE and top >= VOTE_MARGIN * second and not reported_later(day)
                and any(a <= day <= b for a, b in window)):
            date, lo, hi = day, max(lo, day), min(hi, day + dt.timedelta(days=1))
            conf = 0.55 if top >= 2 * second else 0.45
            allowed = ((lo, hi),)
            evidence += (_ev(article, occ[0].start, occ[0].end, "the date the page's own date lines agree on",
                             allowed, conf),)
    return Published(date=date.isoformat() if date else None,
                     earliest=lo.isoformat() if lo > FLOOR else None,
                     latest=hi.isoformat() if hi < CEIL else None,
                     confidence=conf, evidence=evidence)


STORY_MARGIN_DAYS = 7  # reports of one event appear within about a week of the dated ones


def refine_published(current: Published, related: Iterable[Published]) -> Published:
    """Narrow an undated article's window with the dated articles reporting the same events.

    Args:
        current: the article's own inference.
        related: publication dates of other articles sharing its events.

    Returns:
        ``current`` unchanged when already dated or when nothing fits; else a narrower window
        (``date`` stays None) with a "story: dated reports of the same event" evidence.
    """
    if current.date is not None:
        return current
    dates = sorted(d for p in related if p.date and (d := parse_dct(p.date)) is not None)
    if not dates:
        return current
    lo = dates[0] - dt.timedelta(days=STORY_MARGIN_DAYS)
    hi = dates[-1] + dt.timedelta(days=STORY_MARGIN_DAYS)
    cur_lo = parse_dct(current.earliest) or FLOOR
    cur_hi = parse_dct(current.latest) or CEIL
    new_lo, new_hi = max(lo, cur_lo), min(hi, cur_hi)
    if new_lo > new_hi:
        return current
    ev = DateEvidence(0, 0, "", "story: dated reports of the same event", new_lo.isoformat(), new_hi.isoformat(), 0.3)
    return Published(date=None, earliest=new_lo.isoformat(), latest=new_hi.isoformat(),
                     confidence=max(current.confidence, 0.3), evidence=(*current.evidence, ev))


def anchor_known_events(article: CleanArticle, timexes: tuple[Timex, ...]) -> tuple[Timex, ...]:
    """Give the year to unresolved day-months and months that date a known event of their sentence.

    "concluded in June when <the known event of June 2024 is described>" -> "2024-06". A timex is
    anchored only when its month (and day, when stated) equals the known event's, the sentence
    names no other year and is not hypothetical; everything else is returned unchanged.
    """
    out = list(timexes)
    for start, _end, para in article.paragraphs():
        for sm in re.finditer(r"[^.!?]+[.!?]?", para):
            sent = sm.group(0)
            s0, s1 = start + sm.start(), start + sm.end()
            if re.search(r"\b(?:19|20)\d\d\b", sent) or _HYPOTHETICAL.search(sent):
                continue
            hits = [date for kws, date, _name in _events() if all(k.search(sent) for k in kws)]
            if len({(d.year, d.month) for d in hits}) != 1:
                continue
            date = hits[0]
            for i, tx in enumerate(out):
                if tx.in_chrome or not (s0 <= tx.start < s1):
                    continue
                if (m := _XM.match(tx.value)) and int(m[1]) == date.month:
                    out[i] = dataclasses.replace(tx, value=f"{date.year}-{m[1]}", anchor=date.isoformat())
                elif (m := _XMD.match(tx.value)) and int(m[1]) == date.month and int(m[2]) == date.day:
                    out[i] = dataclasses.replace(tx, value=f"{date.year}-{m[1]}-{m[2]}", anchor=date.isoformat())
    return tuple(out)
