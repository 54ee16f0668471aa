"""Relative time expressions in German, French, Spanish, Russian and Ukrainian (internal to ``timexes``).

``timex_rules`` reads these languages' absolute dates, weekdays and day words ("gestern",
"hier", "ayer", "вчера", "вчора"). This module adds the relative expressions their news uses
most, with the values the English rules give (``timex_normalise``):

- "N units ago": "vor zwei Wochen", "il y a deux jours", "hace un año", "два дня назад",
  "три роки тому"; a vague count ("vor einigen Tagen", "il y a quelques jours") is PAST_REF;
- last / this / next week, month and year: "letzte Woche", "im Vorjahr", "la semaine dernière",
  "l'an prochain", "el mes pasado", "esta semana", "на прошлой неделе", "в этом году",
  "минулого тижня", "торік";
- early / mid / late year or month (TimeML ``mod`` START, MID, END): "Anfang 2024",
  "mi-juillet", "a finales de 2023", "в конце 2023 года", "на початку 2024 року";
- durations: a count of units that no ago-word claims ("seit drei Jahren" → "drei Jahren", P3Y;
  "pendant deux semaines", "durante dos años", "уже три года", "протягом двох тижнів").

The word lists are the inflected forms of the units, counts and relative words of CLDR's
relative-time data (the locale data dateparser ships), written out as regex alternations: a
hand-written pattern layer keeps the tagger's speed (see ``timex_rules``) and TimeML's span
convention of leaving a governing preposition outside ("на прошлой неделе" → "прошлой неделе").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.stages.timex_normalise import Ctx, Result, ago_value, pick_year, unit_value
from storyline.stages.timex_rules import MON_F, MONTHS, YEAR, _alt

_UNIT_WORDS = {
    "day": "tag tage tagen jour jours día días dia dias день дня дней сутки суток дні днів добу",
    "week": "woche wochen semaine semaines semana semanas неделю недели недель неделя тиждень тижні тижнів",
    "month": "monat monate monaten mois mes meses месяц месяца месяцев місяць місяці місяців",
    "year": "jahr jahre jahren an ans année années annee annees año años ano anos год года лет рік роки років",
}
UNIT_OF = {w: unit for unit, words in _UNIT_WORDS.items() for w in words.split()}
_COUNT_WORDS = {
    1: "ein eine einem einer einen un une uno una один одна одну",
    2: "zwei deux dos два две дві двух двох",
    3: "drei trois tres три трёх трех трьох",
    4: "vier quatre cuatro четыре чотири четырёх четырех чотирьох",
    5: "fünf fuenf cinq cinco пять п'ять пʼять пяти п'яти пʼяти",
    6: "sechs six seis шесть шість",
    7: "sieben sept siete семь сім",
    8: "acht huit ocho восемь вісім",
    9: "neun neuf nueve девять дев'ять девʼять",
    10: "zehn dix diez десять десяти",
    12: "zwölf douze doce двенадцать дванадцять",
}
COUNT_OF = {w: n for n, words in _COUNT_WORDS.items() for w in words.split()}
# counts with no number: "vor einigen Tagen", "il y a quelques jours", "hace unos días", "несколько лет назад"
_VAGUE_COUNTS = ["einigen", "wenigen", "ein paar", "quelques", "unos", "unas", "algunos", "algunas", "varios",
                 "varias", "несколько", "нескольких", "много", "кілька", "кількох", "багато"]
_COUNT = rf"(?:\d+|{_alt([*COUNT_OF, *_VAGUE_COUNTS])})"
_UNIT = _alt(list(UNIT_OF))

# relative words: their shift from the reference unit, by lower-case stem
_SHIFT_STEMS = (
    ("letzt", -1), ("vergangen", -1), ("vorig", -1), ("vor", -1), ("derni", -1), ("pass", -1), ("pasad", -1),
    ("прошл", -1), ("минувш", -1), ("предыдущ", -1), ("минул", -1), ("попередн", -1), ("тор", -1),
    ("nächst", 1), ("naechst", 1), ("kommend", 1), ("proch", 1), ("próxim", 1), ("proxim", 1), ("que", 1),
    ("следующ", 1), ("будущ", 1), ("наступн", 1),
    ("dies", 0), ("cette", 0), ("ce", 0), ("esta", 0), ("este", 0), ("эт", 0), ("ць", 0),
)
_REL_UNIT = {"woche": "week", "monat": "month", "monats": "month", "jahr": "year", "jahres": "year",
             "semaine": "week", "mois": "month", "année": "year", "annee": "year", "an": "year",
             "semana": "week", "mes": "month", "año": "year", "ano": "year",
             "неделе": "week", "неделю": "week", "недели": "week", "месяце": "month", "месяц": "month",
             "месяца": "month", "году": "year", "год": "year", "года": "year",
             "тижня": "week", "тижні": "week", "тиждень": "week", "місяця": "month", "місяці": "month",
             "місяць": "month", "року": "year", "році": "year", "рік": "year"}
_MOD_WORDS = {"anfang": "START", "début": "START", "debut": "START", "principios": "START", "comienzos": "START",
              "inicios": "START", "начале": "START", "на початку": "START",
              "mitte": "MID", "mi-": "MID", "mediados": "MID", "середине": "MID", "у середині": "MID",
              "в середині": "MID",
              "ende": "END", "fin": "END", "finales": "END", "fines": "END", "конце": "END", "наприкінці": "END",
              "в кінці": "END", "у кінці": "END"}
_I = re.I | re.UNICODE
_YEAR_F = rf"{YEAR}(?:\s*(?:года|року|г\.|р\.))?"  # "2024 года", "2024 року"

RULES: list[tuple[str, re.Pattern[str]]] = [
    ("ago_f", re.compile(
        rf"(?<!\w)(?P<t>(?:vor|il\s+y\s+a|hace)\s+(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})|"
        rf"(?:(?P<n2>{_COUNT})\s+)?(?P<unit2>{_UNIT})\s+(?:назад|тому))(?!\w)", _I)),
    ("relunit_f", re.compile(
        r"(?<!\w)(?P<t>"
        r"(?P<de>letzt|vergangen|vorig|nächst|naechst|kommend|dies)(?:e|en|er|es|em)\s+(?:Woche|Monats?|Jahr(?:es)?)"
        r"|(?P<vor>Vor)(?P<vu>woche|monat|jahr)(?:es|s)?"
        r"|(?:la\s+semaine|le\s+mois|l['’]année|l['’]annee|l['’]an)\s+"
        r"(?P<fr>dernière|derniere|dernier|passée|passee|passé|passe|prochaine|prochain)"
        r"|(?P<fr0>cette)\s+(?:semaine|année|annee)|(?P<fr1>ce)\s+mois(?:-ci)?"
        r"|(?:la\s+semana|el\s+mes|el\s+año|el\s+ano)\s+(?P<es>pasad[ao]|próxim[ao]|proxim[ao]|que\s+viene)"
        r"|(?:la|el)\s+(?P<es1>próxim[ao]|proxim[ao])\s+(?:semana|mes|año)"
        r"|(?P<es0>esta|este)\s+(?:semana|mes|año)"
        r"|(?P<ru>прошл|следующ|эт|будущ|минувш|предыдущ)(?:ой|ом|ем|ей|ий|ого|его|ую|ая)\s+"
        r"(?:неделе|неделю|недели|месяце|месяца|месяц|году|года|год)"
        r"|(?P<uk>минул|наступн|ць|попередн)(?:ого|ому|ий|ій|ої|ьому)\s+"
        r"(?:тижня|тижні|тиждень|місяця|місяці|місяць|року|році|рік)"
        r"|(?P<uky>торік|цьогоріч))(?!\w)", _I)),
    # a count of units that no ago-word claims is a duration ("seit drei Jahren", "pendant deux semaines",
    # "три роки"); at most three digits, so "2024 года" stays a year
    ("dur_f", re.compile(rf"(?<![\w.,])(?P<t>(?P<n>\d{{1,3}}|{_alt([*COUNT_OF, *_VAGUE_COUNTS])})\s+"
                         rf"(?P<unit>{_UNIT}))(?!\w)", _I)),
    ("mod_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<mod>{_alt(list(_MOD_WORDS))})(?:(?<=-)|\s+)(?:de\s+)?"
        rf"(?:(?P<mon>{MON_F})(?:\s+(?:de\s+)?(?=\d))?|des\s+Jahres\s+)?(?:{_YEAR_F})?)", _I)),
]

# cheap substring guards on the lower-cased sentence (see timex_rules.GUARDS), narrow enough that
# English sentences rarely run these patterns
GUARDS: dict[str, tuple[str, ...] | None] = {
    "ago_f": ("vor ", "il y a", "hace ", "назад", "тому"),
    "relunit_f": ("woche", "monat", "jahr", "semaine", "mois", "l'an", "l’an", "semana", "el mes", "este mes",
                  "próximo mes", "proximo mes", "año", "el ano", "este ano", "неде", "месяц", "год", "тижн", "тижд",
                  "місяц", "рік", "року", "році", "торік", "цьогоріч"),
    "dur_f": ("tag", "woche", "monat", "jahr", "jour", "semaine", "mois", " an", "anné", "annee", "día", "dia",
              "semana", "mes", "año", "ano", "дн", "дня", "дней", "сут", "добу", "неде", "тижн", "тижд", "месяц",
              "місяц", "год", "лет", "рік", "роки", "років"),
    "mod_f": ("anfang ", "mitte ", "ende ", "début", "debut ", "mi-", "fin ", "principios de", "comienzos de",
              "inicios de", "mediados de", "finales de", "fines de", "начале", "середин", "конце", "початку",
              "наприкінці", "кінці"),
}


def _shift(word: str) -> int:
    """Shift of a relative word: -1 last, 0 this, +1 next."""
    w = word.lower()
    return next(shift for stem, shift in _SHIFT_STEMS if w.startswith(stem))


def _h_ago_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"vor zwei Wochen", "il y a quelques jours", "два года назад": as English "N units ago"."""
    count = m.group("n") if m.group("unit") else m.group("n2")
    unit = UNIT_OF[(m.group("unit") or m.group("unit2")).lower()]
    if count is None:  # "неделю назад", "рік тому": one unit
        return ago_value(1.0, unit, -1, ctx)
    word = " ".join(count.lower().split())
    n = float(word) if word.isdigit() else COUNT_OF.get(word)
    return ago_value(None if n is None else float(n), unit, -1, ctx)


