"""Relative time expressions in German, French, Spanish, Russian and Ukrainian (internal to ``timexes``).

``timex_rules`` reads these languages' absolute dates, weekdays and day words ("gestern",
"hier", "ayer", "вчера", "вчора"). This module adds what their news writes most besides, with
the values the English rules give (``timex_normalise``):

- "N units ago" and "in N units": "vor zwei Wochen", "il y a deux jours", "hace un año",
  "два дня назад", "три роки тому"; "in zwei Wochen", "dans trois jours", "через неделю"; a
  vague count ("vor einigen Tagen") is PAST_REF;
- last / this / next week, month, year, weekday, season: "letzte Woche", "im Vorjahr", "la
  semaine dernière", "el mes pasado", "на прошлой неделе", "торік", "mardi prochain", "el
  próximo verano";
- the start, middle or end of a year, month or the reference one (``mod`` START, MID, END):
  "Anfang 2024", "mi-juillet", "a finales de 2023", "Ende des Jahres", "до кінця місяця";
- durations ("seit drei Jahren" → "drei Jahren" P3Y, "rund zwei Stunden", "vier Jahren und
  sechs Monaten"; an age is none), sets ("jeden Montag", "tous les samedis matin", "щодня"),
  vague references ("derzeit", "récemment", "в будущем");
- a month after a preposition ("im Februar", "в феврале", "у лютому"), parts of the day
  ("gestern Abend", "dimanche soir", "Montagabend", "anoche", "вчера вечером"), the day
  before/after ("am Folgetag", "le lendemain", "накануне"; re-anchored by ``timexes``), seasons,
  quarters, decades, centuries, weekends, holidays (Easter: Orthodox for Russian and
  Ukrainian), clock times ("um 19 Uhr", "à 19 h 30", "a las 10 de la mañana"), day ranges ("du
  12 au 14 juillet"), German "am 12.03.", Spanish "el día 22";
- the start or end of the last or next month or year ("Ende letzten Jahres", "fin du mois
  dernier", "в начале следующего месяца"), "the current year" ("в текущем году", "поточного
  року"), "the coming days" / "recent days" ("dans les prochains jours" FUTURE_REF, "in den
  letzten Tagen" PAST_REF, "на днях"), the past 24 hours of war reports ("за минулу добу" P1D),
  half of the day ("во второй половине дня"), two days off ("pasado mañana", "післязавтра").

The word lists are inflected forms of units, counts, months, weekdays and relative words (as in
CLDR's data, the locale data dateparser ships), written out as regex alternations: a pattern
layer keeps the tagger's speed (see ``timex_rules``; an all-ASCII sentence without a German,
French or Spanish function word skips these rules) and TimeML's span convention of leaving a
governing preposition outside ("на прошлой неделе" → "прошлой неделе"). Measured on
hand-labelled samples, ``benchmarks/temporal_multilingual.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from storyline.stages.timex_normalise import (
    SINCE_BEFORE,
    Ctx,
    Result,
    ago_value,
    capitalised_name,
    full_date,
    holiday_value,
    pick_year,
    present_sentence,
    rel_year_shift,
    shift_of,
    unit_value,
    weekday_date,
    weekend_value,
)
from storyline.stages.timex_rules import (
    MON_DE_SHARED,
    MON_F,
    MONTHS,
    REL_DAYS,
    REL_YEAR_F,
    WD_F,
    WEEKDAYS,
    YEAR,
    YEAR_F,
    _alt,
)

_UNIT_WORDS = {
    "day": "tag tage tagen jour jours día días dia dias день дня дней сутки суток дні днів добу",
    "week": "woche wochen semaine semaines semana semanas неделю недели недель неделя тиждень тижні тижнів",
    "month": "monat monate monaten mois mes meses месяц месяца месяцев місяць місяці місяців",
    "year": "jahr jahre jahren an ans année années annee annees año años ano anos год года лет годам годами рік роки років рокам",
    "hour": "stunde stunden heure heures hora horas час часа часов годину години годин",
    # not "minute(s)": the English word; the English rules read "10 minutes"
    "minute": "minuten minuto minutos минуту минуты минут хвилину хвилини хвилин",
    "decade": "jahrzehnt jahrzehnte jahrzehnten décennie décennies década décadas десятилетие десятилетия "
              "десятилетий десятиліття десятиліть",
}
UNIT_OF = {w: unit for unit, words in _UNIT_WORDS.items() for w in words.split()}
_COUNT_WORDS = {
    1: "ein eine einem einer einen un une uno una один одна одну",
    2: "zwei deux dos два две дві двух двох",
    3: "drei trois tres три трёх трех трьох",
    4: "vier quatre cuatro четыре чотири четырёх четырех чотирьох",
    5: "fünf fuenf cinq cinco пять п'ять пʼять пяти п'яти пʼяти",
    6: "sechs six seis шесть шість шести",
    7: "sieben sept siete семь сім семи",
    8: "acht huit ocho восемь вісім восьми",
    9: "neun neuf nueve девять дев'ять девʼять девяти дев'яти девʼяти",
    10: "zehn dix diez десять десяти",
    11: "elf onze once одиннадцать одинадцять",
    12: "zwölf douze doce двенадцать дванадцять",
    15: "fünfzehn quinze quince пятнадцать п'ятнадцять пʼятнадцять",
    20: "zwanzig vingt veinte двадцать двадцять",
    30: "dreißig trente treinta тридцать тридцять",
}
# Russian and Ukrainian collective numerals ("трое суток")
_COUNT_WORDS[2] += " двое"
_COUNT_WORDS[3] += " трое"
_COUNT_WORDS[4] += " четверо"
_COUNT_WORDS[5] += " пятеро"
COUNT_OF = {w: n for n, words in _COUNT_WORDS.items() for w in words.split()}
# round counts: "il y a une dizaine de jours", "hace una quincena de días" (about ten, fifteen)
COUNT_OF.update({"une dizaine de": 10, "une quinzaine de": 15, "une vingtaine de": 20, "une trentaine de": 30,
                 "una decena de": 10, "una quincena de": 15, "una veintena de": 20, "una treintena de": 30})
# counts with no number: "vor einigen Tagen", "il y a quelques jours", "hace unos días", "несколько лет назад"
_VAGUE_COUNTS = ["einigen", "einige", "wenigen", "mehreren", "mehrere", "ein paar", "quelques", "plusieurs", "unos", "unas", "algunos", "algunas", "varios",
                 "varias", "несколько", "нескольких", "много", "кілька", "кількох", "багато"]
_COUNT_WORD = _alt([*COUNT_OF, *_VAGUE_COUNTS])
_COUNT = rf"(?:\d+|{_COUNT_WORD})"
_UNIT = _alt(list(UNIT_OF))

_REL_UNIT = {"woche": "week", "monat": "month", "monats": "month", "jahr": "year", "jahres": "year",
             "semaine": "week", "mois": "month", "année": "year", "annee": "year", "an": "year",
             "semana": "week", "mes": "month", "año": "year", "ano": "year",
             "неделе": "week", "неделю": "week", "недели": "week", "месяце": "month", "месяц": "month",
             "месяца": "month", "году": "year", "год": "year", "года": "year",
             "тижня": "week", "тижні": "week", "тиждень": "week", "місяця": "month", "місяці": "month",
             "місяць": "month", "року": "year", "році": "year", "рік": "year"}
_MOD_WORDS = {"anfang": "START", "début": "START", "debut": "START", "principios": "START", "comienzos": "START",
              "inicios": "START", "начале": "START", "на початку": "START",
              "mitte": "MID", "mi-": "MID", "mediados": "MID", "середине": "MID", "середині": "MID",
              "ende": "END", "fin": "END", "finales": "END", "fines": "END", "конце": "END", "наприкінці": "END",
              "кінці": "END", "конца": "END", "начала": "START", "середины": "MID", "кінця": "END",
              "початку": "START", "середини": "MID"}
_I = re.I | re.UNICODE

_HEDGES = {"rund": "APPROX", "etwa": "APPROX", "ungefähr": "APPROX", "knapp": "APPROX", "fast": "APPROX",
           "mehr als": "MORE_THAN", "über": "MORE_THAN", "près de": "APPROX", "environ": "APPROX",
           "presque": "APPROX", "plus de": "MORE_THAN", "moins de": "LESS_THAN", "casi": "APPROX",
           "cerca de": "APPROX", "alrededor de": "APPROX", "más de": "MORE_THAN", "menos de": "LESS_THAN",
           "около": "APPROX", "почти": "APPROX", "более": "MORE_THAN", "свыше": "MORE_THAN", "менее": "LESS_THAN",
           "близько": "APPROX", "майже": "APPROX", "понад": "MORE_THAN", "більше": "MORE_THAN",
           "менше": "LESS_THAN", "plus d'": "MORE_THAN", "plus d’": "MORE_THAN", "près d'": "APPROX",
           "près d’": "APPROX", "moins d'": "LESS_THAN", "moins d’": "LESS_THAN"}
# a hedge inside an "ago" expression ("vor knapp drei Jahren", "il y a près de trois ans", "почти три года назад")
_HEDGE = rf"(?:(?:{_alt(list(_HEDGES))})(?:\s+|(?<=['’])))"
MONTH_OF = {k: v for k, v in MONTHS.items() if not k.isascii() or len(k) > 3 or k == "mai"}  # "Mai", not "jan"
_MONTH_PREPS = ["im", "bis", "seit", "ab", "vor", "nach", "en", "a", "depuis", "jusqu'en", "jusqu’en", "dès", "desde",
                "hasta", "de", "para", "в", "во", "с", "до", "к", "у", "з", "від", "після"]
VAGUE_F = {"derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF", "kürzlich": "PAST_REF",
           "vor kurzem": "PAST_REF", "Zukunft": "FUTURE_REF", "actuellement": "PRESENT_REF",
           "récemment": "PAST_REF", "avenir": "FUTURE_REF", "actualmente": "PRESENT_REF",
           "recientemente": "PAST_REF", "futuro": "FUTURE_REF", "сейчас": "PRESENT_REF", "в настоящее время":
           "PRESENT_REF", "недавно": "PAST_REF", "будущем": "FUTURE_REF", "зараз": "PRESENT_REF",
           "наразі": "PRESENT_REF", "нині": "PRESENT_REF", "нещодавно": "PAST_REF", "майбутньому": "FUTURE_REF",
           "jetzt": "PRESENT_REF", "maintenant": "PRESENT_REF", "ahora": "PRESENT_REF", "теперь": "PRESENT_REF",
           "тепер": "PRESENT_REF", "naher Zukunft": "FUTURE_REF", "proche avenir": "FUTURE_REF", "futuro próximo": "FUTURE_REF",
           "futuro cercano": "FUTURE_REF", "ближайшем будущем": "FUTURE_REF", "найближчому майбутньому": "FUTURE_REF",
           # "in the coming days" FUTURE_REF, "in recent days" PAST_REF, as the English rules read them
           "kommenden Tagen": "FUTURE_REF", "kommenden Wochen": "FUTURE_REF", "kommenden Monaten": "FUTURE_REF",
           "nächsten Tagen": "FUTURE_REF", "prochains jours": "FUTURE_REF", "prochaines semaines": "FUTURE_REF",
           "prochains mois": "FUTURE_REF", "próximos días": "FUTURE_REF", "próximas semanas": "FUTURE_REF",
           "próximos meses": "FUTURE_REF", "ближайшие дни": "FUTURE_REF", "ближайшие недели": "FUTURE_REF",
           "ближайшие месяцы": "FUTURE_REF", "ближайшее время": "FUTURE_REF", "найближчими днями": "FUTURE_REF",
           "найближчі дні": "FUTURE_REF", "найближчі тижні": "FUTURE_REF", "найближчі місяці": "FUTURE_REF",
           "найближчим часом": "FUTURE_REF", "ближайшие годы": "FUTURE_REF", "найближчими роками": "FUTURE_REF",
           "найближчі роки": "FUTURE_REF", "kommenden Jahren": "FUTURE_REF", "prochaines années": "FUTURE_REF",
           "kommenden Stunden": "FUTURE_REF", "prochaines heures": "FUTURE_REF", "próximas horas": "FUTURE_REF",
           "ближайшие часы": "FUTURE_REF", "найближчі години": "FUTURE_REF",
           "próximos años": "FUTURE_REF", "letzten Tagen": "PAST_REF", "letzten Wochen": "PAST_REF",
           "vergangenen Tagen": "PAST_REF", "derniers jours": "PAST_REF", "dernières semaines": "PAST_REF",
           "últimos días": "PAST_REF", "últimas semanas": "PAST_REF", "последние дни": "PAST_REF",
           "последние недели": "PAST_REF", "останні дні": "PAST_REF", "останніми днями": "PAST_REF",
           "letzten Monaten": "PAST_REF", "letzten Jahren": "PAST_REF", "derniers mois": "PAST_REF",
           "dernières années": "PAST_REF", "últimos meses": "PAST_REF", "últimos años": "PAST_REF",
           "последние месяцы": "PAST_REF", "последние годы": "PAST_REF", "останні місяці": "PAST_REF",
           "останні роки": "PAST_REF",
           "vergangenen Wochen": "PAST_REF", "vergangenen Monaten": "PAST_REF", "vergangenen Jahren": "PAST_REF",
           "letzten Stunden": "PAST_REF", "vergangenen Stunden": "PAST_REF", "nächsten Wochen": "FUTURE_REF",
           "nächsten Monaten": "FUTURE_REF", "nächsten Jahren": "FUTURE_REF", "nächsten Stunden": "FUTURE_REF",
           "dernières heures": "PAST_REF", "últimas horas": "PAST_REF", "последние часы": "PAST_REF",
           "останні тижні": "PAST_REF", "останні години": "PAST_REF", "останніми тижнями": "PAST_REF",
           "останніми місяцями": "PAST_REF", "останніми роками": "PAST_REF", "найближчими тижнями": "FUTURE_REF",
           "найближчими місяцями": "FUTURE_REF",
           # "на днях", "днями": a few days from now in a sentence without a past form, else before
           "на днях": "PAST_REF", "днями": "PAST_REF"}
_EVERY = ("jeden", "jede", "jedes", "chaque", "tous les", "toutes les", "cada", "todos los", "todas las", "каждый",
          "каждую", "каждое", "кожен", "кожного", "кожну", "кожний")
_EVERY_UNIT = {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y", "jour": "P1D", "jours": "P1D",
               "semaine": "P1W", "semaines": "P1W", "mois": "P1M", "année": "P1Y", "ans": "P1Y", "día": "P1D",
               "días": "P1D", "semana": "P1W", "semanas": "P1W", "mes": "P1M", "meses": "P1M", "año": "P1Y",
               "años": "P1Y", "день": "P1D", "неделю": "P1W", "месяц": "P1M", "год": "P1Y", "дня": "P1D",
               "тиждень": "P1W", "тижня": "P1W", "місяця": "P1M", "року": "P1Y", "рік": "P1Y"}
_SET_ADVERBS = {"täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y",
                "quotidiennement": "P1D", "annuellement": "P1Y", "diariamente": "P1D", "anualmente": "P1Y",
                "mensualmente": "P1M", "ежедневно": "P1D", "еженедельно": "P1W", "ежемесячно": "P1M",
                "ежегодно": "P1Y", "щодня": "P1D", "щотижня": "P1W", "щомісяця": "P1M", "щороку": "P1Y",
                "щорічно": "P1Y", "vierteljährlich": "P3M", "trimestriellement": "P3M", "trimestralmente": "P3M",
                "ежеквартально": "P3M", "щокварталу": "P3M", "щоквартально": "P3M",
                "montags": "XXXX-WXX-1", "dienstags": "XXXX-WXX-2", "mittwochs": "XXXX-WXX-3",
                "donnerstags": "XXXX-WXX-4", "freitags": "XXXX-WXX-5", "samstags": "XXXX-WXX-6",
                "sonntags": "XXXX-WXX-7", "щопонеділка": "XXXX-WXX-1", "щовівторка": "XXXX-WXX-2",
                "щосереди": "XXXX-WXX-3", "щочетверга": "XXXX-WXX-4", "щоп'ятниці": "XXXX-WXX-5",
                "щопʼятниці": "XXXX-WXX-5", "щоп’ятниці": "XXXX-WXX-5", "щосуботи": "XXXX-WXX-6", "щонеділі": "XXXX-WXX-7"}
# relative words before a weekday or season, and after one; their shift comes from ``timex_normalise.SHIFT_STEMS``
_WD_REL = ("nächsten", "nächster", "kommenden", "letzten", "vergangenen", "este", "diesen", "ce", "этот", "эту",
           "цей", "цю", "próximo", "proximo", "pasado", "следующий", "следующую", "следующее", "прошлый", "прошлую",
           "прошлое", "наступний", "наступну", "минулий", "минулу")
_REL_AFTER = ("dernier", "passé", "prochain", "pasado", "próximo", "proximo")
_SEASON_REL = ("letzten", "vergangenen", "diesen", "diesem", "kommenden", "nächsten", "cet", "ce", "este", "esta",
               "pasado", "próximo", "proximo", "dernier", "passé", "prochain",
               "прошлой", "прошлым", "прошлого", "этой", "этим", "этого", "следующей", "следующим", "следующего",
               "минулої", "минулого", "цієї", "цього", "наступної", "наступного")
_SHIFT_REL = {-1: "last", 0: "this", 1: "next"}
_PARTS_F = {"mañana": 0, "tarde": 12, "noche": 12}
# parts of the day with their day: (day offset, TimeML part) by phrase
_DAY_WORD = {"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "ce": 0, "cet": 0, "cette": 0, "hier": -1,
             "demain": 1, "esta": 0, "ayer por la": -1, "mañana por la": 1, "сегодня": 0, "вчера": -1, "завтра": 1,
             "этой": 0, "этим": 0, "сьогодні": 0, "вчора": -1, "учора": -1, "цієї": 0, "цього": 0,
             "прошлой": -1, "минувшей": -1, "минулої": -1}  # "прошлой ночью", "минулої ночі": last night
_PART_WORD = {"matinée": "MO", "soirée": "EV", "morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "AF", "nachmittag": "AF", "abend": "EV", "nacht": "NI",
              "matin": "MO", "après-midi": "AF", "soir": "EV", "nuit": "NI", "mañana": "MO", "tarde": "AF",
              "noche": "NI", "madrugada": "NI", "утром": "MO", "днём": "AF", "днем": "AF", "вечером": "EV", "ночью": "NI",
              "утро": "MO", "вранці": "MO", "зранку": "MO", "вдень": "AF", "удень": "AF", "ввечері": "EV",
              "увечері": "EV", "вночі": "NI", "уночі": "NI", "ночі": "NI", "ранку": "MO", "вечора": "EV"}
_PART_ALONE = {"anoche": (-1, "NI"), "anteanoche": (-2, "NI")}
# the day before / after the last date mentioned (re-anchored by ``timexes``)
ANAPHORS = {"vortag": -1, "tag zuvor": -1, "vorabend": -1, "folgetag": 1, "nächsten tag": 1, "tag darauf": 1,
            "tag danach": 1, "tags darauf": 1, "tags zuvor": -1,
            "la veille": -1, "le lendemain": 1, "día anterior": -1, "día siguiente": 1, "накануне": -1,
            "следующий день": 1, "напередодні": -1, "наступного дня": 1, "наступний день": 1}
SEASON_OF = {"frühling": "SP", "frühjahr": "SP", "frühjahrs": "SP", "sommer": "SU", "sommers": "SU", "herbst": "FA",
             "herbstes": "FA", "winter": "WI", "winters": "WI", "printemps": "SP", "été": "SU", "automne": "FA",
             "hiver": "WI", "primavera": "SP", "verano": "SU", "otoño": "FA", "invierno": "WI",
             "весна": "SP", "весной": "SP", "весну": "SP", "весне": "SP", "весны": "SP", "лето": "SU", "летом": "SU",
             "лета": "SU", "осень": "FA", "осенью": "FA", "осени": "FA", "зима": "WI", "зимой": "WI", "зиму": "WI",
             "зимы": "WI", "навесні": "SP", "весною": "SP", "весни": "SP", "літо": "SU", "влітку": "SU",
             "улітку": "SU", "літом": "SU", "літа": "SU", "осінь": "FA", "восени": "FA", "осені": "FA",
             "взимку": "WI", "узимку": "WI", "зимою": "WI", "зими": "WI"}
# season words that mean "in <season>" without a preposition (Russian instrumental, Ukrainian adverbs)
_SEASON_ADVERBS = ("весной", "летом", "осенью", "зимой", "навесні", "влітку", "улітку", "восени", "взимку", "узимку")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ORDINAL_OF = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "premier": 1, "deuxième": 2, "second": 2,
               "troisième": 3, "quatrième": 4, "primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4, "перв": 1,
               "втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "перш": 1, "друг": 2}
_DECADE_WORDS = {"sesenta": 6, "setenta": 7, "ochenta": 8, "noventa": 9}
# holidays, by the English name the tagger's holiday table knows (Easter: western for German, French
# and Spanish, Orthodox for Russian and Ukrainian; "Semana Santa" is Easter's week)
HOLIDAYS_F = {"weihnachten": "christmas", "heiligabend": "christmas eve", "silvester": "new year's eve",
              "neujahr": "new year's day", "noël": "christmas", "nouvel an": "new year's day",
              "jour de l'an": "new year's day", "saint-sylvestre": "new year's eve", "navidad": "christmas",
              "nochebuena": "christmas eve", "nochevieja": "new year's eve", "año nuevo": "new year's day",
              "новый год": "new year's day", "новий рік": "new year's day", "14-juillet": "bastille day",
              "ostern": "easter", "ostersonntag": "easter", "pâques": "easter", "pascua": "easter",
              "semana santa": "easter", "пасха": "orthodox easter", "пасху": "orthodox easter",
              "пасхи": "orthodox easter", "великдень": "orthodox easter"}
_WEEKEND_F = ("wochenende", "week-end", "fin de semana", "выходные", "выходных", "вихідні", "вихідних")
# the start, middle or end of the reference month or year: "Ende des Monats", "fin de l'année",
# "finales de mes", "до конца года", "наприкінці року"
_PERIOD_MOD = {"ende": "END", "anfang": "START", "mitte": "MID", "fin": "END", "début": "START", "debut": "START",
               "finales": "END", "fines": "END", "final": "END", "principios": "START", "mediados": "MID", "конца": "END",
               "конце": "END", "концу": "END", "начала": "START", "начале": "START", "началу": "START",
               "середины": "MID", "середине": "MID",
               "кінця": "END", "кінці": "END", "наприкінці": "END", "початку": "START", "середини": "MID",
               "середині": "MID"}
_PERIOD_UNIT = {"monats": "month", "jahres": "year", "mois": "month", "année": "year", "annee": "year",
                "mes": "month", "año": "year", "месяца": "month", "года": "year", "місяця": "month", "року": "year",
                "woche": "week", "wochen": "week", "semaine": "week", "semana": "week", "недели": "week", "тижня": "week"}
# German compounds: "Jahresbeginn", "Monatsende", "Jahresmitte", "Wochenbeginn" (not "Wochenende": the weekend)
_COMPOUND_MOD = {"beginn": "START", "anfang": "START", "mitte": "MID", "ende": "END"}
_FOREIGN_DAYS = [w for w in REL_DAYS if w not in ("today", "yesterday", "tomorrow", "morgen", "mañana")]
_F = re.UNICODE

RULES: list[tuple[str, re.Pattern[str]]] = [
    ("ago_f", re.compile(
        rf"(?<!\w)(?P<t>(?:vor|il\s+y\s+a|hace)\s+{_HEDGE}?"
        rf"(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})|"
        rf"{_HEDGE}?(?:(?P<n2>{_COUNT})\s+)?(?P<unit2>{_UNIT})\s+(?:назад|тому))(?!\w)", _I)),
    ("relunit_f", re.compile(
        r"(?<!\w)(?P<t>"
        r"(?P<de>letzt|vergangen|vorig|nächst|naechst|kommend|dies|laufend)(?:e|en|er|es|em)\s+(?:Woche|Monats?|Jahr(?:es)?)"
        r"|(?P<vor>Vor)(?P<vu>woche|monat|jahr)(?:es|s)?"
        r"|(?:la\s+semaine|le\s+mois|l['’]année|l['’]annee|l['’]an)\s+"
        r"(?P<fr>dernière|derniere|dernier|passée|passee|passé|passe|prochaine|prochain)"
        r"|(?P<fr0>cette)\s+(?:semaine|année|annee)|(?P<fr1>ce)\s+mois(?:-ci)?"
        r"|(?:la\s+semana|el\s+mes|el\s+año|el\s+ano)\s+(?P<es>pasad[ao]|próxim[ao]|proxim[ao]|que\s+viene)"
        r"|(?:la|el)\s+(?P<es1>próxim[ao]|proxim[ao])\s+(?:semana|mes|año)"
        r"|(?P<es0>esta|este)\s+(?:semana|mes|año)"
        r"|(?P<ru>прошл|следующ|эт|будущ|минувш|предыдущ|текущ|нынешн)(?:ой|ом|ем|ей|ий|ого|его|ую|ая)\s+"
        r"(?:неделе|неделю|недели|месяце|месяца|месяц|году|года|год)"
        r"|(?P<uk>минул|наступн|ць|попередн|поточн)(?:ого|ому|ий|ій|ої|ьому)\s+"
        r"(?:тижня|тижні|тиждень|місяця|місяці|місяць|року|році|рік)"
        r"|(?P<uky>торік|цьогоріч))(?!\w)", _I)),
    # "in zwei Wochen", "dans trois jours", "dentro de dos semanas", "через два дня": that far ahead
    ("ahead_f", re.compile(rf"(?<!\w)(?P<prep>in|dans|dentro\s+de|через|за)\s+(?P<t>(?:(?P<n>\d{{1,3}}|{_COUNT_WORD})\s+)?"
                           rf"(?P<unit>{_UNIT}))(?!\w)", _I)),
    # a count of units that no ago-word claims is a duration ("seit drei Jahren", "pendant deux semaines",
    # "три роки"), a hedge inside the span ("rund zwei Stunden"); at most three digits ("2024 года" is a year)
    ("dur_f", re.compile(rf"(?<![\w.,])(?P<t>(?:(?P<hedge>{_alt(list(_HEDGES))})(?:\s+|(?<=['’])))?"
                         # four digits (1000-1799, never a year in the news) only before days ("1000 Tage", "1000 дней")
                         rf"(?P<n>\d{{1,3}}|1[0-7]\d\d(?=\s+(?:Tage|Tagen|jours|días|dias|дней|днів|суток|діб)(?!\w))|"
                         rf"{_COUNT_WORD})\s+(?:(?:derniers|dernières|prochains|prochaines|"
                         rf"premiers|premières)\s+)?(?P<unit>{_UNIT})"
                         rf"(?:\s+(?:und|et|y|и|і)\s+(?P<n2>\d{{1,3}}|{_COUNT_WORD})\s+(?P<unit2>{_UNIT}))?)(?!\w)", _I)),
    # a day range inside one month: "du 12 au 14 juillet", "del 6 al 10 de marzo", "с 15 по 17 марта",
    # "vom 3. bis 5. März": the first day (the second is a date of its own)
    ("range_f", re.compile(rf"(?<!\w)(?:du|del|vom|с|з|від|les|los(?:\s+días)?|am)\s+(?P<t>(?P<d>[0-3]?\d))\.?\s+"
                           rf"(?:au|al|bis|zum|по|до|et|y|und)\s+"
                           rf"[0-3]?\d(?:\.?\s+(?:de\s+)?(?P<mon>{MON_F})|\.\s+{MON_DE_SHARED})(?:\s+(?:de\s+)?{YEAR})?", _I)),
    # centuries: "19. Jahrhundert", "XXe siècle", "siglo XIII", "XX веке", "ХХ столітті"
    ("century_f", re.compile(r"(?<!\w)(?P<t>(?P<n>\d{1,2})\.\s+Jahrhunderts?|(?P<r>[IVXLХІ]+)(?:e|ème)\s+siècle"
                             r"|siglo\s+(?P<r2>[IVXL]+)|(?P<r3>[IVXLХІ]+)\s+(?:век|века|веке|веку|століття|столітті|сторіччя))(?!\w)", _F)),
    # a month named alone after a preposition ("im Februar", "en septembre", "hasta mayo", "в феврале", "у лютому")
    ("month_f", re.compile(rf"(?<!\w)(?:{_alt(_MONTH_PREPS)})\s+(?P<t>(?P<mon>{MON_F}))(?!\w)(?!\.?\s*\d)", _I)),
    ("vague_f", re.compile(rf"(?<!\w)(?P<t>{_alt(list(VAGUE_F))})(?!\w)", _I)),
    ("set_f", re.compile(rf"(?<!\w)(?P<t>(?P<every>{_alt(list(_EVERY))})\s+"
                         rf"(?P<what>{_alt([*_EVERY_UNIT, *WEEKDAYS, *MONTH_OF])})(?:s(?!\w))?"
                         r"(?:\s+(?P<spart>matin|soir|après-midi|nuit|por\s+la\s+(?:mañana|tarde|noche)))?"
                         rf"|(?P<adv>{_alt(list(_SET_ADVERBS))}))(?!\w)", _I)),
    # a weekday with next/last: "mardi prochain", "el próximo domingo", "nächsten Montag", "следующую пятницу"
    ("weekday_rel_f", re.compile(
        rf"(?<!\w)(?P<t>(?:(?:el|la|le)\s+)?(?P<rel>{_alt(list(_WD_REL))})\s+(?P<wd>{WD_F})"
        rf"|(?P<wd2>{WD_F})\s+(?P<rel2>{_alt(list(_REL_AFTER))}))(?!\w)", _I)),
    # a weekday (or a foreign day word) with a part of the day: "dimanche soir", "Freitagabend",
    # "el lunes por la tarde", "в понедельник вечером", "неділю ввечері", "позавчора ввечері"
    ("wdpart_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<wd>{WD_F}|{_alt(_FOREIGN_DAYS)})\s*(?:por\s+la\s+)?"
        r"(?P<part>matin|après-midi|soir|nuit|abend|morgen|vormittag|nachmittag|nacht|mañana|tarde|noche|утром|"
        r"днём|днем|вечером|ночью|вранці|зранку|вдень|удень|ввечері|увечері|вночі|уночі)"
        # German compounds: "Montagabend", "Freitagnacht"
        r"|(?P<wdc>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)"
        r"(?P<partc>morgen|vormittag|mittag|nachmittag|abend|nacht))(?!\w)", _I)),
    # German numeric day and month without a year, where a preposition or weekday marks it a date:
    # "am 12.03.", "Mo., 3.10."
    ("dm_num_f", re.compile(r"(?:(?<=\b[Aa]m\s)|(?<=\b[Vv]om\s)|(?<=\b[Bb]is\s)|(?<=\b[Zz]um\s)|(?<=\b[Aa]b\s)|"
                            r"(?<=\b[Ss]eit\s)|(?<=\bden\s)|"
                            r"(?<=\b(?:Mo|Di|Mi|Do|Fr|Sa|So)\.\s)|(?<=\b(?:Mo|Di|Mi|Do|Fr|Sa|So)\.,\s)|"
                            # "Freitag, 8.11.", "Freitag, den 8.11.": the weekday joins the date
                            rf"(?<!\w)(?=(?:{WD_F}),?\s+(?:den\s+)?[0-3]?\d\.[01]?\d\.))"
                            rf"(?P<t>(?:(?P<wd>{WD_F}),?\s+(?:den\s+)?)?(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.)(?![\d.])", _F)),
    # a part of the day alone (Russian, Ukrainian): "Вночі окупанти підірвали ..." (the reference day)
    ("part_alone_f", re.compile(r"(?<!\w)(?P<t>ночью|утром|вечером|вночі|уночі|вранці|зранку|ввечері|увечері|"
                                # French: "dans la matinée", "en début d'après-midi", "en soirée"
                                r"(?:(?<=dans\s)la\s+|(?<=en\s))(?:matinée|soirée)|"
                                r"(?:(?<=dans\s)l['’]|(?<=en\s)(?:début|fin)\s+d['’])après-midi)(?!\w)(?!\s+d[eu]\s)", _I)),
    ("holiday_f", re.compile(rf"(?<!\w)(?P<t>{_alt(list(HOLIDAYS_F))})(?!\w)", _I)),
    ("weekend_f", re.compile(rf"(?<!\w)(?:(?:das|am|le|ce|el|este|на|в|у|ці|эти)\s+)?(?P<t>"
                             r"(?:(?P<rel>letzten|vergangenen|kommenden|nächsten|прошлые|прошлых|минулі|минулих|"
                             r"наступні|наступних|следующие|следующих)\s+)?"
                             rf"(?:{_alt(list(_WEEKEND_F))})"
                             r"(?:\s+(?P<rel2>dernier|passé|prochain|pasado|próximo|proximo|que\s+viene))?)(?!\w)", _I)),
    ("period_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<cunit>Jahres|Monats|Wochen)(?P<cmod>beginn|anfang|mitte|ende)(?<!Wochenende)"
        rf"|(?P<mod>{_alt(list(_PERIOD_MOD))})\s+(?:des|der|dieses|dieser|du|de\s+l['’]|d['’]|de\s+la|de\s+cette|de|"
        r"del|de\s+este|de\s+esta|de\s+la|этого|этой|цього)?\s*"
        # a relative word before or after the unit: "Ende letzten Jahres", "fin de l'année dernière",
        # "finales del año pasado", "в конце прошлого года", "на початку наступного року"
        r"(?:(?P<rel>letzt|vergangen|vorig|kommend|nächst|naechst)(?:en|es|er)\s+"
        r"|(?P<rel1>próxim[oa]|proxim[oa]|pasad[oa])\s+"
        r"|(?P<rel2>прошл|следующ|будущ|минувш|предыдущ|текущ|минул|наступн|попередн|поточн)(?:ого|его|ього|ой|ей)\s+)?"
        r"(?P<unit>Monats|Jahres|Woche|mois|année|annee|semaine|mes|año|semana|месяца|года|недели|місяця|року|тижня)"
        r"(?:\s+(?P<rel3>dernière|derniere|dernier|passée|passee|passé|prochaine|prochain|pasad[oa]|próxim[oa]|"
        r"proxim[oa]|que\s+viene))?)(?!\w)", _I)),
    # Spanish "el día 22": a day of the reference month (or the next or last one, by tense)
    ("dayref_f", re.compile(r"(?<!\w)(?:el\s+)?(?P<t>día\s+(?P<d>[0-3]?\d))(?![\d\w])", _I)),
    # clock times: "um 19 Uhr", "19.30 Uhr", "a las 10 de la mañana", "las 17:00 horas"
    # parts of the day: "gestern Abend", "ce matin", "hier soir", "esta noche", "anoche", "вчера вечером", "сьогодні вранці"
    ("part_f", re.compile(
        r"(?<!\w)(?P<t>(?P<day>heute|gestern|morgen|vorgestern)\s+(?P<part>Morgen|früh|Vormittag|Nachmittag|Abend|Nacht)"
        r"|(?P<day2>ce|cet|cette|hier|demain)\s+(?P<part2>matin|après-midi|soir|nuit)"
        r"|(?P<day3>esta|ayer\s+por\s+la|mañana\s+por\s+la)\s+(?P<part3>mañana|tarde|noche|madrugada)"
        r"|(?P<day4>сегодня|вчера|завтра|этой|этим|прошлой|минувшей)\s+(?P<part4>утром|днём|днем|вечером|ночью|утро)"
        r"|(?P<day5>сьогодні|вчора|учора|завтра|цієї|цього|минулої)\s+(?P<part5>вранці|зранку|вдень|удень|ввечері|увечері|вночі|уночі|ночі|ранку|вечора)"
        r"|(?P<alone>anoche|anteanoche))(?!\w)", _I)),
    ("anaphor_f", re.compile(rf"(?<!\w)(?P<t>{_alt(list(ANAPHORS))})(?!\w)", _I)),
    # seasons: with a year, a relative word, a preposition, or as an adverb ("летом", "влітку")
    ("season_f", re.compile(
        rf"(?<!\w)(?:(?P<prep>im|zum|(?:seit|ab)(?:\s+dem)?|en(?:\s+(?:la|el))?|au|depuis|dès|jusqu['’]à|"
        rf"(?:hasta|desde|para)\s+(?:el|la)|"
        rf"в|у|до|с|з)\s+)?(?P<t>(?:(?P<rel>{_alt(list(_SEASON_REL))})\s+)?"
        rf"(?:l['’])?(?P<season>{_alt(list(SEASON_OF))})"
        rf"(?:\s+(?P<rel2>{_alt(list(_REL_AFTER))}))?"
        rf"(?:\s+(?:de\s+|des\s+Jahres\s+)?(?:{YEAR_F})|\s+(?P<yrel>{REL_YEAR_F}))?)(?!\w)", _I)),
    # quarters and halves: "ersten Quartal 2023", "deuxième trimestre", "primer semestre", "третьем квартале", "першому півріччі"
    ("quarter_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<ord>{_alt(list(_ORDINAL_OF))})[a-zäöüéèàëёа-яіїє]*\s+"
        r"(?P<unit>Quartal|Halbjahr|Jahreshälfte|trimestre|semestre|квартал|полугоди|півріч)[a-zа-яіїєё]*"
        rf"(?:\s+(?:des\s+Jahres\s+|de\s+|del\s+)?(?:{YEAR_F})|\s+(?P<yrel>{REL_YEAR_F}))?)(?!\w)", _I)),
    # decades: "1990er Jahren", "années 1980", "años noventa", "1990-е годы", "1990-х роках"
    ("decade_f", re.compile(
        r"(?<!\w)(?P<t>(?P<c>19|20)(?P<d>\d)0er(?:[\s-]+Jahre[ns]?)?|(?P<d6>\d)0er[\s-]+Jahre[ns]?"
        r"|années\s+(?:(?P<c2>19|20)|(?=\d0\b))(?P<d2>\d)0"
        r"|años\s+(?:(?:(?P<c3>19|20)|(?=\d0\b))(?P<d3>\d)0|(?P<w3>sesenta|setenta|ochenta|noventa))"
        r"|(?P<c4>19|20)?(?P<d4>\d)0-(?:е|х|ті|х)\s+(?:годы|годах|годов|роки|роках|років)"
        r"|década\s+de\s+(?:(?:(?P<c5>19|20)|los\s+(?=\d0\b))(?P<d5>\d)0|los\s+(?P<w5>sesenta|setenta|ochenta|noventa)))"
        r"(?!\w)", _I)),
    # clock times: "um 19 Uhr", "19.30 Uhr", "a las 10 de la mañana", "las 17:00 horas", French "à 19 h 30", "vers 20 h"
    ("clock_f", re.compile(r"(?<![\w:.])(?P<t>(?:(?i:las)\s+)?(?P<H>[0-2]?\d)(?:[:.](?P<M>[0-5]\d))?"
                           r"(?:\s+(?P<uhr>Uhr)|\s+(?P<horas>horas)|\s+de\s+la\s+(?P<part>mañana|tarde|noche))"
                           r"|(?:(?<=\b[àÀ]\s)|(?<=vers\s))(?P<Hf>[0-2]?\d)\s?h(?:\s?(?P<Mf>[0-5]\d))?"
                           # French "à 8 heures", "à 14 heures 30"
                           r"|(?:(?<=\b[àÀ]\s)|(?<=vers\s))(?P<Hh>[0-2]?\d)\s+heures?(?:\s+(?P<Mh>[0-5]\d))?"
                           # "в 3 часа ночи", "о 7 годині ранку": the hour with its part of the day
                           r"|(?P<Hr>[0-2]?\d)\s+(?:час(?:а|ов)?|годин[иіа]?)\s+(?P<rp>утра|дня|вечера|ночи|ранку|вечора|ночі))"
                           r"(?![\w:])", _F)),
    # the past 24 hours of a war report: "за последние сутки", "за минулу добу", "протягом доби" (P1D)
    # and one unit after "during" ("протягом тижня" P1W, "в течение месяца" P1M)
    ("day24_f", re.compile(r"(?<!\w)(?P<t>(?:последние|минувшие|прошедшие)\s+сутки|(?:минулу|останню)\s+добу|"
                           r"минулої\s+доби|(?:(?<=протягом\s)|(?<=упродовж\s)|(?<=впродовж\s)|(?<=течение\s))"
                           r"(?P<unit>доби|суток|дня|тижня|недели|месяца|місяця|года|року))(?!\w)", _I)),
    # halves: "в первой половине 2024 года", "у другій половині року" (H1, H2 of the year); "во
    # второй половине дня" (afternoon), "у першій половині дня" (morning) of the reference day
    ("half_f", re.compile(rf"(?<!\w)(?P<t>(?P<h>первой|второй|першій|другій)\s+половин[еі]\s+"
                          rf"(?:(?P<day>дня)|{YEAR_F}|(?:этого\s+|текущего\s+|цього\s+|поточного\s+)?"
                          r"(?:года|року)))(?!\w)", _I)),
    # half a year: "полгода назад" (ago), "через півроку" (ahead), "полгода" (P6M)
    ("halfyear_n_f", re.compile(r"(?<!\w)(?:(?P<ahead>через)\s+)?(?P<t>(?:полгода|полугода|півроку)"
                                r"(?:\s+(?P<ago>назад|тому))?)(?!\w)", _I)),
    # clock times told in quarters: "um halb neun" (8:30), "a las 8 y media", "à 8 heures et quart"
    ("clockfrac_f", re.compile(
        rf"(?<!\w)(?P<t>(?:(?<=\bum\s)|(?<=\bgegen\s))(?P<de>halb|Viertel\s+nach|Viertel\s+vor|dreiviertel)\s+"
        rf"(?P<n1>\d{{1,2}}|{_COUNT_WORD})"
        rf"|las?\s+(?P<n2>\d{{1,2}}|{_COUNT_WORD})\s+(?P<es>y\s+media|y\s+cuarto|menos\s+cuarto)"
        rf"|(?<=\b[àÀ]\s)(?P<n3>\d{{1,2}}|{_COUNT_WORD})\s+heures?\s+(?P<fr>et\s+demie|et\s+quart|"
        r"moins\s+le\s+quart))(?!\w)", _I)),
    # noon and midnight: "à midi", "a mediodía", "um Mitternacht", "в полдень", "опівночі" ("le Midi",
    # the south of France, and Ukrainian "південь"/"північ", south/north, are not read)
    ("noon_f", re.compile(r"(?<!\w)(?P<t>(?:(?<=à\s)|(?<=vers\s)|(?<=avant\s)|(?<=après\s))(?P<n1>midi|minuit)"
                          r"|(?P<n2>mediodía|medianoche|Mitternacht|полдень|полночь|опівдні|опівночі)"
                          r"|(?:(?<=um\s)|(?<=gegen\s))(?P<n3>Mittag))(?!\w)", _I)),
    # the start, middle or end of a decade: "Ende der 90er Jahre", "à la fin des années 1990", "a finales de
    # los años noventa", "в конце 1990-х годов", "наприкінці 1990-х років"
    ("moddecade_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<mod>{_alt(list(_MOD_WORDS))})\s+(?:"
        rf"(?:des\s+années|de\s+los\s+años)\s+(?:(?P<c1>19|20)(?P<d1>\d)0(?!\d)|(?P<w1>{_alt(list(_DECADE_WORDS))}))"
        r"|(?:der\s+)?(?P<c2>19|20)?(?P<d2>\d)0er(?:[\s-]+Jahre[ns]?)?"
        r"|(?P<c3>19|20)(?P<d3>\d)0-(?:х|е|ті|ых|ые)\s+(?:годов|годы|годах|років|роки|роках)))(?!\w)", _I)),
    ("mod_f", re.compile(
        rf"(?<!\w)(?P<t>(?P<mod>{_alt(list(_MOD_WORDS))})(?:(?<=-)|\s+)(?:de\s+)?"
        rf"(?:(?P<mon>{MON_F})(?:\s+(?:de\s+)?(?=\d))?|des\s+Jahres\s+)?(?:{YEAR_F})?)", _I)),
]

# cheap substring guards on the lower-cased sentence (see timex_rules.GUARDS), narrow enough that
# English sentences rarely run these patterns
GUARDS: dict[str, tuple[str, ...] | None] = {
    "ago_f": ("vor ", "il y a", "hace ", "назад", "тому"),
    "relunit_f": ("woche", "monat", "jahr", "semaine", "mois", "l'an", "l’an", "année", "annee", "semana", "el mes", "este mes",
                  "próximo mes", "proximo mes", "año", "el ano", "este ano", "неде", "месяц", "год", "тижн", "тижд",
                  "місяц", "рік", "року", "році", "торік", "цьогоріч"),
    "dur_f": ("tage", " tag ", "woche", "monat", "jahr", "jour ", "jours", "semaine", "mois", "un an", " ans",
              "année", "annee", "día", "dia ", "dias", "semana", " mes ", "meses", "año", "ano ", "anos", "дн",
              "дня", "дней", "сут", "добу", "неде", "тижн", "тижд", "месяц", "місяц", "год", "лет", "рік", "роки",
              "років", "stunde", "heure", "hora ", "horas", "час", "minuten", "minuto", "минут", "хвилин", "décenni",
              "décad", "десятилет", "десятиліт"),
    "month_f": tuple(sorted(w.lower() for w in MONTH_OF)),
    "vague_f": ("jetzt", "maintenant", "ahora", "теперь", "тепер", "derzeit", "zurzeit", "gegenwärtig", "kürzlich", "vor kurzem", "zukunft", "actuellement",
                "récemment", "avenir", "actualmente", "recientemente", "futuro", "сейчас", "настоящее", "недавно",
                "будущем", "зараз", "наразі", "нині", "нещодавно", "майбутньому", "kommenden", "nächsten",
                "prochain", "próxim", "ближайш", "найближч", "letzten", "vergangenen", "derniers jours",
                "dernières semaines", "derniers mois", "dernières années", "últim", "последние", "останні",
                "на днях", "днями", "heures", "horas", "часы", "години", "stunden"),
    "set_f": ("jede", "chaque", "tous les", "toutes les", "cada", "todos los", "todas las", "кажд", "кожн", "täglich",
              "wöchentlich", "monatlich", "jährlich", "quotidiennement", "annuellement", "diariamente", "anualmente",
              "mensualmente", "ежедн", "еженед", "ежемес", "ежегод", "щодня", "щотижня", "щомісяця", "щороку",
              "щорічно", "vierteljährlich", "trimestri", "trimestral", "ежекварт", "щокварт", "montags", "dienstags",
              "mittwochs", "donnerstags", "freitags", "samstags", "sonntags", "щопон", "щовів", "щосер", "щочет",
              "щоп", "щосуб", "щонед"),
    "weekday_rel_f": ("este ", "diesen ", "ce ", "этот ", "эту ", "цей ", "цю ", "nächst", "kommend", "letzt", "vergangen", "próxim", "proxim", "pasado", "следующ", "прошл",
                      "наступн", "минул", "prochain", "dernier", "passé"),
    "clock_f": ("uhr", "las ", "horas", "à ", "vers ", "час", "годин"),
    "clockfrac_f": ("halb ", "viertel", "media", "cuarto", "demie", "quart"),
    "noon_f": ("midi", "minuit", "mediodía", "medianoche", "mittag", "mitternacht", "полдень", "полночь",
               "опівдні", "опівночі"),
    "part_f": ("heute", "gestern", "morgen", "matin", "midi", "soir", "nuit", "mañana", "tarde", "noche", "anoche", "madrugada",
               "утр", "днём", "днем", "вечер", "ноч", "вранці", "зранку", "вдень", "удень", "ввечері", "увечері",
               "вночі", "уночі", "ночі", "ранку", "вечора"),
    "anaphor_f": ("vortag", "zuvor", "vorabend", "folgetag", "nächsten tag", "darauf", "danach", "veille", "lendemain",
                  "anterior", "siguiente", "накануне", "следующий день", "напередодні", "наступн"),
    "season_f": ("frühling", "frühjahr", "sommer", "herbst", "winter", "printemps", "été", "automne", "hiver",
                 "primavera", "verano", "otoño", "invierno", "весн", "лет", "осен", "зим", "навесні", "літ", "влітку",
                 "улітку", "осін", "восени", "взимку", "узимку"),
    "quarter_f": ("quartal", "halbjahr", "jahreshälfte", "trimestre", "semestre", "квартал", "полугод", "півріч"),
    "decade_f": ("0er", "années", "años", "0-е", "0-х", "0-ті", "década"),
    "dm_num_f": ("am ", "vom ", "bis ", "zum ", "ab ", "seit ", "den ", "mo.", "di.", "mi.", "do.", "fr.", "sa.", "so.",
                 "tag", "mittwoch"),
    "wdpart_f": ("matin", "midi", "soir", "nuit", "abend", "morgen", "mittag", "nacht", "mañana", "tarde", "noche",
                 "утром", "днём", "днем", "вечером", "ночью", "вранці", "зранку", "вдень", "удень", "ввечері",
                 "увечері", "вночі", "уночі"),
    "part_alone_f": ("ночью", "утром", "вечером", "вночі", "уночі", "вранці", "зранку", "ввечері", "увечері",
                     "matinée", "soirée", "après-midi"),
    "holiday_f": ("14-juillet", "weihnachten", "heiligabend", "silvester", "neujahr", "noël", "nouvel an", "jour de l",
                  "sylvestre", "navidad", "nochebuena", "nochevieja", "año nuevo", "новый год", "новий рік", "ostern",
                  "ostersonntag", "pâques", "pascua", "semana santa", "пасх", "великдень"),
    "weekend_f": ("wochenende", "week-end", "fin de semana", "выходн", "вихідн"),
    "period_f": ("monats", "jahres", "woche", "wochen", "mois", "année", "annee", "semaine", "mes", "año", "semana", "месяца",
                 "года", "недели", "місяця", "року", "тижня"),
    "dayref_f": ("día ",),
    "ahead_f": ("in ", "dans ", "dentro de", "через", "за "),
    "range_f": ("du ", "del ", "vom ", "с ", "з ", "від ", "les ", "los ", "am "),
    "century_f": ("jahrhundert", "siècle", "siglo", "век", "столітт", "сторіч"),
    "day24_f": ("сутки", "суток", "добу", "доби", "протягом", "упродовж", "впродовж", "течение"),
    "half_f": ("половин",),
    "halfyear_n_f": ("полгода", "полугода", "півроку"),
    "moddecade_f": ("0er", "années", "años", "0-х", "0-е", "0-ті", "0-ые", "0-ых"),
    "mod_f": ("anfang ", "mitte ", "ende ", "début", "debut ", "mi-", "fin ", "principios de", "comienzos de",
              "inicios de", "mediados de", "finales de", "fines de", "начале", "середин", "конце", "початку",
              "наприкінці", "кінці", "конца", "начала", "кінця"),
}


_DESDE = re.compile(r"(?i:\bdesde\s+)$")


def _h_ago_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"vor zwei Wochen", "il y a quelques jours", "два года назад": as English "N units ago";
    not in Spanish "desde hace dos años" (for two years: a duration)."""
    count = m.group("n") if m.group("unit") else m.group("n2")
    if m.group("unit") and _DESDE.search(m.string, max(0, m.start() - 8), m.start()):
        return None  # the duration rule reads "dos años" (P2Y)
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
    return unit_value(unit, shift_of(rel), ctx) if unit else None


