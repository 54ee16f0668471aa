"""TimeML value normalisation for the candidates ``timex_rules`` finds (internal to ``timexes``).

One handler per rule turns a regex match plus the reference date and a tense cue into
``(type, value, mod)``, or None to reject the candidate. Kept apart from the tagger so each
module stays readable; not a stable API: call ``storyline.stages.timexes.tag_timexes``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from storyline.stages import timex_rules as R

VALUE_RE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|P(?:(?:[\dX.]+(?:Y|M|W|D|Q|DE|CE))+(?:T(?:[\dX.]+[HMS])+)?|T(?:[\dX.]+[HMS])+)|"
    r"(?:\d{4}|\d{3}|\d{2}|XXXX)(?:-(?:\d{2}|XX|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}|WXX)"
    r"(?:-(?:\d{2}|XX|WE|[1-7]))?)?(?:T(?:\d{2}(?::\d{2})?Z?|MO|AF|EV|NI))?)$"
)

# Month(-day) years follow the tense only when its cue is this close; farther cues were wrong more
# often than right on TimeBank (development split), where the nearest year wins instead.
NEAR_CUE_CHARS = 40
SLIP_DAYS = 60
Result = tuple[str, str, str | None]  # (type, value, mod)


class Ctx:
    """Reference date and sentence of one candidate; tense computed lazily."""

    __slots__ = ("_near", "_tense", "day_first", "dct", "pos", "sentence")

    def __init__(self, dct: dt.date | None, sentence: str, pos: int, day_first: bool = False) -> None:
        self.dct, self.sentence, self.pos = dct, sentence, pos
        self.day_first = day_first  # numeric dates of the text are written day first (not English)
        self._tense: str | None = None
        self._near: str | None = None

    @property
    def near_tense(self) -> str:
        """Tense from a cue in the same clause (within 40 characters), else ""."""
        if self._near is None:
            self._near = R.tense_at(self.sentence, self.pos, NEAR_CUE_CHARS)
        return self._near

    @property
    def tense(self) -> str:
        """"past", "future" or "" (no cue) at this candidate."""
        if self._tense is None:
            self._tense = R.tense_at(self.sentence, self.pos)
        return self._tense


def parse_dct(value: str | None) -> dt.date | None:
    """The date of an ISO date(time) string, or None when absent or malformed."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date(y: int, m: int, d: int) -> dt.date | None:
    """A date, or None when the fields are impossible."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _ymd(d: dt.date) -> str:
    """ISO date string."""
    return d.isoformat()


def _week(d: dt.date) -> str:
    """ISO week value, e.g. 2013-W11."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _year4(y: str) -> int:
    """Four-digit year from a two- or four-digit string (two digits: 19xx above 50)."""
    n = int(y)
    if len(y) == 2:
        n += 1900 if n > 50 else 2000
    return n


def _mod(text: str | None) -> str | None:
    """TimeML mod for a modifier phrase, or None."""
    if not text:
        return None
    return R.MODS.get(re.sub(r"\s+", " ", text.strip().lower()))


def _month(word: str) -> int | None:
    """Month number of a month name in any supported language, or None."""
    return R.MONTHS.get(word.lower().rstrip("."))


def _shift_year(y: int, rel: str | None) -> int:
    """Year moved by "last/next year" relative phrases."""
    last = ((rel or "").split() or [""])[-1]
    return y - 1 if last in ("last", "final") else y + 1 if last == "next" else y


_FIRST_WORD = re.compile(r"[^\W\d_]+")
_RANGE_START = re.compile(r"[0-3]?\d\.?\s+(?:по|до|al|au|bis)\s")
# "since" right before a date, weekday or season: the latest one begun ("seit Mai", "depuis lundi",
# "desde el martes", "с весны"); Spanish "desde" and the Cyrillic ones also mean "from (then on)"
SINCE_BEFORE = re.compile(r"(?i:\b(?P<strong>since|seit|depuis)|\bdesde|(?<!\w)(?:с|со|з|із|від))\s+(?:(?:dem|le|el)\s+)?$")


def pick_year(m: int, d: int | None, ctx: Ctx) -> int:
    """Year of a month(-day) without year: the DCT's, moved back/forward by tense."""
    assert ctx.dct is not None
    ref = ctx.dct
    y = ref.year
    # a date up to ~2 months ahead in a past-tense sentence is more often a tense-cue slip ("said the
    # offer expires Oct. 31") than last year's (TimeBank development split); the same holds backwards
    k = m * 31 + (d or 15) - (ref.month * 31 + ref.day)
    since = SINCE_BEFORE.search(ctx.sentence, max(0, ctx.pos - 16), ctx.pos)
    if (since and (since["strong"] or ctx.tense != "future")  # "desde mayo habrá", "с мая будут": from then on
            and not _RANGE_START.match(ctx.sentence, ctx.pos)):  # "с 15 по 17 марта": a range, not "since"
        return y if m * 31 + (d or 1) <= ref.month * 31 + ref.day else y - 1  # "seit Mai": the latest one begun
    after = k > SLIP_DAYS
    before = k < -SLIP_DAYS
    word = _FIRST_WORD.search(ctx.sentence, ctx.pos, ctx.pos + 24)  # the month word, after a day number
    if word and clause_present(word[0], ctx.sentence, ctx.pos):
        return y + 1 if before else y  # "объявило, что повысит пенсии в январе": the clause's own tense
    tense = ctx.near_tense
    if tense == "past" and after:
        return y - 1
    if tense == "future" and before:
        return y + 1
    if tense:
        return y
    if _FUT_PREP.search(ctx.sentence, max(0, ctx.pos - 12), ctx.pos):
        return y + 1 if before else y  # "by February", "effective Jan. 1", "through January"
    # a cue farther away in the sentence still decides, within nine months either way of the DCT
    far = ctx.tense
    if far == "past":
        return y - 1 if after else y + 1 if k < -FAR_CUE_DAYS else y
    if far == "future":
        return y + 1 if before else y - 1 if k > FAR_CUE_DAYS else y
    if word and present_sentence(word[0], ctx.sentence):
        return y + 1 if before else y  # no past verb form: "Выборы пройдут в сентябре", "am 30. Juni"
    # no cue: the nearest of last, this and next year (ties: this year)
    return y - 1 if k > 6 * 31 else y + 1 if k < -6 * 31 else y


FAR_CUE_DAYS = 9 * 31
_FUT_PREP = re.compile(r"\b(?:by|until|till|through|effective|before)\s+$", re.I)


EN_WORDS = {"january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun", "july",
             "jul", "august", "aug", "september", "sep", "sept", "october", "oct", "november", "nov",
             "december", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "today", "yesterday", "tomorrow"}
_WD_ABBR = {w[:3]: i for w, i in R.WEEKDAYS.items() if w.isascii() and w.endswith("day")}