_REL_GROUPS = ("de", "vor", "fr", "fr0", "fr1", "es", "es1", "es0", "ru", "uk", "uky")
_TOKEN = re.compile(r"\w+")


def _h_relunit_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"letzte Woche", "l'an prochain", "esta semana", "в прошлом году", "торік": as "last/this/next week"."""
    rel = next(m.group(g) for g in _REL_GROUPS if m.group(g))
    words = _TOKEN.findall(m.group("t").lower())
    if m.group("vor"):
        words = [m.group("vu").lower()]
    unit = "year" if m.group("uky") else next((_REL_UNIT[w] for w in words if w in _REL_UNIT), None)
    return unit_value(unit, _shift(rel), ctx) if unit else None


_FRENCH_COUNTS = frozenset("un une deux trois quatre cinq six sept huit neuf dix douze quelques".split())
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def _h_dur_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"drei Jahren" P3Y, "deux semaines" P2W, "несколько лет" PXY."""
    word = " ".join(m.group("n").lower().split())
    unit_word = m.group("unit").lower()
    if unit_word in ("an", "ans") and not (word.isdigit() or word in _FRENCH_COUNTS):
        return None  # German "ein an der Wand ..." is no French year
    n = int(word) if word.isdigit() else COUNT_OF.get(word)
    return "DURATION", f"P{'X' if n is None else n}{_UNIT_CODE[UNIT_OF[unit_word]]}", None


def _h_mod_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Anfang 2024" (2024, START), "fin juillet" (July, END), "в середине 2023 года" (2023, MID)."""
    mod = _MOD_WORDS.get(" ".join(m.group("mod").lower().split()))
    mon_word, y = m.group("mon"), m.group("y")
    if mod is None or not (mon_word or y):
        return None
    if not y:
        mon = MONTHS[mon_word.lower()]
        if ctx.dct is None:
            return "DATE", f"XXXX-{mon:02d}", mod
        return "DATE", f"{pick_year(mon, None, ctx):04d}-{mon:02d}", mod
    if mon_word:
        return "DATE", f"{int(y):04d}-{MONTHS[mon_word.lower()]:02d}", mod
    return "DATE", f"{int(y):04d}", mod


HANDLERS: dict[str, Callable[[re.Match[str], Ctx], Result | None]] = {
    "ago_f": _h_ago_f, "relunit_f": _h_relunit_f, "dur_f": _h_dur_f, "mod_f": _h_mod_f,
}