_FRENCH_COUNTS = frozenset("un une deux trois quatre cinq six sept huit neuf dix douze quelques".split())
_GERMAN_UNITS = frozenset("tag tage tagen woche wochen monat monate monaten jahr jahre jahren stunde stunden minuten".split())
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "TH", "minute": "TM", "decade": "DE"}


def _count_unit(count: str | None, unit: str) -> tuple[int | None, str] | None:
    """(count or None when vague, English unit) of a count and a unit word; None when the pair is not
    one ("ein an der Wand", "$7 an hour", English "a $50 tag": German nouns are capitalised)."""
    word = " ".join((count or "1").lower().split())
    unit_word = unit.lower()
    french = word in _FRENCH_COUNTS or (unit_word == "ans" and word.isdigit())
    if unit_word in ("an", "ans") and not french and count is not None:
        return None
    if unit_word in _GERMAN_UNITS and not unit[0].isupper():
        return None
    return (int(word) if word.isdigit() else COUNT_OF.get(word)), UNIT_OF[unit_word]


# an age is no duration: "im Alter von 87 Jahren", "un homme de 32 ans", "a los 91 años", "в возрасте 76 лет"
_AGE_BEFORE = re.compile(r"(?i:(?:alter\s+von|âge\s+de|a\s+los|edad\s+de|возрасте|віці|віком|"
                         r"(?:homme|femme|garçon|fille|enfant|adolescent|jeune|hombre|mujer|niño|niña|joven|"
                         r"anciano|chico|chica|bebé)\s+de)\s*)$")
