"""Lexicons and regular expressions for time-expression tagging (internal to ``timexes``).

Why regexes and hand lists rather than dateparser's ``search_dates``: the bake-off in
DEPENDENCIES.md measured ``search_dates`` at ~700 sentences/s with false hits ("We", "may",
"28%"), while a compiled pattern layer runs at several thousand sentences/s and keeps TimeML
span conventions (prepositions outside the span, modifiers inside). Month and weekday names
for de/fr/es/ru/uk come from the CLDR names that dateparser's locale data also uses.
Not a stable API: call ``storyline.stages.timexes.tag_timexes``.
"""

from __future__ import annotations

import functools
import re

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january jan januar jänner janvier enero января январь січня січень",
        "february feb februar février fevrier febrero февраля февраль лютого лютий",
        "march mar märz maerz mars marzo марта март березня березень",
        "april apr avril abril апреля апрель квітня квітень",
        "may mai mayo мая май травня травень",
        "june jun juni juin junio июня июнь червня червень",
        "july jul juli juillet julio июля июль липня липень",
        "august aug août aout agosto августа август серпня серпень",
        "september sep sept septembre septiembre setiembre сентября сентябрь вересня вересень",
        "october oct oktober octobre octubre октября октябрь жовтня жовтень",
        "november nov novembre noviembre ноября ноябрь листопада листопад",
        "december dec dezember décembre decembre diciembre декабря декабрь грудня грудень",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i
# Russian prepositional and instrumental, Ukrainian locative and instrumental case forms ("в феврале",
# "у лютому", "порівняно з квітнем")
for _i, _names in enumerate(
    [
        "январе январём январем січні січнем", "феврале февралём февралем лютому лютим",
        "марте мартом березні березнем", "апреле апрелем квітні квітнем", "мае маем травні травнем",
        "июне июнем червні червнем", "июле июлем липні липнем", "августе августом серпні серпнем",
        "сентябре сентябрём сентябрем вересні вереснем", "октябре октябрём октябрем жовтні жовтнем",
        "ноябре ноябрём ноябрем листопаді листопадом", "декабре декабрём декабрем грудні груднем",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {}  # ISO weekday 1..7
for _i, _names in enumerate(
    [
        "monday montag lundi lunes понедельник понеділок понедельника понеділка",
        "tuesday dienstag mardi martes вторник вівторок вторника вівторка",
        "wednesday mittwoch mercredi miércoles miercoles среду среда середу середа среды середи",
        "thursday donnerstag jeudi jueves четверг четвер четверга",
        "friday freitag vendredi viernes пятницу пятница пʼятницю п'ятницю пʼятниця п'ятниця пятницы п'ятниці пʼятниці",
        "saturday samstag samedi sábado sabado субботу суббота суботу субота субботы суботи",
        "sunday sonntag dimanche domingo воскресенье неділю неділя воскресенья неділі",
    ],
    start=1,
):
    for _n in _names.split():
        WEEKDAYS[_n] = _i

NUMBERS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90, "hundred": 100, "a": 1, "an": 1, "a hundred": 100, "a couple of": 2,
                "a couple": 2, "couple of": 2, "half a": 0, "dozen": 12, "a dozen": 12})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
         "decade": "DE", "century": "CE", "weekend": "WE", "quarter": "Q", "fortnight": "W"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

# relative day words: offset from the reference date, in days
REL_DAYS: dict[str, int] = {
    "today": 0, "yesterday": -1, "tomorrow": 1,
    "heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2,
    "aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "demain": 1, "avant-hier": -2,
    "après-demain": 2, "après demain": 2,
    "hoy": 0, "ayer": -1, "mañana": 1, "anteayer": -2, "pasado mañana": 2,
    "сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2,
    "сьогодні": 0, "вчора": -1, "учора": -1, "позавчора": -2, "післязавтра": 2,
}
# words that are only relative days outside English (case-insensitive match is fine for these)
_FOREIGN_DAY_WORDS = [w for w in REL_DAYS if w not in ("today", "yesterday", "tomorrow")]


