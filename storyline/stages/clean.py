"""CLEAN stage: take the article out of a scraped page (title, body, removed chrome, offset map).

Text dumps are classified line by line. Each non-blank line gets shape features (words,
stop-word density, sentence-final punctuation, digit ratio, case, script) and
hard chrome patterns (URL slug, view counter, currency ticker, teaser with a glued timestamp,
cue phrases from ``resources/clean_lexicon.json``, lines repeated across the batch). The body is
then the maximum-sum run of line scores (long prose lines positive, short headline-like lines
negative), the "maximum subsequence segmentation" of Pasternack & Roth (WWW 2009), which is the
contiguous dense block that jusText and boilerpipe look for, with neighbouring lines deciding
about short lines inside it; a comment header after real prose ends the block. It needs no
model, cleans several hundred news dumps per second on one core, and never loses the mapping back to the source: every body line is a ``Segment`` of ``raw.text``.

With ``method="model"`` a trained line model (``line_model.py``: depth-3 boosted trees on these
signals plus neighbour, window, text-density-profile and prose-block context features, trained by
``scripts/train_cleaner.py``) decides the lines instead of the run: hard chrome reasons always win
and short lines in another script are chrome; a comment header does not cut the page (the model
sees comment headers among its features, and a cut anchored on the run lost whole articles where
the run had picked a sidebar above a comment form). It learns from the gold sets (pages of
2007-2012) and from the snippet-labelled lines of the trafilatura evaluation set (modern pages).
Its features include learned log-odds of the line's words ("privacy", "logout" lean chrome).
On the held-back fifth of the gold sets it scores F1 0.874 (P 0.918, R 0.834) against 0.835 for
the run alone. It was trained on whole flattened web pages (95 % of them have 51 lines
or more) and on short dumps it is out of its depth: it drops the only prose line of a two-line
dump or the end of hard-wrapped prose. The default, ``method="auto"``, therefore uses the model
on dumps of ``MODEL_MIN_LINES`` lines or more and the run on shorter ones, so cleaning a cleaned
article again changes nothing. Where the model keeps no line of a long dump that the run finds
prose in, the run decides: storyline is fed news pages, and an article silently emptied is an
article lost. On the benchmark this cost F1 with the first model (validation fifth of the training pages: 0.839
instead of 0.856 without the fallback, as the gold of such pages is mostly empty).

Stop words come from the jusText stoplists shipped with the ``justext`` package (a trafilatura
dependency, BSD licence), so no list is copied into this repository. HTML pages go through
``clean_html.clean_html_page`` (trafilatura plus a flattened visible text, see there).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from rapidfuzz import fuzz

from storyline.model import ChromeSpan, CleanArticle, RawDoc, Segment, Teaser
from storyline.stages.line_model import LineModel, features, load_model

LEXICON_PATH = Path(__file__).resolve().parent.parent / "resources" / "clean_lexicon.json"

_NEWLINE = re.compile(r"\r\n|\r|\n")
_LINE_CONTENT = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")  # a line from its first to its last non-space
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# counting by deleting the complement is about twice as fast as findall (one string, no list)
_DIGIT = re.compile(r"\d")
_NON_CYRILLIC = re.compile(r"[^\u0400-\u04ff]+")
_NON_LATIN = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
_NON_CJK = re.compile(r"[^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SLUG = re.compile(r"^/?[\w]+(?:[-_][\w]+){2,}/?(?:\.html?)?$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_COUNTER = re.compile(
    r"^(?:[•·|▪◦●\-–—:👁]\s*)?\d[\d\s.,]*[kKmMкКтыс.]*\s+[^\W\d_]{2,20}\.?$"
    r"|^[•·|▪◦●👁]\s*\d[\d\s.,]*$"
)
# "5 min read", "3 Min. Lesezeit", "4 minutes de lecture": a reading-time label
_READ_TIME = re.compile(r"^\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s*(?:min(?:ute)?s?|Minuten|мин|хв)\.?\s+"
                        r"(?:read|lesen|Lesezeit|Lesedauer|de\s+lecture|de\s+lectura|lectura|чтения|читання)$", re.I)
_COUNTER_OPENERS = frozenset("•·|▪◦●-–—:👁")  # what a view counter may start with besides a digit
_TICKER_TOKEN = re.compile(
    r"^(?:[A-Z]{2,5}|[$€£¥₴₽]?[-+±−]?[\d.,]*\d[\d.,]*%?|[▲▼△▽↑↓▴▾⬆⬇+−-]+[\d.,]*%?|\([-+]?[\d.,]+%?\))$"
)
_TICKERISH = re.compile(r"[\d▲▼△▽↑↓▴▾⬆⬇%]")
_CODE = re.compile(r"^[A-Z]{3}$")
_GLUED_TS = re.compile(
    r"(?P<ts>(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?:,?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?"
    r"|(?P<H2>\d{1,2}):(?P<M2>\d{2}),?\s+(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}|\d{2}))\s*$"
)
_SENT_END = frozenset(".!?。！？؟।:;")
_CLOSERS = "\"'”’»)]*"
_REPORTS = re.compile(
    r"(?:,|—|–|-)\s+(?P<name>(?:[A-Z][\w&.’'-]*\s+){0,3}[A-Z][\w&.’'-]*)\s+(?:reports|informs|writes)(?:\.|\s*$)"
    r"|,\s+(?:reports|informs|writes)\s+(?P<name2>(?:[A-Z][\w&.’'-]*\s+){0,3}[A-Z][\w&.’'-]*)\.",
)
_TRAILING_SOURCE = re.compile(r"\s[-–—|]\s(?P<name>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,2})\s*$")

HARD = -2.0  # score of a line matched by a chrome pattern
MIN_PROSE_BEFORE_COMMENTS = 3.0  # run score (about two paragraphs) that makes a comment header end the body


@dataclass(frozen=True, slots=True)
class BatchContext:
    """Line counts across the documents of one batch: a line seen in several pages is template."""

    counts: Mapping[str, int] = field(default_factory=dict)
    documents: int = 0

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> BatchContext:
        """Count each normalised non-blank line once per document."""
        counts: Counter[str] = Counter()
        n = 0
        for text in texts:
            n += 1
            counts.update({key for line in _NEWLINE.split(text or "") if (key := template_key(line))})
        return cls(counts=dict(counts), documents=n)

    def seen(self, line: str) -> int:
        """Number of batch documents containing this line (0 when unknown)."""
        return self.counts.get(template_key(line), 0)


def template_key(line: str) -> str:
    """Line folded for template matching (lower case, digits as 0, single spaces); empty for blanks."""
    return re.sub(r"\d", "0", " ".join(line.lower().split()))


@functools.cache
def lexicon() -> tuple[dict[str, str], tuple[re.Pattern[str], dict[str, str]], frozenset[str]]:
    """(exact cue -> reason, (prefix regex, prefix cue -> reason), stop words), loaded once."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    for reason, cues in data["exact"].items():
        for cue in cues:
            exact.setdefault(_fold(cue), reason)
    prefixes: dict[str, str] = {}
    for reason, cues in data["prefix"].items():
        for cue in cues:
            prefixes.setdefault(" ".join(cue.lower().split()), reason)
    def pattern(cue: str) -> str:
        return r"\s+".join(re.escape(part) for part in cue.split())

    alternation = "|".join(pattern(c) for c in sorted(prefixes, key=len, reverse=True))
    nouns = "|".join(pattern(c) for c in sorted(data["comment_counts"], key=len, reverse=True))
    alternation = f"{alternation}|\\d+\\s+(?:{nouns})\\b"
    return exact, (re.compile(f"(?:{alternation})", re.I), prefixes), _stopwords(tuple(data["stoplists"]))