_AGE_AFTER = re.compile(r"\s+alt\b")


_PART_AFTER = re.compile(r"\s+(?:утра|дня|вечера|ночи|ранку|вечора|ночі)\b", re.I)
_AT_BEFORE = re.compile(r"(?:\b[àÀ]|\bvers)\s+$")


def _h_dur_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"drei Jahren" P3Y, "deux semaines" P2W, "несколько лет" PXY, "rund zwei Stunden" PT2H (APPROX),
    "vier Jahren und sechs Monaten" P4Y6M; not an age."""
    first = _count_unit(m.group("n"), m.group("unit"))
    if first is None:
        return None
    if _AGE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) or _AGE_AFTER.match(m.string, m.end()):
        return None
    if first[1] == "hour" and (_PART_AFTER.match(m.string, m.end())
                               or _AT_BEFORE.search(m.string, max(0, m.start() - 6), m.start())):
        return None  # "3 часа ночи", "à 8 heures" are clock times (clock_f), not hours
    parts = [first]
    if m.group("unit2"):
        second = _count_unit(m.group("n2"), m.group("unit2"))
        if second is None:
            return None
        parts.append(second)
    date_part = time_part = ""
    for n, unit in parts:
        code = _UNIT_CODE[unit]
        count = "X" if n is None else str(n)
        if code == "DE" and n is not None:  # "über einem Jahrzehnt" P10Y, as the English rules write it
            count, code = str(10 * n), "Y"
        if code.startswith("T"):
            time_part += f"{count}{code[1]}"
        else:
            date_part += f"{count}{code}"
    value = "P" + date_part + (f"T{time_part}" if time_part else "")
    hedge = m.group("hedge")
    return "DURATION", value, _HEDGES[" ".join(hedge.lower().split())] if hedge else None


_BEFORE_AFTER = re.compile(r"\s+(?:до|перед)\b")  # "за два дня до выборов": before another date


def _h_ahead_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"in zwei Wochen", "dans trois jours", "через неделю": the date that far ahead (as "N units from now")."""
    prep = m.group("prep").lower()
    if prep == "за":
        # Russian/Ukrainian "за тиждень": ahead in a sentence without a past form ("оголосять за
        # тиждень"), else "over the week" (a duration, left to the duration rule when counted);
        # "за два дня до выборов" counts back from another date
        if _BEFORE_AFTER.match(m.string, m.end()):
            return None
        if not present_sentence(m.group("unit"), m.string):
            return None if m.group("n") else ("DURATION", f"P1{_UNIT_CODE[UNIT_OF[m.group('unit').lower()]]}", None)
    elif prep == "через" and not present_sentence(m.group("unit"), m.string):
        return None  # "через два дня они встретились": two days after the story's last event, a duration
    elif m.group("n") is None and prep != "через":
        return None  # a unit without a count is one only in Russian "через неделю" (English "in an interview")
    pair = _count_unit(m.group("n"), m.group("unit"))
    if pair is None:
        return None
    n, unit = pair
    return ago_value(None if n is None else float(n), unit, 1, ctx)