def _alt(words: list[str]) -> str:
    """Regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_EN_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MON_EN = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])")
MON_EN_CAPS = MON_EN.replace("(?![A-Za-z])", "") + r"(?![A-Za-z])"
_FOREIGN_MONTHS = [m for m in MONTHS if not m.isascii() or m in {
    "januar", "februar", "maerz", "mai", "juni", "juli", "oktober", "dezember", "janvier", "fevrier",
    "mars", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre"}]
MON_F = r"(?i:" + _alt(_FOREIGN_MONTHS) + r")(?!\w)"
# German months spelt as in English: a date only after the German ordinal dot ("am 3. November")
MON_DE_SHARED = r"(?P<mon_de>April|August|September|November)(?![A-Za-z])"
# a relative year after a date or season: "3. November vergangenen Jahres", "le 3 mai de l'année dernière",
# "el 3 de mayo del año pasado", "3 ноября прошлого года", "навесні наступного року"
REL_YEAR_F = (r"(?:(?:des\s+)?(?:nächsten|kommenden|letzten|vergangenen|vorigen|dieses)\s+Jahres"
              r"|de\s+l['’]année\s+(?:prochaine|dernière|passée)|de\s+cette\s+année"
              r"|del\s+año\s+(?:que\s+viene|pasado|próximo|en\s+curso)|del\s+próximo\s+año|de\s+este\s+año"
              r"|(?:следующего|прошлого|этого|будущего|текущего|наступного|минулого|цього|поточного)\s+(?:года|року))")
WD_EN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WD_ABBR = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
WD_F = r"(?i:" + _alt([w for w in WEEKDAYS if w not in {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}]) + r")(?!\w)"
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|-го|-е|\.?º|°)?(?!\d|:\d)"  # "1er janvier", "3-го мая", "1º de mayo"
YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?![\d:])"
YEAR_F = rf"{YEAR}(?:\s*(?:года|року|г\.|р\.))?"  # Russian and Ukrainian write "year" after it: "2024 года", "2024 року"
# "final yr" is a synonym spinner's "last year" (resources/spinner_substitutions.tsv: last~final,
# year~yr): spun copies are a large share of scraped news, so their time words are read too
REL_Y = r"(?:,?\s+(?P<ry>this|last|next|of\s+this|of\s+last|of\s+next|final(?=\s+yr\b))\s+(?:year|yr\b))"
NUM_WORDS = _alt([w for w in NUMBERS if w not in ("a", "an")])
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# count words open sentences too ("Three years ago, ..."), so any case
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d.])|\d+(?:\.\d+)?|(?i:{TENS}[\s-]{ONES}|{NUM_WORDS}|an?|several|a\s+few|few|many|some|couple\s+of|a\s+couple\s+of))"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
HEDGE = (r"(?P<hedge>more\s+than|less\s+than|fewer\s+than|over(?!\s+the\b)|under|nearly|almost|about|around|"
         r"at\s+least|up\s+to|roughly|approximately|some|just\s+over|just\s+under)")
MODS = {"early": "START", "the beginning of": "START", "the start of": "START", "beginning of": "START",
        "start of": "START", "mid": "MID", "mid-": "MID", "the middle of": "MID", "middle of": "MID",
        "late": "END", "the end of": "END", "end of": "END", "the close of": "END",
        "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
        "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
        "nearly": "APPROX", "almost": "APPROX", "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
        "approximately": "APPROX", "some": "APPROX", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
        "earlier": "START", "later": "END"}
MOD_PRE = (r"(?:(?P<mod>early|mid-?|late|the\s+(?:beginning|start|middle|end|close)\s+of|"
           r"(?:beginning|start|middle|end)\s+of)\s*)")

_F = re.UNICODE
# month/day/year; in other languages' text (``Ctx.day_first``) day/month/year
SLASH = re.compile(r"(?<![\d/])(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])", _F)
CLOCK_DAY = (rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WD_EN}|today|yesterday|tomorrow)(?![A-Za-z])|"
             rf"(?P<cmon>{MON_EN})\.?\s+(?P<cd>[0-3]?\d)(?!\d|:\d)))?")
# Each rule: (name, pattern). The named group ``t`` (when present) is the timex span; text matched
# outside it (a preposition) only gives context. Order breaks ties between equally long matches.
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                       r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d))?(?![\d-])", _F)),
    ("dotted", re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<sp> ?)(?P<m>[01]?\d)\.(?P=sp)(?P<y>(?:19|20)\d\d|\d\d)(?![\d]|\.\d)"
                          r"(?:,?\s*(?P<H>[0-2]?\d):(?P<M>[0-5]\d))?", _F)),
    ("slash", SLASH),
    ("md", re.compile(rf"(?P<t>(?:(?P<wd>{WD_EN}|{WD_ABBR}),?\s+)?(?P<mon>{MON_EN})\.?\s+{DAY}"
                      rf"(?:,?\s+{YEAR}|{REL_Y})?)", _F)),
    ("dm", re.compile(rf"(?P<t>(?:(?P<wd>{WD_EN}),?\s+)?(?:the\s+)?{DAY}(?:\.(?=\s+(?:{MON_EN})\.?,?\s+(?:19|20)\d\d))?"
                      rf"(?:\s+of)?\s+(?P<mon>{MON_EN})\.?"
                      rf"(?:,?\s+{YEAR}|{REL_Y})?)", _F)),
    ("dm_f", re.compile(rf"(?<!\w)(?P<t>(?:(?P<wd>{WD_F}),?\s+(?:(?i:den|dem|le|el)\s+)?)?"
                        rf"(?:(?P<prel>(?i:pasado|próximo))\s+)?"  # "el pasado 3 de noviembre"
                        rf"{DAY}(?:\.?\s+(?:de\s+)?(?P<mon>{MON_F})|\.\s+{MON_DE_SHARED})"
                        rf"(?:,?\s+(?:de\s+|del\s+)?{YEAR_F}"
                        rf"|\s+(?P<srel>dernier|prochain)(?!\w)|\s+(?P<ryf>{REL_YEAR_F}))?)", _F)),
    ("my", re.compile(rf"(?P<t>{MOD_PRE}?(?P<mon>{MON_EN})\.?,?\s+(?:of\s+)?{YEAR})", _F)),
    ("my_f", re.compile(rf"(?<!\w)(?P<t>(?P<mon>{MON_F})\s+(?:de\s+)?{YEAR_F})", _F)),
    ("month", re.compile(rf"(?:\b(?P<prep>in|since|until|till|by|during|from|through|before|after|of|for|"
                         rf"between|and|to|In|Since|Until|By|During|From|Through|Before|After)\s+)?"
                         rf"(?P<t>(?:(?P<rel>last|next|this|coming|past|Last|Next|This)\s+|{MOD_PRE})?"
                         rf"(?P<mon>{_EN_MONTH_FULL}|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
                         rf"(?:{REL_Y})?)(?![A-Za-z])(?!\.?\s*\d)", _F)),
    ("year", re.compile(rf"(?:\b(?P<prep>[Ii]n|[Ss]ince|[Uu]ntil|by|of|[Ff]rom|through|[Dd]uring|[Bb]efore|"
                        rf"[Aa]fter|to|and|between|for|or|"
                        rf"[Ss]eit|[Bb]is|[Ii]m\s+[Jj]ahr|[Dd]epuis|[Jj]usqu['’]en|[Dd]esde|[Hh]asta|[Ee]n|"
                        # the second year of a pair ("zwischen 2019 und 2021", "entre 2019 y 2021")
                        rf"und|y|et)\s+)?"
                        rf"(?P<t>(?:{MOD_PRE}|(?P<fy>fiscal|FY)\s*)?{YEAR}"
                        # Russian and Ukrainian write the year word after it: "в 2016 году", "на 2025 рік"
                        rf"(?:\s+(?P<yw>году|года|год|годах|годы|році|року|рік|роках|роки)(?!\w))?)(?![\d,.]\d)", _F)),
    ("year_words", re.compile(rf"(?<![\w-])(?P<t>(?:the\s+year\s+)?(?:(?P<c>[Nn]ineteen|[Tt]wenty)(?:\s+hundred)?"
                              rf"(?:\s+and)?[\s-]+(?P<yy>{TENS}(?:[\s-]{ONES})?|ten|eleven|twelve|thirteen|"
                              rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]{ONES})|"
                              rf"(?P<k>[Tt]wo\s+thousand)(?:\s+and\s+|[\s-]+)?(?P<ky>{ONES}|ten)?))(?![\w-])"
                              rf"(?!\s+(?:{UNIT}|people|men|women|troops|soldiers|dollars)s?\b)", _F)),
    ("decade_words", re.compile(r"(?P<t>the\s+(?:(?:nineteen|nineteen-)\s*)?(?P<dw>twenties|thirties|forties|fifties|"
                                r"sixties|seventies|eighties|nineties))(?![\w-])", _F)),
    ("century", re.compile(r"(?P<t>(?:the\s+)?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cw>nineteenth|twentieth|"
                           r"twenty-first))\s+century)(?![\w-])", _F)),
    ("decade", re.compile(rf"(?P<t>(?:the\s+)?{MOD_PRE}?(?:(?P<dec>(?:1[89]|20)\d)0|'(?P<dec2>\d)0)'?s)(?![\w'])", _F)),
    ("season", re.compile(rf"(?:\b(?P<prep>in|In|during|by|until|since|over|Over|into|through|throughout)\s+(?:the\s+)?)?"
                          rf"(?P<t>(?:(?P<rel>[Tt]his\s+past|this|last|next|early|late|mid-?|This|Last|Next)\s+)?"
                          rf"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{YEAR})?)\b", _F)),
    ("quarter", re.compile(r"(?P<t>(?:[Tt]he\s+(?!\S+-(?:quarter|half)\b)(?:comparable\s+|same\s+)?)?"
                           r"(?:(?:(?P<pre>year-earlier|year-ago|[Yy]ear-(?:earlier|ago)(?=\s+\w+\s+quarter))|"
                           r"(?P<py>(?:19|20)\d\d)|(?P<ry>[Tt]his|[Ll]ast|[Nn]ext)\s+year['’]s)\s+)?"
                           r"(?:fiscal[\s-]+)?(?P<ord>(?i:first|second|third|fourth)|1st|2nd|3rd|4th|final|last|this|"
                           r"next|current|latest|previous|same|year-earlier|year-ago|Latest|Year-earlier|Year-ago|"
                           r"This|Last|Next|Current)[\s-]+(?:fiscal[\s-]+)?"
                           r"(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<y>(?:19|20)\d\d)|"
                           r"\s+of\s+(?:the\s+)?(?P<qry>this|last|next|the)\s+(?:fiscal\s+)?year|"
                           r",?\s+(?P<y2>(?:19|20)\d\d))?)(?![\w-])", _F)),
    # financial-report periods: "for the quarter", "the latest period", "last year's quarter", "the 1988 period"
    ("period", re.compile(r"(?:\b(?P<prep>in|for|during|of|through|throughout|over|In|For|During)\s+)?"
                          r"(?P<t>(?:[Tt]he\s+(?:comparable\s+|same\s+|corresponding\s+)?)?"
                          r"(?:(?P<pre>year-earlier|year-ago)|(?P<py>(?:19|20)\d\d)|(?P<ry>this|last|next)\s+year['’]s"
                          r"|(?P<lat>latest|current|full|fiscal|latest\s+fiscal|current\s+fiscal))?\s*"
                          r"(?P<unit>quarter|period|year))"
                          r"(?![\w-])", _F)),
    ("year_adj", re.compile(r"(?<![\w-])(?P<t>[Yy]ear-(?:earlier|ago))(?![\w-])", _F)),
    ("weekend", re.compile(r"(?P<t>[Tt]he\s+weekend)(?![\w-])", _F)),
    ("anaphor", re.compile(r"(?<![\w-])(?P<t>(?:[Tt]he\s+(?P<rel>following|previous|preceding|same|prior)|"
                           r"(?P<that>[Tt]hat))\s+(?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night|"
                           rf"(?P<wd>{WD_EN})))(?![\w-])", _F)),
    ("relday", re.compile(r"(?P<t>(?:(?:[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater)\s+)?"
                          # a part of the day before the day word: "mid-afternoon yesterday"
                          r"(?:(?:[Mm]id-?)?(?P<ppart>morning|afternoon|evening)\s+(?=[Yy]esterday|[Tt]oday|[Tt]omorrow))?"
                          # "the day after tomorrow", "the day before yesterday": one day farther
                          r"(?:[Tt]he\s+day\s+(?P<dd>after|before)\s+(?=[Tt]omorrow|[Yy]esterday))?"
                          r"(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|"
                          r"[Tt]his\s+(?:morning|afternoon|evening))(?:\s+(?P<part>morning|afternoon|evening|night))?"
                          r")\b", _F)),
    ("relday_f", re.compile(rf"(?<!\w)(?P<t>(?P<w>(?i:{_alt(_FOREIGN_DAY_WORDS)})))(?!\w)", _F)),
    ("weekday", re.compile(rf"(?P<t>(?:(?:[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater)\s+)?"
                           rf"(?:(?P<rel>last|next|this|coming|past|Last|Next|This)\s+)?(?P<wd>{WD_EN})"
                           rf"(?:\s+(?P<part>morning|afternoon|evening|night))?)(?![A-Za-z])", _F)),
    ("weekday_f", re.compile(rf"(?<!\w)(?P<t>(?P<wd>{WD_F}))", _F)),
    ("relunit", re.compile(r"(?P<t>(?:(?P<mod2>earlier|later|early|late|mid-?|the\s+(?:beginning|start|middle|"
                           r"end|rest)\s+of|(?:beginning|end)\s+of)\s+)?(?P<the>the\s+)?"
                           r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|past|coming|previous|current|[Tt]hat|"
                           r"(?<![Tt]he\s)(?<![Hh]is\s)(?<![Hh]er\s)(?<![Ii]ts\s)(?<![Tt]heir\s)(?<![Oo]ur\s)(?<![Aa]\s)"
                           r"final(?=\s+(?:yr|month|week)\b))\s+"
                           r"(?P<unit>week|weekend|month|year|yr|decade|century|quarter))(?![\w-])", _F)),
    ("ago", re.compile(rf"(?P<t>(?:{HEDGE}\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})s?(?:\s+or\s+so)?\s+"
                       rf"(?P<dir>ago|from\s+now|hence|earlier|later))\b", _F)),
    ("duration", re.compile(rf"(?P<t>(?:{HEDGE}\s+)?(?:(?P<the>[Tt]he\s+(?:past|last|next|first|coming|previous|"
                            rf"final|following)|another|[Tt]he(?!\s+[^\s-]+-{UNIT}))\s+)?(?P<n>{NUM})(?P<frac>\s+1/2|½|\s+and\s+a\s+half)?[\s-]+"
                            # "eight trading days", "ten business days"
                            rf"(?:(?:trading|business|working|calendar|school)\s+)?"
                            rf"(?P<unit>{UNIT})s?(?P<half>\s+and\s+a\s+half)?)(?![\w])", _F)),
    ("half", re.compile(r"(?<![\w-])(?P<t>(?P<hedge>about|nearly|almost|more\s+than|over)?\s*[Hh]alf\s+(?:an?\s+)?"
                        r"(?P<unit>hour|day|year|century|minute))(?![\w-])", _F)),
    ("duration_bare", re.compile(r"(?:\b(?:for|over|in|within)\s+)(?P<t>(?:(?:many|several)\s+)?"
                                 r"(?P<unit>days|weeks|months|years|decades))\b", _F)),
    ("set", re.compile(rf"(?P<t>(?:[Ee]very|[Ee]ach|per)\s+(?P<other>other\s+)?(?P<unit>day|week|month|year|morning|night|"
                       rf"evening|weekend|quarter|hour|{WD_EN}|{_EN_MONTH_FULL}|spring|summer|autumn|fall|winter)"
                       rf"(?:\s+(?P<part>morning|afternoon|evening|night))?)\b", _F)),
    # plural weekdays are recurring: "on Mondays", "Tuesday nights"
    ("set_wd", re.compile(rf"(?P<t>(?P<unit>{WD_EN})(?:s|\s+(?P<part>mornings|afternoons|evenings|nights)))\b", _F)),
    ("holiday", re.compile(r"(?<![\w-])(?P<t>(?:(?P<rel>last|next|this|Last|Next|This)\s+)?(?P<h>Christmas(?:\s+Day|\s+Eve)?|"
                           r"New\s+Year['’]?s(?:\s+Day|\s+Eve)?|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|"
                           r"July\s+Fourth|Halloween|Valentine['’]?s\s+Day|Veterans\s+Day|Thanksgiving(?:\s+Day)?|"
                           r"Memorial\s+Day|Labor\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|"
                           r"Presidents['’]?\s+Day|Columbus\s+Day|Mother['’]?s\s+Day|Father['’]?s\s+Day|Easter(?:\s+Sunday)?|"
                           r"Good\s+Friday)(?:,?\s+(?P<y>(?:19|20)\d\d)(?![\d,.]\d))?)(?![\w-])", _F)),
    ("set_freq", re.compile(r"(?P<t>(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|per|each)\s+"
                            r"(?P<unit>day|week|month|year|hour))\b", _F)),
    ("set_word", re.compile(r"(?<![\w-])(?P<t>(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|"
                            r"biweekly))(?![\w-])", _F)),
    ("clock", re.compile(rf"(?<![\d:.])(?P<t>(?P<H>[01]?\d)(?:[:.](?P<M>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|"
                         rf"AM\b|PM\b)(?:\s+(?P<tz>[A-Z]{{2,3}}T|UTC)\b(?!\s*[+−-]\s*\d))?{CLOCK_DAY})", _F)),
    ("clock24", re.compile(r"(?:\b(?i:at|um|à|a\s+las|в|во|о|об)\s+)(?P<t>(?P<H>[0-2]?\d)[:.h](?P<M>[0-5]\d)"
                           r"(?:\s+(?P<tz>UTC|GMT)\b(?!\s*[+−-]\s*\d))?)(?![\d:])"
                           r"(?!\s*(?:%|percent|million|billion|thousand|trillion|cents?|a\s+share|per\b))", _F)),
    ("noon", re.compile(rf"(?<![\w-])(?P<t>(?P<w>noon|midnight|midday){CLOCK_DAY})(?![\w-])", _F)),
    ("vague", re.compile(r"(?<![\w-])(?P<t>(?P<w>[Nn]ow|[Rr]ight\s+now|[Cc]urrently|[Nn]owadays|[Aa]t\s+present|"
                         r"[Rr]ecently|[Ll]ately|the\s+past|the\s+future|the\s+coming\s+(?:days|weeks|months|years)|"
                         r"recent\s+(?:days|weeks|months|years)|the\s+present|the\s+near\s+(?:future|term)|"
                         r"the\s+short\s+term|[Tt]hese\s+days|(?<=in\s)past\s+years|"
                         r"(?<=in\s)coming\s+(?:days|weeks|months|years)))(?![\w-])", _F)),
    ("year_end", re.compile(r"(?:\b(?P<prep>since|by|at|before|after|until|around|through)\s+)?"
                            r"(?P<t>(?:the\s+)?year(?:-end|\s+end|['’]s\s+end))(?![\w-])", _F)),
    # quarter and half codes: "Q3", "Q3 2024", "H1 2024", "Q4'23"
    ("qcode", re.compile(r"(?<![\w-])(?P<t>(?P<qc>Q[1-4]|H[12])(?:\s+(?P<y>(?:19|20)\d\d)|\s?['’](?P<yy>\d\d))?)"
                         r"(?![\w-])", _F)),
    # "the end of the month", "the start of the year": the reference one's START, MID or END
    ("unit_part", re.compile(r"(?P<t>(?P<mod>[Tt]he\s+(?:beginning|start|middle|end)\s+of)\s+the\s+"
                             r"(?P<unit>week|month|year))(?![\w-])", _F)),
]

VAGUE = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
         "at present": "PRESENT_REF", "the present": "PRESENT_REF", "recently": "PAST_REF",
         "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
         "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "these days": "PRESENT_REF",
         "past years": "PAST_REF"}

# tense cues: the nearest cue to a timex decides whether an unanchored weekday/month is past or future
_FUT = re.compile(r"\b(?:(?:will|would|shall|to)\s+(?:not\s+)?be|will|won['’]t|shall|['’]ll|going\s+to|expected\s+to|plans?\s+to|planned\s+to|"
                  r"scheduled|is\s+to|are\s+to|set\s+to|would|upcoming|due\s+to|intends?\s+to|wird|werden|werde|würde|"
                  r"va|vont|sera|seront|aura|auront|fera|feront|будет|будут|буде|будуть|planea)\b"
                  r"(?:\s+(?:not\s+|also\s+|then\s+)?\w+)?", re.I)
_PAST = re.compile(r"\b(?:said|did|was|were|had|has\s+been|have\s+been|met|told|held|took|made|went|came|gave|"
                   r"saw|began|sent|won|lost|spoke|wrote|signed|fell|rose|paid|left|got|ago|brought|bought|"
                   r"thought|caught|sought|fought|taught|became|broke|chose|drove|felt|found|flew|grew|heard|"
                   r"kept|knew|led|meant|ran|sold|spent|stood|struck|threw|withdrew|forgot|hid|shook|stole|"
                   r"swore|wore|woke|arose|overcame|undertook|"
                   r"[a-z]{2,}ed|sagte|hat|hatte|war|a\s+dit|dijo|заявил|заявив|сказал|сказав|"
                   # German, French, Spanish, Russian and Ukrainian past forms common in news
                   r"wurde|wurden|hatten|waren|sagten|teilte|teilten|erklärte|erklärten|meldete|berichtete|"
                   r"kündigte|forderte|betonte|warnte|dauerte|kostete|endete|bestätigte|bestätigten|kritisierte|"
                   r"kam|kamen|ging|gingen|gab|gaben|fand|"
                   r"fanden|sprach|sprachen|traf|trafen|nahm|nahmen|hielt|hielten|standen|begann|begannen|"
                   r"stieg|stiegen|fiel|fielen|lagen|blieb|blieben|starb|starben|trat|traten|verlor|gewann|"
                   r"erhielt|verließ|brachte|sank|sanken|wuchs|wuchsen|brach|brachen|schlossen|flohen|zogen|"
                   r"riefen|liefen|schrieben|verschwanden|avait|avaient|était|étaient|remonte|remontent|"
                   r"había|habían|fue|fueron|hubo|"
                   r"был|была|было|были|заявила|заявили|сказала|сообщил|сообщила|сообщили|объявил|объявила|"
                   r"прошёл|прошла|прошли|состоялся|состоялась|произошло|произошла|"
                   r"був|була|було|були|повідомив|повідомила|повідомили|оголосив|оголосила|"
                   r"відбувся|відбулася|відбулися|ухвалив|ухвалила|ухвалили|"
                   r"вырос|выросла|выросли|упал|упала|упали|погиб|погибли|получил|получила|получили|принял|"
                   r"приняла|приняли|начал|начала|начались|начался|стал|стала|стали|прогремели|"
                   r"зріс|зросла|зросли|загинув|загинули|отримав|отримала|отримали|розпочав|розпочалася|став|"
                   r"прибув|прибула|пролунали|попередив|попередили|оголосили|провели|знайшли|"
                   r"нашли|провёл|объявили|подписал|підписав)\b", re.I)
_NOT_PAST = {"expected", "scheduled", "planned", "proposed", "need", "indeed", "speed", "united", "based",
             "related", "limited", "interested", "concerned", "red", "bed", "feed", "seed", "weed", "hundred"}


# French simple future ("votera", "se tiendra", "pourra", "iront"), read only in a sentence with a
# French-only function word and no Spanish- or English-only one: Spanish "-era" words ("era",
# "quisiera", "primera") and English ones ("camera", "era") would read as future otherwise
_FR_FUT = re.compile(r"\b(?!pourrai)[a-zàâçéèêëîïôûù]{3,}(?:era|eront|ira|iront|dra|dront|rra|rront|vra|vront|"
                     r"erait|eraient|irait|iraient|drait|draient|rrait|rraient|vrait|vraient)\b")  # and the conditional
# (not "pourrait": "could" is no tense, "la grève, entamée jeudi, pourrait durer")
_FRENCH_ONLY = re.compile(r"\b(?i:ce|cette|ces|des|du|une|est|sont|dans|avec|sur|qui|aux|au|et|il|elle|ils|elles|ne|"
                          r"pas|nous|vous|leur|leurs)\b")
_NOT_FRENCH = re.compile(r"\b(?i:el|los|las|del|y|con|por|para|es|fue|una|está|ha|han|the|and|of|to|is|was|were|has|"
                         r"have|in|on|at)\b")
# tense by inflection, run only on sentences that may hold it (the suffix scans cost the English
# tagger time): Spanish future "-rá(n)" and preterite "-ó/-aron/-ieron", French passé composé
# "a/ont + -é", Ukrainian future "-тиме(ть)". Not German participles: "soll genutzt werden", "ist
# geplant" are no past (development pages of the dating benchmark)
_FUT_INFLECTED = re.compile(r"\b(?:\w+rán?|\w+тиме|\w+тимуть)\b", re.I)
# (lower-case words only: "Sharon" is no preterite; not "stand" or "lag" either, English words)
_PAST_INFLECTED = re.compile(r"\b(?:[a-záéíóúñü]{3,}ó|[a-záéíóúñü]{2,}(?:aron|ieron|aba|aban)|(?:a|ont)\s+(?:été|\w+é(?:e|s|es)?)|"
                             # passé composé of common irregular verbs: "il a plu", "ont pris", "a dit"
                             r"(?:a|ont)\s+(?:(?:déjà|aussi|également|encore|bien|même)\s+)?(?:eu|fait|dit|pris|mis|vu|"
                             r"su|dû|pu|voulu|plu|lu|reçu|vécu|perdu|rendu|attendu|entendu|répondu|vendu|ouvert|"
                             r"offert|découvert|écrit|produit|conduit|construit|détruit|atteint|rejoint|obtenu|tenu|"
                             r"soutenu|maintenu|retenu|fini|choisi|réussi|subi|saisi|permis|promis|admis|compris|"
                             r"repris|appris|surpris|entrepris|remis|soumis|transmis|revu|prévu|refait|redit)|"
                             # reflexive passé composé: "s'est exprimé", "se sont réunis"
                             r"(?:s['’]est|se\s+sont|s['’]était|s['’]étaient)|"
                             r"(?:est|sont)\s+(?:arrivée?s?|partie?s?|morte?s?|née?s?|venue?s?|tombée?s?|entrée?s?|"
                             r"sortie?s?|restée?s?|devenue?s?|décédée?s?|rentrée?s?|revenue?s?|allée?s?)|"
                             r"(?:ha|han|había|habían)\s+[a-záéíóúñ]+(?:ado|ido|to|cho))\b")
_INFLECTED_HINT = re.compile(r"[^\x00-\x7f]|aron\b|ieron\b|aban?\b|\b(?:est|sont|ha|han|ont)\s|"
                             r"\ba\s+(?:eu|fait|pris|mis|vu|su|pu|plu|lu|perdu|rendu|ouvert|atteint|obtenu|tenu|fini|"
                             r"choisi|subi|repris|appris|remis|soumis)\b")


def _dist(cue: int, pos: int) -> float:
    """Distance of a cue from a timex; cues after it count 1.5x (the governing verb usually precedes)."""
    return pos - cue if cue <= pos else (cue - pos) * 1.5


def tense_at(sentence: str, pos: int, max_dist: int = 10**6) -> str:
    """"past", "future" or "" for the timex at ``pos``: the nearest cue within ``max_dist`` chars wins."""
    best = ""
    dist: float = max_dist + 1
    for start, kind in _cues(sentence):
        d = _dist(start, pos)
        if d < dist:
            best, dist = kind, d
    return best


def clear_caches() -> None:
    """Forget the sentences' cached tense cues (benchmarks time cold runs)."""
    _cues.cache_clear()