def full_date(g: dict[str, str | None], ctx: Ctx) -> Result | None:
    """Value of a day-month(-year) match."""
    mon = _month(g.get("mon") or "") if g.get("mon") else int(g["m"] or 0)
    if not mon:
        return None
    d = int(g["d"] or 0)
    if not 1 <= d <= 31 or not 1 <= mon <= 12:
        return None
    wd = R.WEEKDAYS.get((g.get("wd") or "").lower().rstrip(".")) or _WD_ABBR.get((g.get("wd") or "")[:3].lower())
    if g.get("y"):
        y = _year4(g["y"] or "")
        if _date(y, mon, d) is None:
            return None
        value = f"{y:04d}-{mon:02d}-{d:02d}"
    elif g.get("ry"):
        if _date(2000, mon, d) is None:
            return None
        if ctx.dct is None:
            value = f"XXXX-{mon:02d}-{d:02d}"
        else:
            value = f"{_shift_year(ctx.dct.year, g['ry']):04d}-{mon:02d}-{d:02d}"
    elif ctx.dct is None:
        if _date(2000, mon, d) is None:
            return None
        value = f"XXXX-{mon:02d}-{d:02d}"
    else:
        y = pick_year(mon, d, ctx)
        if wd:  # a stated weekday picks the year where the date falls on it
            fits = [yy for yy in (y, y - 1, y + 1) if (_date(yy, mon, d) or ctx.dct).isoweekday() == wd]
            y = fits[0] if fits else y
        if _date(y, mon, d) is None:
            return None
        value = f"{y:04d}-{mon:02d}-{d:02d}"
    if g.get("H") and g.get("M"):
        h = int(g["H"] or 0)
        if h > 23:
            return None
        return "TIME", f"{value}T{h:02d}:{g['M']}", None
    return "DATE", value, None


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def _h_numeric(m: re.Match[str], ctx: Ctx) -> Result | None:
    """ISO, dotted (DMY) and slashed (MDY; DMY in other languages' text) numeric dates."""
    g = m.groupdict()
    if g.get("y") and len(g["y"] or "") == 2 and m.re is not R.RULES[1][1] and m.re is not R.RULES[2][1]:
        return None
    if m.re is R.SLASH and int(g["d"]) <= 12 and (ctx.day_first or int(g["m"]) > 12
                                                  or _CYRILLIC_LETTER.search(ctx.sentence)):
        g = dict(g, m=g["d"], d=g["m"])  # "05/10/2024" in French or Spanish text, "25/10/2024" anywhere
    elif int(g["m"]) > 12 and int(g["d"]) <= 12:
        g = dict(g, m=g["d"], d=g["m"])
    return full_date(g, ctx)