def _h_range_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """The first day of "du 12 au 14 juillet", "vom 3. bis 5. November": the month (and year) of the second."""
    g = m.groupdict()
    return full_date({**g, "mon": g["mon"] or g["mon_de"]}, ctx)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "Х": 10, "І": 1}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _h_century_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"19. Jahrhundert" 18, "XXe siècle" 19, "siglo XIII" 12, "ХХ столітті" 19 (TimeML: the first two digits)."""
    n = int(m.group("n")) if m.group("n") else _roman(m.group("r") or m.group("r2") or m.group("r3"))
    if not 1 <= n <= 21:
        return None
    return "DATE", f"{n - 1:02d}", None


def _h_month_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"im Februar", "en septembre", "в феврале": the month, its year by tense as in English."""
    mon = MONTH_OF.get(m.group("mon").lower())
    if mon is None or capitalised_name(m.group("mon"), m.string, m.start("mon")):
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{mon:02d}", None
    return "DATE", f"{pick_year(mon, None, ctx):04d}-{mon:02d}", None


_VAGUE_LOWER = {k.lower(): v for k, v in VAGUE_F.items()}


def _h_vague_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"derzeit" PRESENT_REF, "récemment" PAST_REF, "в будущем" FUTURE_REF."""
    word = " ".join(m.group("t").lower().split())
    if word in ("zukunft", "avenir", "futuro") and not _FUTURE_NOUN.search(m.string, 0, m.start()):
        return None  # the noun alone ("die Zukunft der Partei") is no time expression; "in Zukunft" is
    if word in ("на днях", "днями") and (ctx.tense == "future" or (not ctx.tense and present_sentence(word, m.string))):
        return "DATE", "FUTURE_REF", None
    return "DATE", _VAGUE_LOWER[word], None


_FUTURE_NOUN = re.compile(r"(?i:\b(?:in|à\s+l['’]|dans\s+l['’]|en\s+el|en\s+un)\s*)$")


def _h_set_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"jeden Montag" XXXX-WXX-1, "chaque année" P1Y, "todos los días" P1D, "щодня" P1D."""
    if m.group("adv"):
        return "SET", _SET_ADVERBS[m.group("adv").lower()], None
    what = m.group("what").lower()
    if what in WEEKDAYS:  # "jeden Montag", "tous les vendredis", "tous les samedis matin"
        spart = m.group("spart")
        part = f"T{_PART_WORD[spart.split()[-1].lower()]}" if spart else ""
        return "SET", f"XXXX-WXX-{WEEKDAYS[what]}{part}", None
    if what in MONTH_OF:  # "cada septiembre"
        return "SET", f"XXXX-{MONTH_OF[what]:02d}", None
    return "SET", _EVERY_UNIT[what], None