@functools.lru_cache(maxsize=1024)
def _cues(sentence: str) -> tuple[tuple[int, str], ...]:
    """The sentence's tense cues, (start, "future" or "past"), futures first (a tie goes to them);
    scanned once per sentence, as every time expression in it asks twice (near and far cues)."""
    out: list[tuple[int, str]] = []
    fut_spans = []
    inflected = _INFLECTED_HINT.search(sentence) is not None
    futures = (_FUT, _FUT_INFLECTED) if inflected else (_FUT,)
    if _FRENCH_ONLY.search(sentence) and not _NOT_FRENCH.search(sentence):
        futures += (_FR_FUT,)
    for rx in futures:
        for m in rx.finditer(sentence):
            fut_spans.append((m.start(), m.end()))
            out.append((m.start(), "future"))
    for rx in (_PAST, _PAST_INFLECTED) if inflected else (_PAST,):
        for m in rx.finditer(sentence):
            if m.group(0).lower() in _NOT_PAST or any(s <= m.start() < e for s, e in fut_spans):
                continue
            out.append((m.start(), "past"))
    return tuple(out)


YEAR_OK_AFTER = re.compile(r"\s*(?:$|[,.;:!?)\]\"'’”–—-]|and\b|or\b|to\b|when\b|as\b|after\b|before\b|through\b|"
                           r"in\b|on\b|at\b|but\b|that\b|was\b|were\b|is\b|the\b|with\b|by\b|for\b|from\b|had\b|"
                           r"has\b|have\b|will\b|because\b|while\b|until\b|[A-Z]|"
                           # German, French, Spanish function words after a year ("1994 nach Berlin")
                           r"(?:und|oder|bis|nach|im|am|auf|bei|mit|wurde|wurden|war|waren|hat|hatte|ist|sind|als|"
                           r"et|ou|au|en|dans|était|est|el|los|las|fue|es|hasta|con|y|"
                           # a German participle closing the clause ("wurde 1998 gegründet", "2014 annektiert")
                           r"(?:ge|be|er|ver|ent|zer)[a-zäöüß]{3,}(?:t|en)|[a-zäöüß]{3,}iert|"
                           # Russian and Ukrainian "year" after the number ("в 2022 году", "у 2023 році")
                           r"году|года|год|році|року|рік)\b|г\.|р\.)")