def _stopwords(languages: tuple[str, ...]) -> frozenset[str]:
    """Union of the jusText stoplists of ``languages``; empty when justext is missing."""
    try:
        import justext
    except ImportError:  # justext comes with trafilatura; without it density is just 0
        return frozenset()
    words: set[str] = set()
    for lang in languages:
        words.update(w.lower() for w in justext.get_stoplist(lang) if w.isalpha())
    return frozenset(words)


def _fold(text: str) -> str:
    """Lower-cased text with whitespace runs as one space and no trailing colon/space."""
    return " ".join(text.lower().split()).rstrip(" :")


class _Line:
    """One non-blank line of a dump with its features; internal and mutable while classifying."""

    __slots__ = ("end", "letters", "reason", "score", "script", "sent", "start", "stops", "teaser", "text", "tokens",
                 "words")

    def __init__(self, start: int, text: str, stops: frozenset[str]) -> None:
        self.start = start
        self.end = start + len(text)
        self.text = text
        words = _WORD.findall(text.lower())  # lower-cased once: stop words are matched lower-case
        self.tokens = words  # the line model's vocabulary is looked up in these
        ascii_only = text.isascii()
        cjk = 0 if ascii_only or not _CJK.search(text) else len(_NON_CJK.sub("", text))
        self.words = max(len(words), cjk // 2)
        self.stops = sum(map(stops.__contains__, words))
        self.letters = len("".join(words))  # letters of word tokens: a cheap stand-in for a letter count
        tail = text.rstrip(_CLOSERS) or text  # split_lines strips the line
        self.sent = tail[-1] in _SENT_END and not tail.endswith(("...", "…"))
        if ascii_only:
            self.script = "latn" if self.letters else "other"
        else:  # letters of each script are counted only when the line has one
            cyr = len(_NON_CYRILLIC.sub("", text)) if _CYRILLIC.search(text) else 0
            lat = len(_NON_LATIN.sub("", text)) if cyr or cjk else int(_LATIN.search(text) is not None)
            self.script = "cyrl" if cyr > lat else "latn" if lat > cjk else ("cjk" if cjk else "other")
        self.score = 0.0
        self.reason: str | None = None
        self.teaser: Teaser | None = None


def split_lines(text: str, stops: frozenset[str] = frozenset()) -> list[_Line]:
    """Non-blank lines of ``text``, stripped, with their source offsets."""
    return [_Line(m.start(), m.group(), stops) for m in _LINE_CONTENT.finditer(text)]


def _iso_timestamp(m: re.Match[str]) -> str | None:
    """ISO date(time) of a dd.mm.yy[yy][, HH:MM] match; None when not a real date."""
    d, mo, y = m["d"] or m["d2"], m["m"] or m["m2"], m["y"] or m["y2"]
    hh, mm = m["H"] or m["H2"], m["M"] or m["M2"]
    year = int(y) + (2000 if len(y) == 2 else 0)
    try:
        date = dt.date(year, int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        return date.isoformat()
    if int(hh) > 23 or int(mm) > 59:
        return None
    return f"{date.isoformat()}T{int(hh):02d}:{mm}"


def find_teaser(line: _Line) -> Teaser | None:
    """A related-article teaser: a short headline ending in a (often glued) timestamp."""
    m = _GLUED_TS.search(line.text) if line.text[-1].isdigit() else None
    if not m or m.start() == 0 or line.words > 40:
        return None
    head = line.text[: m.start()]
    glued = head[-1].isalpha() or head[-1] in "\"”»)?!"
    if not (glued or m["H"] or m["H2"]) or len(_WORD.findall(head)) < 2:
        return None
    iso = _iso_timestamp(m)
    if iso is None:
        return None
    headline = head.rstrip(" \t-–—|·•,")
    return Teaser(
        start=line.start,
        end=line.start + len(headline),
        text=headline,
        timestamp=iso,
        ts_start=line.start + m.start("ts"),
        ts_end=line.start + m.end("ts"),
    )


def _is_ticker(text: str) -> bool:
    """True for currency/stock ticker lines: codes, numbers, arrows and percents only."""
    if not _TICKERISH.search(text):  # no number, arrow or percent: the final test below fails anyway
        return False
    tokens = text.split()
    if not tokens or len(tokens) > 8 or not all(_TICKER_TOKEN.match(t) for t in tokens):
        return False
    return any(ch.isdigit() or ch in "▲▼△▽↑↓▴▾⬆⬇%" for ch in text) and any(ch.isalpha() or ch in "▲▼↑↓%" for ch in text)


@functools.cache
def _prefix_starts() -> frozenset[str]:
    """First two characters of every prefix cue of the lexicon (the whole cue when shorter): a line
    starting otherwise cannot match the prefix alternation, which is then not run."""
    return frozenset(cue[:2] for cue in lexicon()[1][1])


def _start(text: str) -> str:
    """The first two characters of a line, lower-cased, a space for any whitespace."""
    head = text[:2].lower()
    return head[0] + " " if len(head) == 2 and head[1].isspace() else head


def _pattern_reason(
    line: _Line, exact: Mapping[str, str], prefix: tuple[re.Pattern[str], Mapping[str, str]]
) -> str | None:
    """Reason when a line matches a chrome pattern or cue phrase; None otherwise."""
    text = line.text
    if line.words <= 6:
        folded = _fold(text)
        if folded in exact:
            return exact[folded]
    first = text[0]
    if line.words <= 40:
        starts = _prefix_starts()
        if first.isdigit() or _start(text) in starts or first.lower() in starts:
            m = prefix[0].match(text)
            if m:
                return prefix[1].get(" ".join(m.group(0).lower().split()), "comment-form")
    if " " not in text and (_URL.match(text) or (_SLUG.match(text) and text == text.lower() and line.letters)):
        return "slug"
    if len(text) <= 40 and (first.isdigit() or first in _COUNTER_OPENERS):
        if first.isdigit() and _READ_TIME.match(text):
            return "reading-time"
        if _COUNTER.match(text) and not line.sent:
            return "view-counter"
    if len(text) <= 60 and _is_ticker(text):
        return "ticker"
    if line.letters == 0:
        return "short-line"
    return None


def _wrapped(line: _Line, stops: frozenset[str]) -> bool:
    """True when a line without final punctuation reads as the middle of a sentence."""
    text = line.text
    if text[0].islower() or text[-1] in ",;-–—(":
        return True
    last = text.rsplit(None, 1)[-1].lower()
    return last in stops


def _score(line: _Line, body_script: str, stops: frozenset[str] = frozenset()) -> float:
    """Prose evidence of one line: positive for sentences, negative for short headline-like lines."""
    w = line.words
    density = line.stops / w if w else 0.0
    if (w >= 10 and line.sent) or (w >= 30 and density >= 0.25):
        score = 1.0 + min(w, 60) / 10
    elif w >= 5 and line.sent:
        score = 0.8
    elif w >= 2 and line.sent:
        score = 0.3
    elif w >= 20:
        score = 0.0
    elif w >= 3 and _wrapped(line, stops):  # a hard-wrapped piece of prose: jusText's "near-good"
        score = min(0.5 if w >= 5 else 0.0, -1.0 + 2.6 * density)
    elif w >= 3:  # headline-like: menus, teaser lists
        score = -1.0
    else:
        score = -0.6
    text = line.text
    digits = len(_DIGIT.findall(text))
    if digits > 0.3 * max(len(text), 1):
        score -= 1.0
    if line.script != body_script and line.letters >= 3:
        score = score / 3 - 1.5 if score > 0 else score - 1.5
    return score


def _max_run(scores: list[float]) -> tuple[int, int]:
    """(first, last) index of the maximum-sum contiguous run; (0, -1) when nothing is positive."""
    best, best_span = 0.0, (0, -1)
    cur, cur_start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span


def _dominant_script(lines: list[_Line]) -> str:
    """Script with most letters among prose-like lines (all lines when none is prose)."""
    weights: Counter[str] = Counter()
    pool = [ln for ln in lines if ln.words >= 8] or lines
    for ln in pool:
        weights[ln.script] += ln.letters
    return weights.most_common(1)[0][0] if weights else "latn"


def _is_headline(line: _Line, body_script: str) -> bool:
    """True for a title-shaped line: 3-30 words, mostly letters, no final period, body script."""
    text = line.text
    if line.reason is not None or not 2 <= line.words <= 30 or line.script != body_script:
        return False
    if text.endswith((".", "…", ":", ";", ",")) and not text.endswith(("..", "Jr.", "St.")):
        return False
    return line.letters >= 0.6 * len(text.replace(" ", ""))


# a byline, credit, tag list or dateline ("Posted on July 23, 2012 by ...", "Photo by ...",
# "Categories: ...", "on Monday July 23, @08:24PM"): a cue word first, a clock time, a numeric
# date, or a day-month-year date with an English month
_BYLINE_SHAPE = re.compile(
    r"^(?:by|posted|published|updated|written|filed|von|par|por|door|av)\b|\b\d{1,2}:\d{2}(?:\s*[ap]m)?\b"
    r"|^(?:photo|foto|image|picture|bild|credit|source|quelle)s?\s*(?:by\b|:|©)"
    r"|^(?:categor(?:y|ies)|tags?|tagged|kategorien?|schlagw(?:ö|oe)rter|cat[ée]gories?|etiquetas)\b"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b,?\s+\d{4}"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}",
    re.I,
)
TITLE_REPEAT_MIN_CHARS = 15  # shorter first lines ("Home", a site name) are no page titles
# headlines have four words or more; a shorter headline-shaped line nearer the body ("Pin It",
# "View Profile", "Follow @NBCNewsUS", a photo credit) is the title only when no longer one is there
TITLE_MIN_WORDS = 4


def _repeats_page_title(lines: list[_Line], first: int, script: str) -> _Line | None:
    """The headline above the body that repeats the page's first line: scrapers and flatteners
    start a dump with the HTML <title> ("Headline | Site", "Site: Headline"), and the article's
    own headline (the h1) says it again. That beats the line nearest the body, which on many pages is a
    teaser, a ticker item or a photo caption."""
    if not lines or first <= 1:
        return None
    head = " ".join(lines[0].text.lower().split())
    if len(head) < TITLE_REPEAT_MIN_CHARS:
        return None
    for ln in reversed(lines[1:first]):
        if _is_headline(ln, script):
            t = " ".join(ln.text.lower().split())
            if len(t) >= TITLE_REPEAT_MIN_CHARS and (t in head or t.startswith(head)):
                return ln
    return None


def _truncated_copy(line: _Line, keys: list[str]) -> bool:
    """True when the line ends in an ellipsis and its stem starts another line (``keys`` sorted)."""
    own = " ".join(line.text.lower().split())
    stem = line.text.rstrip(".… ")
    stem = stem.rsplit(" ", 1)[0] if " " in stem else stem
    key = " ".join(stem.lower().split())
    if len(key) < 15:
        return False
    i = bisect.bisect_left(keys, key)
    while i < len(keys) and keys[i].startswith(key):
        if keys[i] != own and not keys[i].endswith(("...", "…")):
            return True
        i += 1
    return False


def _keyed(lines: list[_Line], out: list[str]) -> list[str]:
    """Fill ``out`` with the sorted lower-cased folded texts of ``lines`` and return it."""
    out.extend(sorted(" ".join(ln.text.lower().split()) for ln in lines))
    return out


def find_outlet(title: str | None, body_lines: list[_Line], url: str | None) -> str | None:
    """Outlet named by a ", X reports." pattern, a trailing "- X" on the title, or the URL host."""
    for ln in body_lines[:3]:
        m = _REPORTS.search(ln.text)
        if m:
            return m["name"] or m["name2"]
    if title:
        m = _TRAILING_SOURCE.search(title)
        if m:
            return m["name"]
    if url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        return host.removeprefix("www.") or None
    return None


def classify_lines(text: str, context: BatchContext | None = None) -> tuple[list[_Line], tuple[int, int], str]:
    """Lines of a dump with chrome reasons set, the (first, last) body run, and the body script.

    Steps: 1. split and measure lines; 2. chrome patterns, cue phrases, teasers, batch templates;
    3. score prose and take the maximum-sum run as the body block.
    """
    exact, prefix, stops = lexicon()
    lines = split_lines(text, stops)
    for ln in lines:
        teaser = find_teaser(ln)
        if teaser is not None:
            ln.reason, ln.teaser = "teaser", teaser
        else:
            ln.reason = _pattern_reason(ln, exact, prefix)
    _label_archive_banner(lines)
    for i, ln in enumerate(lines):  # a lone currency code next to a ticker line is ticker too
        if ln.reason is None and _CODE.match(ln.text):
            near = lines[max(i - 1, 0) : i + 2]
            if any(o.reason == "ticker" for o in near if o is not ln):
                ln.reason = "ticker"
    script = _dominant_script(lines)
    for ln in lines:
        ln.score = HARD if ln.reason else _score(ln, script, stops)
    if context is not None and context.documents > 1:
        prose_seen = [context.seen(ln.text) for ln in lines if ln.reason is None and ln.score > 1.5]
        limit = max(2, 1 + max(prose_seen, default=0))  # copies of one article share their prose lines
        for ln in lines:
            if ln.reason is None and ln.score <= 1.5 and context.seen(ln.text) >= limit:
                ln.reason, ln.score = "template-repeat", HARD
    scores = [ln.score for ln in lines]
    return lines, _cut_comments(lines, scores, _max_run(scores)), script


ARCHIVE_BANNER_LINES = 80  # the Wayback Machine toolbar fits in this many lines at the top of a dump
_CAPTURES = re.compile(r"^[\d,.]+\s+captures?$", re.I)


def _label_archive_banner(lines: list[_Line]) -> None:
    """The Wayback Machine's toolbar, flattened into pages saved from web.archive.org: from its
    "N captures" line (or "About this capture") to its closing "TIMESTAMPS" line, including the
    collection's own prose ("These crawls are part of an effort to archive pages..."), is chrome."""
    head = lines[:ARCHIVE_BANNER_LINES]
    start = next((i for i, ln in enumerate(head) if _CAPTURES.match(ln.text) or ln.text.lower() == "about this capture"),
                 None)
    if start is None:
        return
    end = next((i for i in range(start, len(head)) if head[i].text.upper() == "TIMESTAMPS"), None)
    if end is None:
        return
    while start > 1 and len(lines[start - 1].text) <= 12:  # "success", "fail", month and year tabs above it
        start -= 1
    for ln in lines[start : end + 1]:
        ln.reason = "archive-banner"


def _cut_comments(lines: list[_Line], scores: list[float], run: tuple[int, int]) -> tuple[int, int]:
    """The body run ended before the first comment header that follows real prose in it."""
    first, last = run
    total = 0.0
    for i in range(first, last + 1):
        if lines[i].reason == "comment-form" and total >= MIN_PROSE_BEFORE_COMMENTS:
            best, end, acc = 0.0, first - 1, 0.0
            for j in range(first, i):  # end at the best prefix, dropping trailing chrome
                acc += scores[j]
                if acc > best:
                    best, end = acc, j
            return first, end
        total += scores[i]
    return run


def _label_outside(lines: list[_Line], first: int, last: int, script: str) -> None:
    """Give every non-body line without a reason one (popular-list, other-script, short-line...)."""
    in_list = False
    for i, ln in enumerate(lines):
        if ln.reason == "list-header":
            in_list = True
            continue
        if first <= i <= last:
            in_list = False
            continue
        if ln.reason is not None:
            continue
        if ln.score > 1.5:
            in_list = False
        if in_list:
            ln.reason = "popular-list"
        elif ln.script != script and ln.letters >= 3:
            ln.reason = "other-script"
        elif ln.words < 5:
            ln.reason = "short-line"
        else:
            ln.reason = "outside-body"


MODEL_MIN_LINES = 50  # the line model's training pages: 95 % have more lines (a distribution bound, not tuned)
METHODS = ("auto", "model", "heuristic")


def model_keep(
    lines: list[_Line],
    run: tuple[int, int],
    script: str,
    context: BatchContext | None,
    model: LineModel,
    extra: np.ndarray | None = None,
) -> list[bool]:
    """Lines the trained line model calls body (hard chrome reasons always win); ``extra`` are
    more feature columns (the HTML model's trafilatura flags)."""
    documents = context.documents if context is not None else 0
    seen = [context.seen(ln.text) for ln in lines] if context is not None and documents > 1 else None
    x = features(lines, run, script, seen, documents, model.vocab)
    proba = model.proba(x if extra is None else np.hstack([x, extra]))
    keep = [bool(p >= model.threshold) and ln.reason is None for ln, p in zip(lines, proba, strict=True)]
    for i, ln in enumerate(lines):  # short lines in another script are chrome, as on the heuristic path
        if keep[i] and ln.script != script and ln.letters >= 3 and ln.words < 5:
            keep[i] = False
    # No cut at a comment header here (the heuristic path has one): the model sees where comment
    # headers lie (its features), and a cut anchored on the heuristic run dropped whole articles
    # when that run had settled on a sidebar above a comment form (validation fifth: dump model
    # 0.865 -> 0.871, HTML 0.919 -> 0.922 without the cut).
    return keep


MAIN_BLOCK_GAP = 2  # kept lines this few dropped lines apart are one block of body


def _body_top(lines: list[_Line], keep: list[bool]) -> int:
    """Where the title is sought above on the model path: the first paragraph (a kept line of
    prose) of the block of kept lines with the most words. Kept lines before that paragraph (the
    headline and byline the model keeps) are candidates; a stray line the model keeps in a teaser
    list above the article is not where the body starts."""
    start = _main_block_start(lines, keep)
    return next((i for i in range(start, len(lines)) if keep[i] and lines[i].score > 1.5), start + 1)


def _main_block_start(lines: list[_Line], keep: list[bool]) -> int:
    """First line of the block of kept lines with the most words (kept lines at most
    ``MAIN_BLOCK_GAP`` dropped lines apart)."""
    best = start = -1
    best_words = words = gap = 0
    for i, (ln, k) in enumerate(zip(lines, keep, strict=True)):
        if k:
            if start < 0 or gap > MAIN_BLOCK_GAP:
                start, words = i, 0
            words, gap = words + ln.words, 0
            if words > best_words:
                best, best_words = start, words
        elif start >= 0:
            gap += 1
    return best


def clean_text_dump(
    raw: RawDoc,
    context: BatchContext | None = None,
    text: str | None = None,
    method: str = "auto",
    model: LineModel | None = None,
) -> CleanArticle:
    """Clean a plain-text dump (``text`` overrides ``raw.text``, e.g. a flattened HTML page).

    Steps: 1. classify lines (see ``classify_lines``); 2. pick the title from the lines just above
    the body; 3. body lines: ``method="heuristic"`` keeps the maximum-sum run (the hand-tuned
    cleaner), ``"model"`` keeps the lines the trained line model (``line_model.py``, ``model`` or
    the shipped file) calls body (the heuristic path when no model file is there), ``"auto"``
    (default) the model on dumps of ``MODEL_MIN_LINES`` lines or more unless it keeps nothing
    the run keeps, else the run; 4. drop chrome among them (duplicates of the title, truncated
    ledes, single-word links); 5. label everything else and assemble the article.
    """
    if method not in METHODS:
        raise ValueError(f"unknown cleaning method {method!r}")
    text = raw.text if text is None else text
    lines, (first, last), script = classify_lines(text, context)
    steps = [f"lines={len(lines)}", f"body-run={first}-{last}"]
    use_model = method == "model" or (method == "auto" and len(lines) >= MODEL_MIN_LINES)
    if use_model and model is None:
        model = load_model()
    keep = model_keep(lines, (first, last), script, context, model) if use_model and model else None
    if keep is not None and method == "auto" and not any(keep) and last >= first:
        keep = None  # never empty a page the run finds prose in (see the module docstring)
        steps.append("line-model-empty")
    if keep is not None:
        steps.append("line-model")
    # 2. title: the headline above the body repeating the page's first line (its <title>), else
    # the nearest headline-shaped line above the body (skipping chrome, bylines and datelines),
    # else the hint. When the model decides, the body starts at the first paragraph of its main
    # block of kept lines (the run may sit on a sidebar elsewhere); the kept lines above that
    # paragraph are candidates, as the model keeps headlines (its training gold holds them)
    top: int | None = first if last >= first else None
    if keep is not None and any(keep):
        top = _body_top(lines, keep)
    title_line: _Line | None = _repeats_page_title(lines, top, script) if top is not None else None
    zone = lines[max(0, top - 8) : top] if top is not None else lines[:8]
    shorter: list[_Line] = []  # headline-shaped lines under the title that were too short for one
    for ln in reversed(zone if title_line is None else []):
        if _is_headline(ln, script) and not _BYLINE_SHAPE.search(ln.text):
            if ln.words >= TITLE_MIN_WORDS:
                title_line = ln
                break
            shorter.append(ln)
        if ln.reason is None and ln.score > 1.5:
            break
    if title_line is None and shorter:
        title_line = shorter[0]
    elif title_line is not None:
        for ln in shorter:  # "Pin It", "View Profile" between the headline and the body: chrome
            ln.reason = "short-line"
    title = title_line.text if title_line else None
    if title_line is not None:
        steps.append("title=above-body")
    elif raw.title_hint:
        title = " ".join(raw.title_hint.split()) or None
        steps.append("title=hint")
    # 3. chrome inside and around the body block
    tkey = " ".join(title.lower().split()) if title else ""
    keyed: list[str] = []
    for i, ln in enumerate(lines):
        if ln is title_line or ln.reason is not None:
            continue
        near = tkey and abs(len(ln.text) - len(tkey)) <= 0.2 * len(tkey) + 2
        lkey = " ".join(ln.text.lower().split()) if near else ""
        if near and (lkey == tkey or (abs(len(lkey) - len(tkey)) < 0.2 * len(tkey) and fuzz.ratio(lkey, tkey) >= 90)):
            ln.reason = "duplicate-title"
        elif ln.text.endswith(("...", "…")) and _truncated_copy(ln, keyed or _keyed(lines, keyed)):
            ln.reason = "truncated-lede"
        elif (keep[i] if keep is not None else first <= i <= last) and ln.words <= 1 and not ln.sent:
            ln.reason = "short-line"
    if keep is not None:
        keep = [k and ln.reason is None and ln is not title_line for k, ln in zip(keep, lines, strict=True)]
    _label_outside(lines, first, last, script)
    if keep is None:
        body_lines = [ln for i, ln in enumerate(lines) if first <= i <= last and ln.reason is None]
    else:
        for k, ln in zip(keep, lines, strict=True):
            if k:
                ln.reason = None
            elif ln.reason is None:
                ln.reason = "line-model"
        body_lines = [ln for k, ln in zip(keep, lines, strict=True) if k]
    chrome = [ChromeSpan(ln.start, ln.end, ln.reason) for ln in lines if ln.reason and ln is not title_line]
    teasers = [ln.teaser for ln in lines if ln.teaser is not None]
    outlet = find_outlet(title, body_lines, raw.url)
    steps.append(f"body-lines={len(body_lines)} chrome={len(chrome)} teasers={len(teasers)}")
    if outlet:
        steps.append("outlet")
    return assemble_article(
        raw,
        text,
        [(ln.start, ln.end) for ln in body_lines],
        chrome=chrome,
        teasers=teasers,
        title=title,
        title_span=(title_line.start, title_line.end) if title_line else None,
        outlet=outlet,
        steps=("clean-text", *steps),
    )


def assemble_article(
    raw: RawDoc,
    text: str,
    spans: list[tuple[int, int]],
    *,
    chrome: Iterable[ChromeSpan] = (),
    teasers: Iterable[Teaser] = (),
    title: str | None = None,
    title_span: tuple[int, int] | None = None,
    outlet: str | None = None,
    published_hint: str | None = None,
    content_type: str | None = None,
    steps: tuple[str, ...] = (),
) -> CleanArticle:
    """A CleanArticle whose body is the source ``spans`` (in order) joined by blank lines."""
    segments: list[Segment] = []
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        if end <= start:
            continue
        if parts:
            pos += 2
        segments.append(Segment(body_start=pos, start=start, length=end - start))
        parts.append(text[start:end])
        pos += end - start
    return CleanArticle(
        id=raw.id,
        origin=raw.origin,
        text=text,
        body="\n\n".join(parts),
        segments=tuple(segments),
        title=title,
        title_start=title_span[0] if title_span else None,
        title_end=title_span[1] if title_span else None,
        chrome=tuple(sorted(chrome, key=lambda c: (c.start, c.end))),
        teasers=tuple(teasers),
        outlet=outlet,
        url=raw.url,
        fetched_at=raw.fetched_at,
        published_hint=published_hint or raw.published_hint,
        content_type=content_type or raw.content_type,
        steps=steps,
    )


def clean_article(raw: RawDoc, context: BatchContext | None = None) -> CleanArticle:
    """Separate an article's title and body from the page chrome around it.

    Args:
        raw: the document as read; ``content_type`` "html" goes through trafilatura on the page
            and offsets then index the flattened visible text (``clean_html``), anything else is
            treated as a text dump.
        context: line counts of the batch the document belongs to, for template lines.

    Returns:
        The CleanArticle; an empty text gives an empty body with no segments. Never raises on
        odd text.
    """
    if not isinstance(raw, RawDoc):
        raise TypeError(f"clean_article expects a RawDoc, got {type(raw).__name__}")
    if raw.content_type == "html":
        from storyline.stages.clean_html import clean_html_page

        return clean_html_page(raw, context)
    return clean_text_dump(raw, context)