def _h_weekday_rel_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"mardi prochain", "el pasado domingo", "следующую пятницу": the next or last such weekday."""
    wd = WEEKDAYS.get((m.group("wd") or m.group("wd2")).lower())
    if wd is None:
        return None
    rel = _SHIFT_REL[shift_of(m.group("rel") or m.group("rel2"))]
    if ctx.dct is None:
        return "DATE", f"XXXX-WXX-{wd}", None
    day = weekday_date(wd, rel, ctx)
    if rel == "this":  # "este lunes", "diesen Montag": this week's, unless the tense says it is gone or ahead
        tense = ctx.tense
        if tense == "future" and day < ctx.dct:
            day += dt.timedelta(days=7)
        elif tense == "past" and day > ctx.dct:
            day -= dt.timedelta(days=7)
    return "DATE", day.isoformat(), None


def _on_ref_day(ctx: Ctx, time: str) -> Result:
    """A TIME on the reference day; ``time`` a clock time ("14:30") or a part of the day ("AF")."""
    return "TIME", f"{ctx.dct.isoformat() if ctx.dct else 'XXXX-XX-XX'}T{time}", None


def _clock(ctx: Ctx, h: int, mins: int | str = 0) -> Result | None:
    """Hour ``h`` and minutes on the reference day; None for an hour past 23."""
    return _on_ref_day(ctx, f"{h:02d}:{int(mins):02d}") if 0 <= h <= 23 else None


def _h_clock_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"19 Uhr", "19.30 Uhr", "las 10 de la mañana", "las 17:00 horas": a time on the reference date."""
    if m.group("Hf") or m.group("Hh"):
        return _clock(ctx, int(m.group("Hf") or m.group("Hh")), m.group("Mf") or m.group("Mh") or 0)
    if m.group("Hr"):
        h = int(m.group("Hr"))
        if m.group("rp").lower() in ("дня", "вечера", "вечора") and h < 12:
            h += 12  # "3 часа дня" 15:00, "8 вечера" 20:00
        return _clock(ctx, h)
    h = int(m.group("H"))
    part = m.group("part")
    if part:
        h += _PARTS_F[part.lower()] if h < 12 else 0
    return _clock(ctx, h, m.group("M") or 0)