# cheap substring guards (on the lower-cased sentence) that let a rule be skipped; None: always run
_MONTH_SUBS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNIT_SUBS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur",
              "fortnight")
GUARDS: dict[str, tuple[str, ...] | None] = {
    "iso": ("-",), "year_words": ("nineteen", "twenty", "thousand"), "decade_words": ("ties",),
    "century": ("century",), "dotted": (".",), "slash": ("/",), "md": _MONTH_SUBS, "dm": _MONTH_SUBS, "dm_f": None,
    "my": _MONTH_SUBS, "my_f": None, "month": _MONTH_SUBS, "year": ("19", "20"), "decade": ("0s", "0's"),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "quarter": ("quarter", "half"),
    "period": ("quarter", "period", "year"), "year_adj": ("year-",), "weekend": ("weekend",),
    "anaphor": ("following", "previous", "preceding", "same", "prior", "that"),
    "relday": ("today", "yesterday", "tomorrow", "tonight", "night", "this "), "relday_f": None,
    "weekday": ("day",), "weekday_f": None,
    "relunit": ("week", "month", "year", "yr", "decade", "centur", "quarter"), "ago": ("ago", "now", "hence", "earlier", "later"),
    "duration": _UNIT_SUBS, "half": ("half",), "duration_bare": ("days", "weeks", "months", "years", "decades"),
    "set": ("every", "each", "per "),
    "holiday": ("christmas", "year", "independence", "fourth", "halloween", "valentine", "veterans",
                "thanksgiving", "memorial", "labor", "king", "presidents", "columbus", "mother", "father",
                "easter", "good friday"), "set_wd": ("days", "day "), "set_freq": ("once", "twice", "times"), "set_word": ("ly",),
    "clock": ("am", "pm", "a.m", "p.m"), "clock24": (":", "."), "noon": ("noon", "midnight", "midday"),
    "vague": ("now", "current", "recent", "late", "past", "future", "coming", "present", "term", "these days"),
    "year_end": ("year-end", "year end", "year's end", "year’s end"),
    "unit_part": ("beginning of the", "start of the", "middle of the", "end of the"),
    "qcode": ("q1", "q2", "q3", "q4", "h1", "h2"),
}
