"""Numbers with their unit and hedge ("about 10,000 soldiers", "$425 million", "thousands of workers").

Why a token scan over the spaCy parse rather than quantulum3: on the seed articles quantulum3
reads "UAH" and "troops" as physical units, misses vague plurals ("thousands of workers"), and
crashes on ambiguous units when scikit-learn is present (DEPENDENCIES.md). News quantities are
nearly always *count + noun*, so the unit is the noun the number counts (the next noun of its
phrase, or the object of "of" after a vague plural); currencies and percent are recognised by
symbol or word. Number words go through ``text2num`` one phrase at a time (never ``alpha2digit``
on whole text). Years, dates, clock times and ordinals are not quantities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from text_to_num import text2num

from storyline.model import CleanArticle, Quantity, Sentence

# Hedges before a number, longest first; all make the quantity approximate (a bound is not exact).
HEDGES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(h.split())
            for h in (
                "about",
                "around",
                "approximately",
                "roughly",
                "nearly",
                "almost",
                "some",
                "up to",
                "more than",
                "over",
                "less than",
                "fewer than",
                "at least",
                "at most",
                "an estimated",
                "estimated",
                "as many as",
                "as much as",
                "close to",
                "just over",
                "just under",
                "under",
                "below",
                "above",
                "upwards of",
                "in excess of",
                "circa",
                "an approximate",
                "approx.",
                "approx",
                "almost all",
                "no fewer than",
                "no less than",
                "no more than",
                "well over",
                "nearly all",
                "around an estimated",
            )
        ),
        key=len,
        reverse=True,
    )
)

# Vague plurals ("thousands of X"): their lower bound, approximate.
VAGUE = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mln": 1e6,
    "млн": 1e6,
    "млрд": 1e9,
    "тис": 1e3,
    "mn": 1e6,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "k": 1e3,
    "tn": 1e12,
    "thousands": 1e3,
}
# Currency symbols and words -> ISO 4217 code (ISO 4217 is public; the list is the common ones).
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "₴": "UAH",
    "uah": "UAH",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnia's": "UAH",
    "₽": "RUB",
    "rub": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "₩": "KRW",
    "krw": "KRW",
    "won": "KRW",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "yuan": "CNY",
    "cny": "CNY",
    "chf": "CHF",
    "pln": "PLN",
    "zloty": "PLN",
    "czk": "CZK",
}
# "Canadian dollars" is not USD: the adjective before a dollar word names the currency.
DOLLAR_COUNTRIES = {
    "canadian": "CAD",
    "australian": "AUD",
    "hong": "HKD",
    "kong": "HKD",
    "new": "NZD",
    "zealand": "NZD",
    "singapore": "SGD",
    "taiwan": "TWD",
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
}
PERCENT = {"%", "percent", "per cent", "pct"}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
NUMERIC_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
GLUED_RE = re.compile(r"^([$€£₴₽₩¥]|US\$)?(\d[\d,]*(\.\d+)?)(k|m|bn|mln|%)?$", re.I)
WORD_NUMBERS = {
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "a",
}


def find_quantities(
    article: CleanArticle, doc: Doc, sentences: tuple[Sentence, ...] = ()
) -> tuple[Quantity, ...]:
    """Find the quantities of an article body.

    Args:
        article: the cleaned article; ``doc`` is the spaCy parse of ``article.body``.
        doc: spaCy Doc of ``article.body`` (body offsets).
        sentences: the article's sentences (unused today; kept for the stage signature).

    Returns:
        Quantities in source offsets, in text order; empty for an empty body.
    """
    del sentences
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        found = _quantity_at(doc, i)
        if found is None:
            i += 1
            continue
        start_i, end_i, value, unit, hedge = found
        span = doc[start_i:end_i]
        b_start, b_end = span.start_char, span.end_char
        s_start, s_end = article.to_source(b_start, b_end)
        if article.text[s_start:s_end] == span.text:
            out.append(
                Quantity(
                    start=s_start,
                    end=s_end,
                    text=span.text,
                    value=value,
                    unit=unit,
                    approximate=hedge is not None,
                    hedge=hedge,
                )
            )
        i = max(end_i, i + 1)
    return tuple(out)


def _quantity_at(doc: Doc, i: int) -> tuple[int, int, float, str | None, str | None] | None:
    """(start, end, value, unit, hedge) of a quantity whose number starts at token i, or None."""
    tok = doc[i]
    low = tok.lower_
    hedge: str | None = None
    start_i = i
    if low in VAGUE or (low == "tens" and i + 2 < len(doc) and doc[i + 2].lower_ in VAGUE):
        return _vague_at(doc, i)
    num = _number_at(doc, i)
    if num is None:
        return None
    j, value, unit = num
    if unit is None and i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i].is_alpha:
        return None  # a model or product number: "iPhone 16", "KN 23"
    if _is_date_or_ordinal(doc, i, j, value, unit):
        return None
    h = _hedge_before(doc, i)
    if h is not None:
        start_i, hedge = h
    end_i = j
    if unit is None:
        u = _unit_after(doc, i, j)
        if u is not None:
            unit, end_i = u
    if unit is None and doc[i].is_alpha and doc[i].dep_ != "nummod":
        return None  # a bare number word ("one of them") is not a quantity
    return start_i, end_i, value, unit, hedge


def _vague_at(doc: Doc, i: int) -> tuple[int, int, float, str | None, str | None] | None:
    """A vague plural quantity ("thousands of workers", "tens of thousands of people") at token i."""
    value = 1.0
    j = i
    if doc[i].lower_ == "tens":
        value, j = 10.0, i + 2
    value *= VAGUE[doc[j].lower_]
    hedge = doc[i : j + 1].text.lower()
    end = j + 1
    unit: str | None = None
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        k = end + 1
        while k < len(doc) and k < end + 5 and doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM"):
            if doc[k].pos_ == "NOUN" and (k + 1 >= len(doc) or doc[k + 1].pos_ != "NOUN"):
                unit, end = doc[k].lower_, k + 1
                break
            k += 1
    if unit is None:
        return None
    return i, end, value, unit, hedge


def _number_at(doc: Doc, i: int) -> tuple[int, float, str | None] | None:
    """(end token, value, currency/percent unit) of a number starting at token i, or None."""
    tok = doc[i]
    unit: str | None = None
    j = i
    low = tok.lower_
    if low in CURRENCY and not low.isalpha() and i + 1 < len(doc):
        unit, j = CURRENCY[low], i + 1
        tok = doc[j]
    m = GLUED_RE.match(doc[j].text)
    value: float | None = None
    if m and any(c.isdigit() for c in doc[j].text):
        if m.group(1):
            unit = CURRENCY.get(m.group(1).lower(), unit)
        value = _parse_digits(m.group(2))
        if value is None:
            return None
        suffix = (m.group(4) or "").lower()
        if suffix == "%":
            unit = "percent"
        elif suffix:
            value *= SCALES[suffix]
        j += 1
    elif (
        doc[j].is_alpha
        and doc[j].lower_ in WORD_NUMBERS
        and doc[j].lower_ not in ("a", "hundred", "thousand")
    ):
        k = j
        while k < len(doc) and doc[k].is_alpha and doc[k].lower_ in WORD_NUMBERS | {"and"}:
            k += 1
        while k > j and doc[k - 1].lower_ in ("and", "a"):
            k -= 1
        words = doc[j:k].text.lower().replace("-", " ")
        value = _words_value(words)
        if value is None:
            return None
        return k, value, unit
    else:
        return None
    # scale words and units right after the digits: "425 million", "5 bn", "3.5 %", "100 USD"
    while j < len(doc) and doc[j].lower_ in SCALES and doc[j].lower_ not in ("thousands", "b"):
        value *= SCALES[doc[j].lower_]
        j += 1
    if j < len(doc):
        nxt = doc[j].lower_
        if nxt in PERCENT:
            unit, j = "percent", j + 1
        elif nxt == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
            unit, j = "percent", j + 2
        elif nxt in CURRENCY and unit is None and doc[j].pos_ != "VERB":
            unit, j = CURRENCY[nxt], j + 1
        elif (
            j + 1 < len(doc)
            and doc[j].lower_ in DOLLAR_COUNTRIES
            and doc[j + 1].lower_ in ("dollar", "dollars")
        ):
            unit, j = DOLLAR_COUNTRIES[doc[j].lower_], j + 2
        elif (
            j + 2 < len(doc)
            and doc[j + 1].lower_ in DOLLAR_COUNTRIES
            and doc[j + 2].lower_ in ("dollar", "dollars")
        ):
            unit, j = DOLLAR_COUNTRIES[doc[j + 1].lower_], j + 3  # "Hong Kong dollars", "New Zealand dollars"
    return j, value, unit


def _parse_digits(s: str) -> float | None:
    """Float value of "11,000" / "3.5" / "425"; None when not a number."""
    if not NUMERIC_RE.match(s):
        return None
    return float(s.replace(",", ""))


def _words_value(words: str) -> float | None:
    """Value of number words ("three", "twenty five", "a dozen"); None when text2num refuses."""
    words = words.strip()
    if words == "dozen":
        return 12.0
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def _hedge_before(doc: Doc, i: int) -> tuple[int, str] | None:
    """(start token, hedge text) of a hedge ending right before token i, or None."""
    for h in HEDGES:
        k = i - len(h)
        if k < 0:
            continue
        if tuple(t.lower_ for t in doc[k:i]) == h:
            return k, doc[k:i].text.lower()
    return None


def _unit_after(doc: Doc, i: int, j: int) -> tuple[str, int] | None:
    """(unit noun, end token) of the noun the number at i..j counts, or None."""
    k = j
    limit = min(len(doc), j + 5)
    while k < limit:
        t = doc[k]
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON", "DET", "PART", "NUM"):
            if t.lower_ == "more" or t.lower_ == "additional":
                k += 1
                continue
            break
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("NORP", "GPE", "DATE", "ORG", "PERSON"):
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "conj" and t.dep_ == "compound":
                k += 1
                continue
            if t.lower_ in MONTHS:
                return None
            return t.lower_, k + 1
        k += 1
    head = doc[i].head
    if head.pos_ == "NOUN" and j <= head.i < j + 6 and head.lower_ not in MONTHS:
        return head.lower_, head.i + 1
    return None


def _is_date_or_ordinal(doc: Doc, i: int, j: int, value: float, unit: str | None) -> bool:
    """True when tokens i..j are a year, a day of a month, a clock time or an ordinal."""
    tok = doc[i]
    text = doc[i:j].text
    if tok.ent_type_ == "ORDINAL" or ORDINAL_RE.match(text):
        return True
    if ":" in text or text.count(".") > 1:
        return True
    if unit is not None:
        return False
    prev = doc[i - 1].lower_ if i > 0 else ""
    nxt = doc[j].lower_ if j < len(doc) else ""
    if prev.rstrip(".") in MONTHS or nxt.rstrip(".") in MONTHS:
        return True
    if value.is_integer() and 1800 <= value <= 2100 and re.fullmatch(r"\d{4}", text):
        nxt_tok = doc[j] if j < len(doc) else None
        return not (nxt_tok is not None and nxt_tok.pos_ == "NOUN" and nxt_tok.tag_ == "NNS")
    return False