def _h_moddecade_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Ende der 90er Jahre" (199, END), "a finales de los años noventa", "в начале 2000-х годов" (200, START)."""
    mod = _MOD_WORDS.get(" ".join(m.group("mod").lower().split()))
    if mod is None:
        return None
    return "DATE", _decade(m.group("c1") or m.group("c2") or m.group("c3"),
                           m.group("d1") or m.group("d2") or m.group("d3"), m.group("w1")), mod


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


def _h_part_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"gestern Abend" <yesterday>TEV, "ce matin" <today>TMO, "anoche" <yesterday>TNI."""
    if m.group("alone"):
        offset, part = _PART_ALONE[m.group("alone").lower()]
    else:
        day = next(m.group(g) for g in ("day", "day2", "day3", "day4", "day5") if m.group(g))
        word = next(m.group(g) for g in ("part", "part2", "part3", "part4", "part5") if m.group(g))
        offset, part = _DAY_WORD[" ".join(day.lower().split())], _PART_WORD[word.lower()]
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{part}", None
    return "TIME", f"{(ctx.dct + dt.timedelta(days=offset)).isoformat()}T{part}", None


def _h_anaphor_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"am Vortag", "le lendemain", "al día siguiente", "накануне": a day from the reference date
    (``timexes`` re-anchors it to the last date the text mentions before it)."""
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX", None
    shift = ANAPHORS[" ".join(m.group("t").lower().split())]
    return "DATE", (ctx.dct + dt.timedelta(days=shift)).isoformat(), None