def _h_monthday(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"October 28", "Thursday, October 31", "24 February this year", "24. Februar 2022", "3. November
    vergangenen Jahres", "le 3 novembre dernier", "el pasado 3 de noviembre"."""
    g = m.groupdict()
    if g.get("mon_de"):
        g["mon"] = g["mon_de"]
    elif capitalised_name(m.group("mon"), m.string, m.start("mon")):
        return None  # "улица 8 Марта", "plaza del Dos de Mayo": a name
    if _STREET_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # "Straße des 17. Juni", "rue du 4 Septembre": a street
    if g.get("ryf") and ctx.dct is not None:
        g["y"] = str(ctx.dct.year + rel_year_shift(g["ryf"] or ""))
    last_next = (g.get("srel") or g.get("prel") or "").lower()
    if last_next and ctx.dct is not None:  # the latest such day before the reference, or the next after it
        res = full_date({**g, "y": str(ctx.dct.year)}, ctx)
        if res is None:
            return None
        day = dt.date.fromisoformat(res[1][:10])
        if last_next in ("dernier", "pasado") and day >= ctx.dct:
            g["y"] = str(ctx.dct.year - 1)
        elif last_next in ("prochain", "próximo") and day <= ctx.dct:
            g["y"] = str(ctx.dct.year + 1)
        else:
            g["y"] = str(ctx.dct.year)
    return full_date(g, ctx)


# relative words: their shift from the reference unit, by lower-case stem
SHIFT_STEMS = (
    ("letzt", -1), ("vergangen", -1), ("vorig", -1), ("vor", -1), ("derni", -1), ("pass", -1), ("pasad", -1),
    ("прошл", -1), ("минувш", -1), ("предыдущ", -1), ("минул", -1), ("попередн", -1), ("тор", -1),
    ("nächst", 1), ("naechst", 1), ("kommend", 1), ("proch", 1), ("próxim", 1), ("proxim", 1), ("que", 1),
    ("следующ", 1), ("будущ", 1), ("наступн", 1),
    ("dies", 0), ("cette", 0), ("ce", 0), ("esta", 0), ("este", 0), ("эт", 0), ("ць", 0), ("ці", 0), ("це", 0),
    ("цю", 0), ("текущ", 0), ("нынешн", 0), ("поточн", 0), ("laufend", 0),
)


def _stem_shift(word: str) -> int | None:
    """Shift of a relative word by its stem (-1 last, 0 this, +1 next); None for any other word."""
    w = word.lower()
    return next((shift for stem, shift in SHIFT_STEMS if w.startswith(stem)), None)


def shift_of(word: str) -> int:
    """Shift of a relative word the rules matched ("letzten", "prochain", "прошлой")."""
    shift = _stem_shift(word)
    if shift is None:
        raise ValueError(f"not a relative word: {word!r}")
    return shift


def rel_year_shift(phrase: str) -> int:
    """-1, 0 or +1: the year a relative-year phrase names ("vergangenen Jahres", "del año que viene"):
    its first relative word's."""
    return next((s for s in map(_stem_shift, phrase.split()) if s is not None), 0)


_STREET_BEFORE = re.compile(r"(?i:\b(?:straße|strasse|platz|allee|ufer|brücke|rue|place|avenue|boulevard|quai|"
                            r"calle|plaza|avenida|paseo)\s+(?:des|du|del|de)\s+)$")


def capitalised_name(month: str, sentence: str, pos: int) -> bool:
    """True for a Spanish, Russian or Ukrainian month word written with a capital inside a sentence:
    these languages write dates in lower case, so "8 Марта", "Dos de Mayo" are names (a holiday,
    a street), not dates."""
    if not month[:1].isupper() or not sentence[:pos].strip() or month.isupper():
        return False
    low = month.lower()
    return (not low.isascii() and low[0] in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ") or low in _SPANISH_MONTHS


_SPANISH_MONTHS = frozenset("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
                            "noviembre diciembre".split())


def _h_monthyear(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"February 2022", "early 2024"-style month-year."""
    mon = _month(m.group("mon"))
    if not mon:
        return None
    return "DATE", f"{int(m.group('y')):04d}-{mon:02d}", _mod(m.groupdict().get("mod"))


def _h_month(m: re.Match[str], ctx: Ctx) -> Result | None:
    """A month name alone ("in August", "last June"): year from the reference date and tense."""
    word = m.group("mon")
    rel = (m.group("rel") or "").lower() or None
    if word == "May" and not (m.group("prep") or rel or m.group("mod")):
        return None  # the modal verb
    if word in ("March",) and not (m.group("prep") or rel or m.group("mod")):
        return None  # the verb/noun
    mon = _month(word)
    if not mon:
        return None
    mod = _mod(m.group("mod"))
    if ctx.dct is None:
        return "DATE", f"XXXX-{mon:02d}", mod
    y = ctx.dct.year
    if m.group("ry"):
        y = _shift_year(y, m.group("ry"))
    elif rel == "last" or rel == "past":
        y = y - 1 if mon >= ctx.dct.month else y
    elif rel in ("next", "coming"):
        y = y + 1 if mon <= ctx.dct.month else y
    elif rel != "this":
        y = pick_year(mon, None, ctx)
    return "DATE", f"{y:04d}-{mon:02d}", mod


_STRONG_PREP = {"in", "since", "until", "from", "through", "during", "before", "after", "by",
                "seit", "bis", "depuis", "desde", "hasta", "en"}  # German, French, Spanish


# a year that one of those prepositions (or "between") opens, then "and"/"or"/"to" and a second year
_YEAR_PAIR_START = re.compile(
    rf"\b(?i:{'|'.join(sorted(_STRONG_PREP | {'between', 'zwischen', 'entre'}))})\s+(?:19|20)\d\d\s+$")


def _h_year(m: re.Match[str], ctx: Ctx) -> Result | None:
    """A four-digit year, only where context makes it a year and not a count."""
    g = m.groupdict()
    prep = " ".join((g.get("prep") or "").lower().split())
    strong = (g.get("mod") or g.get("fy") or g.get("yw") or prep in _STRONG_PREP
              or prep in ("im jahr", "jusqu'en", "jusqu’en"))
    if not strong and prep in ("and", "or", "to", "und", "y", "et"):
        # the second year of a pair a strong preposition opens: "between 2014 and 2016 are planned"
        strong = _YEAR_PAIR_START.search(m.string, 0, m.start()) is not None
    if not strong:
        if not R.YEAR_OK_AFTER.match(m.string, m.end()) and not _year_modifier(m):
            return None
        if _MEASURE_AFTER.match(m.string, m.end()):
            return None  # "1800 – 2000 Meter über dem Meer", "2000 m", "1500 Einwohner": a quantity
        before = m.string[max(0, m.start() - 2) : m.start()]
        if before.endswith(("$", "#", "№")) or before.rstrip().endswith(("$", "€", "£")):
            return None
    y = int(g["y"])
    return "DATE", f"{y:04d}", _mod(g.get("mod"))


_DET_BEFORE = re.compile(r"(?:\b(?:the|its|his|her|their|our|that|this|a|an)|['’]s)\s+(?:[a-z]+\s+)?$", re.I)
_COUNT_NOUN = re.compile(r"\s+(?:people|persons|men|women|children|troops|soldiers|workers|employees|jobs|shares|"
                         r"votes|voters|residents|students|members|cars|vehicles|units|copies|acres|miles|feet|"
                         r"meters|metres|tons|tonnes|barrels|dollars|pounds|euros|yen|points|rooms|beds|homes|"
                         r"houses|seats|flights|cases|deaths|pages|words)\b", re.I)


# a unit or counted noun after the number (or after a range it opens): German nouns are
# capitalised, so YEAR_OK_AFTER's capital letter does not tell a year from a quantity there
_MEASURE_AFTER = re.compile(
    r"(?:\s*[–—-]\s*\d{3,4})?\s*(?:m|km|cm|mm|kg|t|ha|m²|km²|Meter|Metern|Kilometer|Kilometern|Höhenmeter|"
    r"Quadratmeter|Einwohner|Einwohnern|Menschen|Personen|Mitglieder|Mitgliedern|Stück|Euro|EUR|CHF|Franken|"
    r"Dollar|USD|mètres|habitants|personnes|euros|metros|habitantes|personas|метров|человек)(?!\w)")


def _year_modifier(m: re.Match[str]) -> bool:
    """A year modifying a noun after a determiner: "its 1990 invasion", "the 1987 crash", "his 1996
    campaign" (not a count: "the 2000 people")."""
    y = int(m.group("y"))
    if not 1900 <= y <= 2030 or _COUNT_NOUN.match(m.string, m.end()):
        return False
    return _DET_BEFORE.search(m.string, max(0, m.start("t") - 30), m.start("t")) is not None


def _words_num(text: str) -> int | None:
    """Value of a spelled number up to 99 ("ninety-six", "oh five"), or None."""
    text = text.lower().replace("oh", "").strip(" -")
    if not text:
        return 0
    parts = [p for p in re.split(r"[\s-]+", text) if p]
    if not all(p in R.NUMBERS for p in parts):
        return None
    return sum(R.NUMBERS[p] for p in parts)


def _h_year_words(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Spelled years: "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    if m.group("k"):
        n = _words_num(m.group("ky") or "")
        return None if n is None else ("DATE", f"{2000 + n:04d}", None)
    yy = _words_num(m.group("yy"))
    if yy is None:
        return None
    century = 19 if m.group("c").lower() == "nineteen" else 20
    return "DATE", f"{century * 100 + yy:04d}", None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _h_decade_words(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the nineties" -> 199 (the 1900s unless the reference date says otherwise)."""
    return "DATE", f"19{_DECADE_WORDS[m.group('dw').lower()]}", None


def _h_century(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the 20th century" -> 19."""
    n = int(m.group("cn")) if m.group("cn") else {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
        m.group("cw").lower()]
    return None if not 1 <= n <= 21 else ("DATE", f"{n - 1:02d}", None)


def _h_decade(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the 1990s" -> 199, "the '80s" -> 198."""
    if m.group("dec"):
        return "DATE", m.group("dec"), _mod(m.group("mod"))
    return "DATE", "19" + m.group("dec2"), _mod(m.group("mod"))


def _h_season(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Seasons with a year or a relative word."""
    rel, y = m.group("rel"), m.group("y")
    if not (rel or y or m.group("prep")):
        return None
    code = R.SEASONS[m.group("season").lower()]
    mod = _mod(rel) if rel in ("early", "late", "mid", "mid-") else None
    if y:
        return "DATE", f"{y}-{code}", mod
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", mod
    return "DATE", f"{_shift_year(ctx.dct.year, rel):04d}-{code}", mod


def _last_quarter(ref: dt.date) -> int:
    """Index (year * 4 + quarter - 1) of the last completed quarter before ``ref``: what results news reports."""
    return ref.year * 4 + (ref.month - 1) // 3 - 1


def _q(k: int) -> str:
    """Quarter value of a quarter index."""
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def _h_quarter(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Quarters and halves: "the third quarter" -> 1997-Q3, "the 1988 second quarter" -> 1988-Q2."""
    unit = "Q" if m.group("unit") == "quarter" else "H"
    size = 3 if unit == "Q" else 6
    ordw = m.group("ord").lower()
    y_s = m.group("y") or m.group("y2") or m.group("py")
    ref = ctx.dct
    if not y_s and ref is not None and (m.group("pre") or m.group("ry") or m.group("qry")):
        rel = "last" if m.group("pre") else (m.group("ry") or m.group("qry")).lower()
        y_s = f"{_shift_year(ref.year, rel):04d}"
    n = R.ORDINALS.get(ordw)
    if n is None:
        if ordw in ("final", "last") and y_s:
            n = 4 if unit == "Q" else 2
        elif ref is None:
            return "DATE", "XXXX", None
        else:
            cur = (ref.month - 1) // size + 1
            # "latest"/"last" quarter is the last completed one; "year-earlier" the one a year before it
            shift = {"last": -1, "latest": -1, "previous": -1, "next": 1, "year-earlier": -5,
                     "year-ago": -5}.get(ordw, 0)
            if unit == "H" and shift == -5:
                shift = -3
            k = (ref.year * (12 // size) + cur - 1) + shift
            return "DATE", f"{k // (12 // size):04d}-{unit}{k % (12 // size) + 1}", None
    return _quarter_value(unit, n, y_s, ctx)


def _quarter_value(unit: str, n: int, y_s: str | None, ctx: Ctx) -> Result | None:
    """Quarter (``unit`` "Q") or half ("H") ``n`` of the year ``y_s``, else of the reference year."""
    if unit == "H" and n > 2:
        return None
    if y_s:
        return "DATE", f"{y_s}-{unit}{n}", None
    ref = ctx.dct
    if ref is None:
        return "DATE", "XXXX", None
    # a quarter still ahead of the DCT, reported in the past tense or more than half a year ahead,
    # is last year's ("announced a drop in profits for the fourth quarter", written in January)
    start_month = (n - 1) * (3 if unit == "Q" else 6) + 1
    if start_month > ref.month and (ctx.near_tense == "past" or start_month - ref.month > 6):
        return "DATE", f"{ref.year - 1:04d}-{unit}{n}", None
    return "DATE", f"{ref.year:04d}-{unit}{n}", None


# "Q3", "H1 2024", "Q4'23": a bare code is a period only after a preposition or determiner ("the
# Audi Q3" is a car)
_QCODE_BEFORE = re.compile(r"(?:\b(?:in|for|during|of|by|since|until|the|its|their|a|each|In|For|During|The|By)\s+)$")


def _h_qcode(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Q3 2024" -> 2024-Q3, "H1" -> the reference year's first half."""
    code = m.group("qc")
    y_s = m.group("y") or (f"20{m.group('yy')}" if m.group("yy") else None)
    if y_s is None and not _QCODE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return _quarter_value(code[0], int(code[1]), y_s, ctx)


_PERIOD_PREPS = {"in", "for", "during", "of", "through", "throughout", "over"}


def _h_period(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Reporting periods of results news: "for the quarter" (the last completed quarter), "the latest
    period", "the year-earlier period", "the 1988 quarter", "last year's quarter", "for the year" (the
    DCT's year), "the fiscal year", "the year ended Sept. 30" (a year-long duration)."""
    g = m.groupdict()
    unit = g["unit"]
    t = m.group("t")
    the = t[:4].lower() == "the "
    prep = (g.get("prep") or "").lower()
    lat = re.sub(r"\s+", " ", (g.get("lat") or "").lower())
    marked = g.get("pre") or g.get("py") or g.get("ry")
    if not (marked or lat or (the and prep in _PERIOD_PREPS)):
        return None
    if unit == "period" and not (marked or lat in ("latest", "current")):
        return None
    if re.match(r"\s+(?:before|after|earlier|later|ago|of\b)", m.string[m.end("t") :]):
        return None  # "the year before" (anaphoric), "the quarter of a century"
    ref = ctx.dct
    if unit == "year":
        ended = re.match(r"\s+(?:ended|ending|ends|that\s+ended)\b", m.string[m.end("t") :])
        if ended or g.get("py") or g.get("ry"):
            return ("DURATION", "P1Y", None) if ended and not marked else None
        if ref is None:
            return "DATE", "XXXX", None
        return "DATE", f"{ref.year - (1 if g.get('pre') or lat.startswith('latest') else 0):04d}", None
    if ref is None:
        return "DATE", "XXXX", None
    k = _last_quarter(ref)
    if lat.startswith("current"):
        k += 1
    elif lat and lat != "latest":
        return None  # "the full quarter", "the fiscal period"
    if g.get("pre"):
        k -= 4
    elif g.get("py"):
        k = int(g["py"]) * 4 + k % 4
    elif g.get("ry"):
        k += 4 * ({"last": -1, "next": 1}.get(g["ry"].lower(), 0))
    return "DATE", _q(k), None


def _h_year_adj(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Adjectival "year-earlier"/"year-ago" ("year-earlier profit"): last year, or the reporting quarter
    a year back when the sentence is about a quarter."""
    if ctx.dct is None:
        return "DATE", "XXXX", None
    if _QUARTER_CTX.search(ctx.sentence):
        return "DATE", _q(_last_quarter(ctx.dct) - 4), None
    return "DATE", f"{ctx.dct.year - 1:04d}", None


def _h_weekend(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the weekend": the one just past (past tense, or early in the week) or the coming one."""
    return weekend_value(ctx)


def weekend_value(ctx: Ctx) -> Result:
    """The weekend just past (past tense, or early in the week) or the coming one, as YYYY-Www-WE."""
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    cur = ctx.dct.isoweekday()
    tense = ctx.tense
    if tense == "past" or (not tense and cur <= 3):
        sat = ctx.dct - dt.timedelta(days=(cur - 6) % 7)
    else:
        sat = ctx.dct + dt.timedelta(days=(6 - cur) % 7)
    return "DATE", _week(sat) + "-WE", None


_ANA_SHIFT = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0}


def _h_anaphor(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the following year", "the previous day", "that month", "the previous Friday": resolved here
    against the DCT; ``timexes`` re-anchors them to the last date mentioned before them."""
    unit = m.group("unit").lower()
    if ctx.dct is None:
        return "DATE", "XXXX", None
    shift = _ANA_SHIFT.get((m.group("rel") or "same").lower(), 0)
    wd = R.WEEKDAYS.get(unit)
    if wd:
        if shift == 0:
            return None
        return "DATE", _ymd(weekday_date(wd, "next" if shift > 0 else "last", ctx)), None
    value = shift_value(ctx.dct.isoformat(), unit, shift)
    if value is None:
        return None
    return ("TIME" if "T" in value else "DATE"), value, None


def shift_value(anchor: str, unit: str, n: int) -> str | None:
    """``anchor`` (a TimeML date value) moved by ``n`` units, at the unit's granularity; None when the
    anchor is too coarse ("1995" moved by a day). A quarter anchor moved by years stays a quarter."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-W(\d{2}))?", anchor)
    if not m:
        return None
    y = int(m.group(1))
    mon = int(m.group(2)) if m.group(2) else None
    day = _date(y, mon or 1, int(m.group(3))) if m.group(3) else None
    if day is None and m.group(5):
        day = dt.date.fromisocalendar(y, int(m.group(5)), 1) if int(m.group(5)) <= 53 else None
    part = R.PARTS.get(unit)
    if part:
        return None if day is None else f"{_ymd(day + dt.timedelta(days=n))}T{part}"
    if unit == "day":
        return None if day is None or m.group(5) else _ymd(day + dt.timedelta(days=n))
    if unit in ("week", "fortnight"):
        return None if day is None else _week(day + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        if mon is None:
            return None
        k = y * 12 + mon - 1 + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "quarter":
        q = int(m.group(4)) - 1 if m.group(4) else (mon - 1) // 3 if mon else None
        return None if q is None else _q(y * 4 + q + n)
    if unit == "year":
        if m.group(4):
            return _q((y + n) * 4 + int(m.group(4)) - 1)
        return f"{y + n:04d}"
    if unit == "decade":
        return f"{(y + 10 * n) // 10:03d}"
    return None


_FR = re.compile(r"\b(?:le|la|les|des|est|et|une|un|du|au|à|il|elle|a été)\b", re.I)
_DE = re.compile(r"\b(?:der|die|das|und|ist|ich|wir|sind|nicht|ein|eine|auch)\b", re.I)


def _looks_french(sentence: str) -> bool:
    """True when French function words outnumber German ones in the sentence."""
    return len(_FR.findall(sentence)) > len(_DE.findall(sentence))


_THE_MORNING = re.compile(r"(?i:\b(?:la|esta|cada|toda|una|por)\s+)$")
_OPEN_QUOTES = frozenset("«„“\"'‘‹")
_CLOSE_QUOTES = frozenset("»“”\"'’›")


def _h_relday(m: re.Match[str], ctx: Ctx) -> Result | None:
    """today / yesterday / tomorrow / tonight (and other languages)."""
    raw = m.group("w")
    w = re.sub(r"\s+", " ", raw.lower())
    if raw == "Morgen" or (w == "hier" and not _looks_french(m.string)):
        return None  # German "Morgen" (morning) and "hier" (here)
    if w == "mañana" and _THE_MORNING.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # Spanish "de la mañana", "esta mañana": the morning, not tomorrow
    s, e = m.span("w")
    if m.string[s - 1 : s] in _OPEN_QUOTES and m.string[e : e + 1] in _CLOSE_QUOTES:
        return None  # a title: the newspaper «Завтра», the film "Tomorrow"
    part = R.PARTS.get((m.groupdict().get("part") or m.groupdict().get("ppart") or "").lower())
    if w == "tonight":
        off, part = 0, "NI"
    elif w == "last night":
        off, part = -1, "NI"
    elif w.startswith("this "):
        off, part = 0, R.PARTS[w.split()[1]]
    else:
        found = R.REL_DAYS.get(w)
        if found is None:
            return None
        dd = m.groupdict().get("dd")
        off = found + (1 if dd == "after" else -1 if dd == "before" else 0)
    base = "XXXX-XX-XX" if ctx.dct is None else _ymd(ctx.dct + dt.timedelta(days=off))
    if part:
        return "TIME", f"{base}T{part}", None
    return "DATE", base, None


def weekday_date(wd: int, rel: str | None, ctx: Ctx) -> dt.date:
    """Date of a weekday relative to the DCT: past tense -> previous one, future -> next."""
    assert ctx.dct is not None
    ref = ctx.dct
    cur = ref.isoweekday()
    rel = (rel or "").lower()
    if rel in ("this",):
        return ref + dt.timedelta(days=wd - cur)
    if rel in ("next", "coming") or (not rel and ctx.tense == "future"):
        delta = (wd - cur) % 7
        if rel and delta == 0:
            delta = 7
        return ref + dt.timedelta(days=delta)
    delta = (cur - wd) % 7
    if delta == 0 and (rel or _PLUPERFECT.search(ctx.sentence, max(0, ctx.pos - 40), ctx.pos)):
        delta = 7  # "last Monday"; "had met on Monday" (a past before the past) on a Monday
    return ref - dt.timedelta(days=delta)


# a past perfect auxiliary shortly before the weekday: "had (already) met on", "hatte bereits am",
# "avait annoncé", "había dicho" (not one after it: "stated on Thursday that it had signed")
_PLUPERFECT = re.compile(r"\b(?:had|hatte|hatten|avait|avaient|había|habían)\b", re.I)


# German, French, Spanish "from (weekday) on", "for (weekday)": the coming one
_FROM_ON = re.compile(r"(?i:\b(?:ab|für|dès|à\s+partir\s+du|à\s+partir\s+de|a\s+partir\s+del|para\s+el)\s+)$")
# French and Spanish mark the past (passé composé, imparfait, preterite: tense cues); a weekday in a
# sentence without a cue is a coming event told in the present ("Le PSG affronte Lyon dimanche",
# "El Congreso vota el jueves") unless a participle stands right before it ("entamée jeudi");
# English and German keep the past reading (Russian and Ukrainian: see _CYR_PAST)
_PARTICIPLE_BEFORE = re.compile(r"\b[a-zàâçèéêëîïôûù]{3,}(?:é|ée|és|ées|ado|ada|ados|adas|ido|ida)\s*,?\s+$")
_PRESENT_MEANS_NEXT = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles "
                                "jueves viernes sábado sabado domingo".split())

# Russian and Ukrainian mark the past in the verb's ending (-л, -ла, -ло, -ли, reflexive -ся/-сь;
# Ukrainian masculine -в): a weekday in a sentence without any such form and without a tense cue
# is a coming one, told in the present or the perfective future ("ЦСКА сыграет с «Динамо» в
# субботу", "Зеленський зустрінеться ... у п'ятницю"). The test is loose on purpose: nouns such
# as "канал" or "держав" match too, and a false match only keeps the past reading.
_CYR_PAST = re.compile(r"(?i:[а-яё]{2,}(?:л|ла|ло|ли)(?:ся|сь)?\b|\b(?:у|по|в)?мер(?:ла|ли)?\b|"
                       r"\b(?:вы|под|в|з)?рос(?:ла|ли)?\b)")
_UK_PAST = re.compile(r"(?i:[а-яіїєґ]{2,}(?:л|ла|ло|ли)(?:ся|сь|ася|ися)?\b|[а-яіїєґ]{2,}(?:ав|яв|ив|ів|ув|шов)(?:ся)?\b|"
                      r"\b(?:по|в)?мер(?:ла|ли)?\b|\bзріс\b)")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
# German: the same reading for a sentence without any past form: auxiliaries of the perfect and
# passive, ge- participles, weak preterites (-te, -ten; adjectives such as "ersten" match too,
# which only keeps the past reading) and common strong preterites ("Der 1. FC Köln empfängt am
# Samstag den HSV", "Der Bundestag berät am Freitag über den Haushalt")
_DE_PAST = re.compile(r"\b(?:ist|sind|war|waren|wurde|wurden|hat|haben|hatte|hatten|habe|"
                      r"ge[a-zäöüß]{3,}(?:t|en)|[a-zäöüß]{2,}(?:te|ten|test|tet)|"
                      r"lag|lagen|sah|sahen|rief|riefen|zog|zogen|schrieb|schrieben|flog|flogen|fuhr|fuhren|"
                      r"lief|liefen|hieß|hießen|stand|saß|saßen|trug|trugen|schlug|schlugen|wies|wiesen|bat|baten|"
                      r"bot|boten|schoss|schossen|floh|flohen|sank|warf|warfen|half|halfen|verschwand|gelang|"
                      r"geschah|entschied|beschloss|beschlossen|las|sprang|wuchs|griff|griffen|stieß|schwieg|"
                      r"erschien|verlor|verloren|gewann|gewannen|starb|starben|traf|trafen|kam|kamen|ging|gingen)\b")
_DE_WEEKDAYS = frozenset("montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag".split())


def present_sentence(word: str, sentence: str) -> bool:
    """True for a Russian or Ukrainian weekday or month (``word``, or its first letter) or a
    German weekday in a sentence without a past verb form. Not German months: a wrong reading
    costs a year there, and the German past test misses strong preterites ("Im März sanken die
    Steuern")."""
    if "\u0400" <= word[:1] <= "\u04ff":
        past = _UK_PAST if _UK_LETTERS.search(sentence) else _CYR_PAST
    elif word.lower() in _DE_WEEKDAYS:
        past = _DE_PAST
    else:
        return False
    return past.search(sentence) is None


# Russian and Ukrainian reported speech keeps the tense of what was said: a weekday in a "что"/"що"
# clause without a past form is a coming one even after a past verb of saying ("Президент заявил в
# четверг, что в понедельник поедет в Киев")
_THAT_CLAUSE = re.compile(r",\s*(?i:что|що|чтобы|щоб)\s")


def clause_present(word: str, sentence: str, pos: int) -> bool:
    """True for a Russian or Ukrainian weekday or month (``word`` at ``pos``) inside a "что"/"що"
    clause that holds no past verb form (the clause runs from the conjunction to the sentence end),
    or a German weekday whose own clause holds none (see ``_DE_CLAUSE``)."""
    if word.lower() in _DE_WEEKDAYS:
        start = end = None
        for m in _DE_CLAUSE.finditer(sentence):
            if m.end() <= pos:
                start = m.end()
            elif m.start() >= pos:
                end = m.start()
                break
        if start is None and end is None:
            return False  # one clause: the sentence-wide tests decide
        clause = sentence[start or 0 : end]
        return _DE_PAST.search(clause) is None and not R.tense_at(clause, 0)
    if not "\u0400" <= word[:1] <= "\u04ff":
        return False
    start = None
    for m in _THAT_CLAUSE.finditer(sentence, 0, pos):
        start = m.end()
    return start is not None and present_sentence(word, sentence[start:])


# German clause boundaries: a semicolon or colon, or a comma before a word that opens a new main or
# relative clause ("Köln empfängt am Samstag den HSV, das Hinspiel endete 2:2"); the weekday's
# clause decides when it holds no past form and no tense cue at all
_DE_CLAUSE = re.compile(r"[;:]\s|,\s+(?!(?:den|dem)\s+\d)(?=(?:der|die|das|den|dem|deren|dessen|er|sie|es|man|wir|ich|"
                        r"zuletzt|zuvor|damals|dabei|bereits|schon|doch|aber|denn)\b)")  # not "Sonntag, dem 3. November"


def _h_weekday(m: re.Match[str], ctx: Ctx) -> Result | None:
    """A weekday alone: resolved to the nearest past or next such day by tense."""
    wd = R.WEEKDAYS.get(m.group("wd").lower())
    if wd is None:
        return None
    g = m.groupdict()
    part = R.PARTS.get((g.get("part") or "").lower())
    rel = g.get("rel")
    if not rel and SINCE_BEFORE.search(ctx.sentence, max(0, ctx.pos - 16), ctx.pos):
        rel = "last"  # "seit Montag", "depuis lundi", "desde el martes": the one just past
    if not rel and (_FROM_ON.search(ctx.sentence, max(0, ctx.pos - 24), ctx.pos)
                    or (m.group("wd").lower() in _PRESENT_MEANS_NEXT and not ctx.tense
                        and not _PARTICIPLE_BEFORE.search(ctx.sentence, max(0, ctx.pos - 24), ctx.pos))
                    or (not ctx.tense and present_sentence(m.group("wd"), ctx.sentence))
                    or clause_present(m.group("wd"), ctx.sentence, ctx.pos)):
        rel = "next"  # "ab Montag", "à partir de lundi": from a coming day on; a present-tense one
    value = f"XXXX-WXX-{wd}" if ctx.dct is None else _ymd(weekday_date(wd, rel, ctx))
    if part:
        return "TIME", f"{value}T{part}", None
    return "DATE", value, None


def _h_relunit(m: re.Match[str], ctx: Ctx) -> Result | None:
    """last/this/next week, month, year, quarter, weekend; "the past year" is a duration."""
    rel = m.group("rel").lower()
    rel = "last" if rel == "final" else rel  # spun "final month" (see timex_rules.REL_Y)
    unit = "year" if m.group("unit") == "yr" else m.group("unit")
    mod = _mod(m.group("mod2"))
    if m.group("the") and rel in ("past", "last", "next", "coming", "previous"):
        code = R.UNITS[unit]
        if unit == "decade":
            return "DURATION", "P10Y", mod
        if unit == "weekend":
            return None
        if unit == "quarter":
            return "DURATION", "P3M", mod
        if unit == "century":
            return "DURATION", "P100Y", mod
        return "DURATION", f"P1{code}", mod
    if rel == "that":
        return None
    if rel == "past" and not m.group("the"):
        rel = "last"
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    return unit_value(unit, shift, ctx, mod)


def unit_value(unit: str, shift: int, ctx: Ctx, mod: str | None = None) -> Result:
    """The calendar ``unit`` (week, weekend, month, quarter, year, decade, century) ``shift`` units
    from the reference date: "last week" is (week, -1), "this year" (year, 0)."""
    ref = ctx.dct
    if unit == "quarter":
        if ref is None:
            return "DATE", "XXXX", mod
        k = ref.year * 4 + (ref.month - 1) // 3 + shift
        return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}", mod
    if unit in ("decade", "century"):
        if ref is None:
            return "DATE", "XXXX", mod
        if unit == "decade":
            return "DATE", f"{ref.year // 10 + shift:03d}", mod
        return "DATE", f"{ref.year // 100 + shift:02d}", mod
    if ref is None:
        return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}[unit], mod
    if unit in ("week", "weekend"):
        d = ref + dt.timedelta(weeks=shift)
        return "DATE", _week(d) + ("-WE" if unit == "weekend" else ""), mod
    if unit == "month":
        k = ref.year * 12 + ref.month - 1 + shift
        return "DATE", f"{k // 12:04d}-{k % 12 + 1:02d}", mod
    return "DATE", f"{ref.year + shift:04d}", mod


def number_value(word: str) -> float | None:
    """Numeric value of a count word or digits; None for vague counts (several, few)."""
    w = re.sub(r"\s+", " ", word.lower())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):  # "1,000 days"
        return float(w.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    v = R.NUMBERS.get(w)
    if v is None:
        parts = re.split(r"[\s-]", w)
        if len(parts) == 2 and parts[0] in R.NUMBERS and parts[1] in R.NUMBERS:  # "twenty four"
            return float(R.NUMBERS[parts[0]] + R.NUMBERS[parts[1]])
        return None
    return float(v)


def _fmt_num(n: float) -> str:
    """Integer-looking numbers without the decimal point."""
    return str(int(n)) if n == int(n) else str(n)


def _h_ago(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"two years ago" / "three days from now": a date at the unit's granularity."""
    sign = -1 if m.group("dir") in ("ago", "earlier") else 1
    return ago_value(number_value(m.group("n")), m.group("unit").lower().rstrip("s"), sign, ctx)


def ago_value(n: float | None, unit: str, sign: int, ctx: Ctx) -> Result | None:
    """Value of "``n`` ``unit``s ago" (``sign`` -1) or "from now" (+1) at the unit's granularity;
    a vague count (``n`` None) is PAST_REF / FUTURE_REF; clock units give none (no TIME value)."""
    if unit.startswith("centur") or unit in ("second", "minute", "hour"):
        return None
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if ctx.dct is None or n != int(n):
        return "DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"), None
    k, ref = int(n) * sign, ctx.dct
    if unit == "day":
        return "DATE", _ymd(ref + dt.timedelta(days=k)), None
    if unit in ("week", "fortnight"):
        return "DATE", _week(ref + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1))), None
    if unit == "month":
        j = ref.year * 12 + ref.month - 1 + k
        return "DATE", f"{j // 12:04d}-{j % 12 + 1:02d}", None
    if unit == "quarter":
        return "DATE", _q(ref.year * 4 + (ref.month - 1) // 3 + k), None
    if unit == "decade":
        return "DATE", f"{(ref.year + 10 * k) // 10:03d}", None
    if k == -1 and _QUARTER_CTX.search(ctx.sentence):
        # results news: "third-quarter profit ... a year earlier" is the last reported quarter a year before
        return "DATE", _q(_last_quarter(ref) - 4), None
    return "DATE", f"{ref.year + k:04d}", None


_QUARTER_CTX = re.compile(r"\b(?:first|second|third|fourth|latest|the)[\s-]+quarter\b", re.I)


_FRACTION_OF = re.compile(r"\s+of\s+(?:the|a|an|its|their|his|her|our|all|those|these|them|it)\b", re.I)
_RATE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|thousand)?|\$\S+)(?:\s+[\w-]+){0,2}\s+$")


# a word after "a second" that makes it the ordinal: anything but a function word or a time adverb
_ORDINAL_NOUN = re.compile(r"\s+(?!(?:or|and|later|earlier|ago|before|after|longer|more|less|of|to|too|in|on|at|for|"
                           r"so|then|but|while|when|as|he|she|it|they|we|I|you|that|this|the|is|was)\b)[A-Za-z]")


def _h_duration(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"a decade" P10Y, "the past two years" P2Y, "more than 6 months" P6M, "24 hours" PT24H."""
    g = m.groupdict()
    unit = g["unit"].lower()
    if unit.startswith("centur"):
        unit = "century"
    nword = g["n"]
    if g.get("the") and g["the"].lower() == "the" and nword.lower() in ("a", "an"):
        return None
    if nword.lower() in ("a", "an") and not g.get("hedge") and _RATE.search(m.string, 0, m.start("t")):
        return None  # "$1.76 a year", "700 seats a week": a rate, not a duration
    if re.match(r"[\s-]+old\b", m.string[m.end("t") :]):
        return None  # ages ("52 years old", "a 136-year-old institution")
    if unit == "quarter" and (nword.lower() in ("a", "an") or _FRACTION_OF.match(m.string, m.end("t"))):
        return None  # "a quarter of the shares", "three quarters of them": fractions
    if g["unit"] == "second" and nword.lower() in ("a", "an") and _ORDINAL_NOUN.match(m.string, m.end("t")):
        return None  # "a second aircraft", "for a second time": the ordinal
    n = number_value(nword)
    code = R.UNITS[unit]
    if n is None:
        amount = "X"
    elif n == 0:
        return None
    else:
        amount = _fmt_num(n)
    mod = _mod(g.get("hedge"))
    if n is not None and (g.get("half") or g.get("frac")) and unit in _HALF:
        return "DURATION", _half_value(n, unit), mod
    if code == "DE":
        return "DURATION", f"P{'X' if amount == 'X' else _fmt_num(float(amount) * 10)}Y", mod
    if code == "CE":
        return "DURATION", f"P{'X' if amount == 'X' else _fmt_num(float(amount) * 100)}Y", mod
    if unit == "fortnight":
        return "DURATION", f"P{'X' if amount == 'X' else _fmt_num(float(amount) * 2)}W", mod
    if unit in ("hour", "minute", "second"):
        return "DURATION", f"PT{amount}{code}", mod
    return "DURATION", f"P{amount}{code}", mod


# "and a half" in the next smaller unit, as TimeBank writes it ("2 1/2 years" P2Y6M)
_HALF = {"year": ("Y", "6M"), "day": ("D", "T12H"), "hour": ("TH", "30M"), "minute": ("TM", "30S")}


def _half_value(n: float, unit: str) -> str:
    """Duration value of ``n`` and a half ``unit``s ("a minute and a half" PT1M30S; n=0: "half a year" P6M)."""
    code, half = _HALF[unit]
    whole = _fmt_num(n)
    if code.startswith("T"):
        return f"PT{whole}{code[1]}{half}" if n else f"PT{half}"
    return f"P{whole}{code}{half}" if n else f"P{half}"


def _h_half(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"half an hour" PT30M, "half a year" P6M, "half a century" P50Y."""
    unit = m.group("unit").lower()
    mod = _mod(m.group("hedge"))
    if unit == "century":
        return "DURATION", "P50Y", mod
    return "DURATION", _half_value(0, unit), mod


def _h_duration_bare(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"for years", "over decades": a duration of unknown length."""
    unit = m.group("unit").lower().rstrip("s")
    if unit == "decade":
        return "DURATION", "PXY", None
    return "DURATION", f"PX{R.UNITS[unit]}", None


def _h_set(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"every week" P1W, "each year" P1Y, "every Monday" XXXX-WXX-1."""
    unit = m.group("unit")
    wd = R.WEEKDAYS.get(unit.lower())
    part = R.PARTS.get((m.groupdict().get("part") or "").lower().rstrip("s"))
    if wd:
        return "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), None
    if unit.lower() in R.MONTHS:
        return "SET", f"XXXX-{R.MONTHS[unit.lower()]:02d}", None
    if unit in R.SEASONS:
        return "SET", f"XXXX-{R.SEASONS[unit]}", None
    if unit in R.PARTS:
        return "SET", f"XXXX-XX-XXT{R.PARTS[unit]}", None
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None
    n = 2 if m.groupdict().get("other") else 1  # "every other week" P2W
    if unit == "quarter":
        return "SET", f"P{3 * n}M", None
    if unit == "hour":
        return "SET", f"PT{n}H", None
    return "SET", f"P{n}{R.UNITS[unit]}", None


# fixed-date holidays (month, day) and movable US ones (month, ISO weekday, n-th; -1: the last)
_HOLIDAY_FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
                  "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
                  "fourth of july": (7, 4), "the fourth of july": (7, 4), "july fourth": (7, 4),
                  "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
                  "bastille day": (7, 14)}
_HOLIDAY_NTH = {"thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "memorial day": (5, 1, -1),
                "labor day": (9, 1, 1), "martin luther king day": (1, 1, 3), "martin luther king jr day": (1, 1, 3),
                "presidents day": (2, 1, 3), "columbus day": (10, 1, 2), "mother's day": (5, 7, 2),
                "father's day": (6, 7, 3)}


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def orthodox_easter(y: int) -> dt.date:
    """Orthodox Easter Sunday (Meeus' Julian algorithm) as a Gregorian date (1900-2099)."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(y, month, day + 1) + dt.timedelta(days=13)


def _holiday_date(name: str, y: int) -> dt.date | None:
    """Date of a named holiday in year ``y``."""
    if name in _HOLIDAY_FIXED:
        return _date(y, *_HOLIDAY_FIXED[name])
    if name == "orthodox easter":
        return orthodox_easter(y)
    if name.startswith("easter"):
        return easter(y)
    if name == "good friday":
        return easter(y) - dt.timedelta(days=2)
    if name not in _HOLIDAY_NTH:
        return None
    mon, wd, n = _HOLIDAY_NTH[name]
    first = dt.date(y, mon, 1)
    d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7)
    if n > 0:
        return d + dt.timedelta(weeks=n - 1)
    while (d + dt.timedelta(weeks=1)).month == mon:
        d += dt.timedelta(weeks=1)
    return d


def _h_holiday(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Named holidays: "Christmas" -> 1998-12-25, "Thanksgiving" -> the fourth Thursday of November."""
    name = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'").replace(".", "")).replace("presidents'", "presidents")
    if name.startswith("valentine"):
        name = "valentine's day"
    if name.startswith("mother"):
        name = "mother's day"
    if name.startswith("father"):
        name = "father's day"
    if name.startswith("new year") and not name.startswith("new year's"):
        name = "new year's" + name[len("new years"):]
    return holiday_value(name, ctx, int(m.group("y")) if m.group("y") else None, (m.group("rel") or "").lower())


def holiday_value(name: str, ctx: Ctx, year: int | None = None, rel: str = "") -> Result | None:
    """The date of the holiday ``name`` (a key of the holiday tables): in ``year`` when given, else
    the last/next/this one (``rel``) or the one the tense points to, as for a month and day."""
    probe = _holiday_date(name, 2000)
    if probe is None:
        return None
    if year is not None:
        d = _holiday_date(name, year)
        return None if d is None else ("DATE", _ymd(d), None)
    if ctx.dct is None:
        return "DATE", f"XXXX-{probe.month:02d}-{probe.day:02d}" if name in _HOLIDAY_FIXED else "XXXX", None
    y = ctx.dct.year
    if rel in ("last", "next"):
        d = _holiday_date(name, y)
        if d is None:
            return None
        y += 0 if (d < ctx.dct if rel == "last" else d > ctx.dct) else (-1 if rel == "last" else 1)
    elif rel != "this":
        y = pick_year(probe.month, probe.day, ctx)
    d = _holiday_date(name, y)
    return None if d is None else ("DATE", _ymd(d), None)


def _h_set_word(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"weekly", "daily", "annually" as frequencies."""
    return "SET", R.SET_WORDS[m.group("w").lower()], None


def _h_clock(m: re.Match[str], ctx: Ctx) -> Result | None:
    """Clock times: "10:30 a.m." -> <date>T10:30."""
    h = int(m.group("H"))
    mins = m.groupdict().get("M") or "00"
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    if ap:
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if ap == "pm" else 0)
    elif h > 23:
        return None
    zone = "Z" if m.groupdict().get("tz") in ("UTC", "GMT") else ""  # ISO 8601 UTC; other zones stay local time
    return "TIME", f"{_clock_day(m, ctx)}T{h:02d}:{mins}{zone}", None


def _clock_day(m: re.Match[str], ctx: Ctx) -> str:
    """Date part of a clock time: its weekday/relative day when given, else the DCT."""
    wd = (m.groupdict().get("wd") or "").lower()
    if m.groupdict().get("cmon"):  # "5 p.m. EST Nov. 9"
        value = full_date({"mon": m.group("cmon"), "d": m.group("cd")}, ctx)
        if value is not None:
            return value[1]
    if ctx.dct is None:
        return f"XXXX-WXX-{R.WEEKDAYS[wd]}" if wd in R.WEEKDAYS else "XXXX-XX-XX"
    if wd in R.WEEKDAYS:
        return _ymd(weekday_date(R.WEEKDAYS[wd], None, ctx))
    return _ymd(ctx.dct + dt.timedelta(days=R.REL_DAYS.get(wd, 0)))


def _h_noon(m: re.Match[str], ctx: Ctx) -> Result | None:
    """noon / midnight."""
    base = _clock_day(m, ctx)
    return "TIME", f"{base}T{'24' if m.group('w') == 'midnight' else '12'}:00", None


def _h_year_end(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"by year-end", "since year end": the end of the DCT's year (the last one after "since")."""
    if ctx.dct is None:
        return "DATE", "XXXX", "END"
    back = (m.group("prep") or "") == "since"
    return "DATE", f"{ctx.dct.year - back:04d}", "END"


def _h_vague(m: re.Match[str], ctx: Ctx) -> Result | None:
    """now / recently / the future / in the coming weeks."""
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w == "now" and re.match(r",", m.string[m.end("t") :]) and not m.string[: m.start("t")].strip():
        return None  # sentence-initial discourse "Now, ..."
    if w in R.VAGUE:
        return "DATE", R.VAGUE[w], None
    if w == "recent years":  # TimeBank: mostly PAST_REF for years, a vague duration for shorter units
        return "DATE", "PAST_REF", None
    if w.startswith("recent "):
        return "DURATION", f"PX{R.UNITS[w.split()[1].rstrip('s')]}", None
    return "DATE", "FUTURE_REF" if "coming" in w else "PAST_REF", None


def _h_unit_part(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"the end of the month": the reference month, mod END."""
    return unit_value(m.group("unit"), 0, ctx, _mod(m.group("mod")))


HANDLERS: dict[str, Callable[[re.Match[str], Ctx], Result | None]] = {
    "iso": _h_numeric, "year_words": _h_year_words, "decade_words": _h_decade_words, "century": _h_century, "dotted": _h_numeric, "slash": _h_numeric, "md": _h_monthday, "dm": _h_monthday,
    "dm_f": _h_monthday, "my": _h_monthyear, "my_f": _h_monthyear, "month": _h_month, "year": _h_year,
    "decade": _h_decade, "season": _h_season, "quarter": _h_quarter, "relday": _h_relday,
    "relday_f": _h_relday, "weekday": _h_weekday, "weekday_f": _h_weekday, "relunit": _h_relunit,
    "ago": _h_ago, "duration": _h_duration, "half": _h_half, "duration_bare": _h_duration_bare, "set": _h_set,
    "holiday": _h_holiday, "set_freq": _h_set, "set_wd": _h_set, "set_word": _h_set_word, "clock": _h_clock, "clock24": _h_clock, "noon": _h_noon,
    "vague": _h_vague, "year_end": _h_year_end, "period": _h_period, "year_adj": _h_year_adj, "weekend": _h_weekend,
    "anaphor": _h_anaphor, "unit_part": _h_unit_part, "qcode": _h_qcode,
}