def _season_end(start: dt.date) -> dt.date:
    """The day after a season that began on ``start`` (three months)."""
    return dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)


def _season_year(code: str, shift: int | None, ref: dt.date, past: bool | None = None) -> int:
    """Start year of the season ``code`` relative to ``ref``: ``shift`` -1 the last one over, +1 the next
    one to start, 0 this year's; with ``shift`` None, by tense (``past`` True: the latest begun)."""
    sm = _SEASON_START[code]
    starts = [dt.date(y, sm, 1) for y in range(ref.year - 2, ref.year + 2)]
    if shift == -1:
        return max(d for d in starts if _season_end(d) <= ref).year
    if shift == 1:
        return min(d for d in starts if d > ref).year
    if shift is None and past is False:  # the season still to come or not yet over ("im Herbst" in October)
        return min(d for d in starts if _season_end(d) > ref).year
    if shift is None and past:
        return max(d for d in starts if d <= ref).year
    return ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year


def _h_season_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"im Sommer 2022" 2022-SU, "l'hiver dernier", "este verano", "прошлой весной", "влітку"."""
    word = m.group("season").lower()
    code = SEASON_OF[word]
    if m.group("y"):
        return "DATE", f"{m.group('y')}-{code}", None
    rel = m.group("rel") or m.group("rel2")
    if not (rel or m.group("prep") or word in _SEASON_ADVERBS):
        return None  # "der Sommer war heiß": the season as a noun, no time expression
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", None
    if rel:
        return "DATE", f"{_season_year(code, shift_of(rel), ctx.dct):04d}-{code}", None
    if m.group("yrel"):  # "Frühjahr nächsten Jahres", "летом прошлого года"
        return "DATE", f"{ctx.dct.year + rel_year_shift(m.group('yrel')):04d}-{code}", None
    tense = ctx.tense
    past = True if tense == "past" else False if tense == "future" else None
    prep = (m.group("prep") or "").lower().split()[:1]
    if SINCE_BEFORE.search(m.string, max(0, m.start("t") - 16), m.start("t")):  # "seit dem Sommer": the latest begun
        past = True
    elif prep and prep[0] in _UNTIL_PREPS:  # "bis zum Sommer", "hasta el verano": the one not yet over
        past = False
    return "DATE", f"{_season_year(code, None if past is not None else 0, ctx.dct, past):04d}-{code}", None


_UNTIL_PREPS = frozenset(("zum", "jusqu'à", "jusqu’à", "hasta", "para", "до"))


def _h_quarter_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"ersten Quartal 2023" 2023-Q1, "deuxième trimestre", "primer semestre" (H1), "третьем квартале"."""
    word = m.group("ord").lower()
    n = next((v for k, v in _ORDINAL_OF.items() if word.startswith(k)), None)
    half = m.group("unit").lower() in ("halbjahr", "jahreshälfte", "semestre", "полугоди", "півріч")
    if n is None or (half and n > 2):
        return None
    if m.group("y"):
        y = int(m.group("y"))
    elif m.group("yrel") and ctx.dct is not None:  # "im ersten Quartal nächsten Jahres"
        y = ctx.dct.year + rel_year_shift(m.group("yrel"))
    elif ctx.dct is None:
        return "DATE", f"XXXX-{'H' if half else 'Q'}{n}", None
    else:
        y = ctx.dct.year
        start_month = (n - 1) * (6 if half else 3) + 1
        if start_month > ctx.dct.month and ctx.near_tense == "past":
            y -= 1  # "im dritten Quartal stieg der Umsatz", said in May: last year's
    return "DATE", f"{y:04d}-{'H' if half else 'Q'}{n}", None


def _h_decade_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"1990er Jahren", "années 80", "años noventa", "1990-е годы": the decade (199)."""
    g = m.groupdict()
    return "DATE", _decade(g.get("c") or g.get("c2") or g.get("c3") or g.get("c4") or g.get("c5"),
                           g.get("d") or g.get("d2") or g.get("d3") or g.get("d4") or g.get("d5") or g.get("d6"),
                           g.get("w3") or g.get("w5")), None


def _decade(century: str | None, digit: str | None, word: str | None) -> str:
    """TimeML value of a decade: "199" for "1990er", "90-е", "noventa"; a decade named by two digits
    ("90er", "90-е") is of the 1900s, "00er"/"10er" of the 2000s."""
    if word:
        return f"19{_DECADE_WORDS[word.lower()]}"
    assert digit is not None
    return f"{century or ('20' if digit in '01' else '19')}{digit}"


def _h_wdpart_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"dimanche soir", "Freitagabend", "в понедельник вечером", "позавчора ввечері": a day and its part."""
    word = (m.group("wd") or m.group("wdc")).lower()
    part = _PART_WORD[(m.group("part") or m.group("partc")).lower()]
    if word in REL_DAYS:
        if ctx.dct is None:
            return "TIME", f"XXXX-XX-XXT{part}", None
        return "TIME", f"{(ctx.dct + dt.timedelta(days=REL_DAYS[word])).isoformat()}T{part}", None
    wd = WEEKDAYS.get(word)
    if wd is None:
        return None
    if ctx.dct is None:
        return "TIME", f"XXXX-WXX-{wd}T{part}", None
    return "TIME", f"{weekday_date(wd, None, ctx).isoformat()}T{part}", None


def _h_dm_num_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"am 12.03.": day and month, the year by tense as for a month name."""
    return full_date(m.groupdict(), ctx)


_LAST_WORD = re.compile(r"[^\s'’]+$")  # "la matinée" -> "matinée", "d'après-midi" -> "après-midi"


def _h_part_alone_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Вночі", "утром", "dans la matinée" on their own: that part of the reference day."""
    return _on_ref_day(ctx, _PART_WORD[_LAST_WORD.search(m.group("t").lower())[0]])


def _h_holiday_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Weihnachten", "Noël", "Ostern", "Пасха" (Orthodox): as the English holiday; "Semana Santa"
    is the ISO week of its Easter."""
    word = " ".join(m.group("t").lower().split())
    res = holiday_value(HOLIDAYS_F[word], ctx)
    if res is None or word != "semana santa":
        return res
    if ctx.dct is None:
        return "DATE", "XXXX-WXX", None
    y, w, _ = dt.date.fromisoformat(res[1]).isocalendar()
    return "DATE", f"{y}-W{w:02d}", None


def _h_weekend_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"am Wochenende", "ce week-end", "el fin de semana", "в выходные": the coming weekend unless the
    sentence is in the past tense (news in these languages announce weekends in the present);
    "le week-end dernier", "прошлые выходные" by their word."""
    rel = m.group("rel") or m.group("rel2")
    if rel:  # "le week-end dernier", "am kommenden Wochenende", "прошлые выходные"
        return unit_value("weekend", shift_of(rel), ctx)
    # (not the loose past-form test of weekdays: its false matches, "канал", "ersten", would turn a
    # coming weekend into a past one here, where the coming one is the default)
    if ctx.dct is not None and not ctx.tense:
        sat = ctx.dct + dt.timedelta(days=(6 - ctx.dct.isoweekday()) % 7)
        y, w, _ = sat.isocalendar()
        return "DATE", f"{y}-W{w:02d}-WE", None
    return weekend_value(ctx)


_WEEKEND_ES = re.compile(r"(?i:fin\s+de\s+semana)\b")


def _h_period_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"Ende des Monats" (the reference month, END), "début de l'année", "до конца года", and a
    month or year before or after it: "Ende letzten Jahres", "en el mes pasado"."""
    if m.group("cunit"):
        mod, unit = _COMPOUND_MOD[m.group("cmod").lower()], _PERIOD_UNIT[m.group("cunit").lower()]
    else:
        mod, unit = _PERIOD_MOD.get(m.group("mod").lower()), _PERIOD_UNIT.get(m.group("unit").lower())
    if mod is None or unit is None or _WEEKEND_ES.match(m.group("t")):
        return None  # Spanish "fin de semana" is the weekend
    rel = next((m.group(g) for g in ("rel", "rel1", "rel2", "rel3") if m.group(g)), None)
    return unit_value(unit, shift_of(rel) if rel else 0, ctx, mod)


_DURING_UNIT = {"доби": "D", "суток": "D", "дня": "D", "тижня": "W", "недели": "W", "месяца": "M", "місяця": "M",
                "года": "Y", "року": "Y"}


def _h_day24_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"последние сутки", "минулу добу": the 24 hours up to the reference time; "протягом тижня" P1W."""
    unit = m.group("unit")
    return "DURATION", f"P1{_DURING_UNIT[unit.lower()] if unit else 'D'}", None


_NOON = {"midi": "12:00", "mediodía": "12:00", "mittag": "12:00", "полдень": "12:00", "опівдні": "12:00",
         "minuit": "24:00", "medianoche": "24:00", "mitternacht": "24:00", "полночь": "24:00", "опівночі": "24:00"}


# minutes past the named hour, and whether the hour is the next one ("halb neun" is 8:30)
_FRACTION = {"halb": (30, True), "viertel nach": (15, False), "viertel vor": (45, True), "dreiviertel": (45, True),
             "y media": (30, False), "y cuarto": (15, False), "menos cuarto": (45, True), "et demie": (30, False),
             "et quart": (15, False), "moins le quart": (45, True)}


def _h_clockfrac_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"um halb neun" <day>T08:30, "a las 8 y cuarto" T08:15, "à 9 heures moins le quart" T08:45."""
    word = m.group("n1") or m.group("n2") or m.group("n3")
    frac = " ".join((m.group("de") or m.group("es") or m.group("fr")).lower().split())
    n = int(word) if word.isdigit() else COUNT_OF.get(word.lower())
    if n is None or not 1 <= n <= 24:
        return None
    mins, before = _FRACTION[frac]
    return _clock(ctx, (n - 1) % 24 if before else n % 24, mins)


def _h_noon_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"à midi" <day>T12:00, "um Mitternacht" <day>T24:00 (as English "noon", "midnight")."""
    word = (m.group("n1") or m.group("n2") or m.group("n3")).lower()
    return _on_ref_day(ctx, _NOON[word])


def _h_halfyear_n_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"полгода назад" six months ago, "через полгода" six months ahead, else a six-month duration."""
    if m.group("ago") or m.group("ahead"):
        return ago_value(6.0, "month", -1 if m.group("ago") else 1, ctx)
    return "DURATION", "P6M", None


def _h_half_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"первой половине 2024 года" 2024-H1 (without a year the reference year's half); "второй
    половине дня" <day>TAF, "першій половині дня" <day>TMO."""
    first = m.group("h").lower() in ("первой", "першій")
    if m.group("day"):
        return _on_ref_day(ctx, "MO" if first else "AF")
    y = m.group("y") or (f"{ctx.dct.year:04d}" if ctx.dct else None)
    return "DATE", f"{y}-H{1 if first else 2}" if y else "XXXX", None


def _h_dayref_f(m: re.Match[str], ctx: Ctx) -> Result | None:
    """"el día 22": that day of the reference month, or of the next (future) or last (past) one."""
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-XX-{d:02d}", None
    k = ctx.dct.year * 12 + ctx.dct.month - 1
    tense = ctx.tense
    if d < ctx.dct.day and tense != "past":
        k += 1
    elif d > ctx.dct.day and tense == "past":
        k -= 1
    y, mon = divmod(k, 12)
    try:
        return "DATE", dt.date(y, mon + 1, d).isoformat(), None
    except ValueError:
        return None


HANDLERS: dict[str, Callable[[re.Match[str], Ctx], Result | None]] = {
    "ago_f": _h_ago_f, "relunit_f": _h_relunit_f, "dur_f": _h_dur_f, "mod_f": _h_mod_f, "moddecade_f": _h_moddecade_f, "month_f": _h_month_f,
    "vague_f": _h_vague_f, "set_f": _h_set_f, "weekday_rel_f": _h_weekday_rel_f, "clock_f": _h_clock_f,
    "part_f": _h_part_f, "anaphor_f": _h_anaphor_f, "season_f": _h_season_f, "quarter_f": _h_quarter_f,
    "decade_f": _h_decade_f, "wdpart_f": _h_wdpart_f, "part_alone_f": _h_part_alone_f, "holiday_f": _h_holiday_f,
    "weekend_f": _h_weekend_f, "period_f": _h_period_f, "dayref_f": _h_dayref_f, "ahead_f": _h_ahead_f,
    "range_f": _h_range_f, "century_f": _h_century_f, "dm_num_f": _h_dm_num_f, "day24_f": _h_day24_f,
    "half_f": _h_half_f, "halfyear_n_f": _h_halfyear_n_f, "noon_f": _h_noon_f,
    "clockfrac_f": _h_clockfrac_f,
}
