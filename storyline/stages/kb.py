"""The entity knowledge base: countries, people, organisations and places from resources/.

Plain CSV tables (sources and licences in ``resources/SOURCES.md``) loaded once into
dictionaries: a gazetteer needs exact lookups of a few thousand aliases, which a dict does in
constant time with no extra dependency (pyahocorasick would only pay off for automata over
millions of names). Two alias indexes follow one case rule: acronyms and short codes ("US",
"KCNA", "U.S.") match case-sensitively, longer names match case-folded.

Also here: ``fold_name``, the transliteration-aware folding shared by mention finding and
cross-document resolution (Cyrillic romanisation, diacritics, y/i, j/y/i, kh/h, ts/c, x/ks,
doubled letters), so "Andriy Belousov", "Andrei Belousov" and "Андрей Белоусов" compare equal.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# Type precedence when two entries share an alias: a country name beats an outlet or a person.
_RANK = {"Country": 0, "Organization": 1, "Person": 2, "Place": 3}

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "g",
            "u",
        ],
        strict=True,
    )
)
# Order matters: digraphs before single letters.
_FOLDS = (
    ("shch", "sh"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("x", "ks"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("ou", "u"),
    ("ei", "i"),
    ("ii", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One known entity: canonical name, type, aliases and (for seats/people) its country."""

    key: str  # Wikidata QID when known, else "kb:<type>:<name>"
    name: str
    type: str  # Country, Person, Organization, Place
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    country: str | None = None  # cca3 of the country it belongs to
    office: str | None = None
    start: str | None = None
    end: str | None = None
    kind: str | None = None  # organisations: news, ministry, international...


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer hit: which entry, and how the alias relates to it."""

    key: str
    how: str  # "alias", "demonym", "capital", "seat"


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """All entries and the alias indexes the gazetteer and the resolver use."""

    entries: Mapping[str, KBEntry]
    exact: Mapping[str, Hit]  # case-sensitive aliases (acronyms, codes)
    folded: Mapping[str, Hit]  # case-folded aliases
    country_by_cca3: Mapping[str, str]
    currencies: frozenset[str]
    person_index: Mapping[str, tuple[str, ...]]  # fold_name(last token) -> person keys
    max_tokens: int


@functools.lru_cache(maxsize=262144)
def fold_name(text: str) -> str:
    """Transliteration-folded lower-case form of a name ("Андрій" -> "andri"); "" for no letters."""
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(_CYR.get(ch, ch) for ch in s if not unicodedata.combining(ch))
    s = _NON_WORD.sub(" ", s.replace("’", "").replace("'", ""))
    for _ in range(4):  # to a fixpoint: a fold can create a new digraph ("kkh" -> "kh")
        before = s
        for a, b in _FOLDS:
            s = s.replace(a, b)
        s = _DOUBLE.sub(r"\1", s)
        if s == before:
            break
    return " ".join(s.split())


@functools.lru_cache(maxsize=262144)
def stem_token(token: str) -> str:
    """A folded name token without a trailing vowel ending (case endings, truncation); "" if empty."""
    t = fold_name(token).replace(" ", "")
    if len(t) >= 5:
        t = t.rstrip("aeiou")
    return t


def norm_alias(text: str) -> str:
    """Alias lookup key: curly quotes straightened, white space collapsed, a leading "the" dropped."""
    s = " ".join(text.replace("’", "'").replace("‘", "'").split())
    if s[:4].lower() == "the ":
        s = s[4:]
    return s


def is_case_sensitive(alias: str) -> bool:
    """True for acronyms and codes ("US", "U.S.", "KCNA"), matched only in that exact case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and (len(alias) <= 3 or not any(c.islower() for c in letters))


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of one resource CSV (empty when the file is missing)."""
    path = RESOURCES / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(cell: str | None) -> tuple[str, ...]:
    """The "|"-separated values of a CSV cell."""
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def _key(qid: str, typ: str, name: str) -> str:
    """Entry key: the QID, or a readable local key."""
    return qid or f"kb:{typ.lower()}:{name}"


@functools.cache
def load_kb() -> KnowledgeBase:
    """The knowledge base from the packaged CSV files (loaded once per process)."""
    entries: dict[str, KBEntry] = {}
    exact: dict[str, Hit] = {}
    folded: dict[str, Hit] = {}
    by_cca3: dict[str, str] = {}
    currencies: set[str] = set()

    def add(alias: str, hit: Hit) -> None:
        a = norm_alias(alias)
        if not a:
            return
        index, k = (exact, a) if is_case_sensitive(a) else (folded, a.casefold())
        old = index.get(k)
        if old is None or _RANK[entries[hit.key].type] < _RANK[entries[old.key].type]:
            index[k] = hit

    for r in _rows("countries.csv"):
        e = KBEntry(
            _key(r["qid"], "Country", r["name"]),
            r["name"],
            "Country",
            _split(r["aliases"]),
            r["qid"] or None,
            r["cca3"],
        )
        entries[e.key] = e
        by_cca3[r["cca3"]] = e.key
        currencies.update(_split(r["currencies"]))
    for r in _rows("people.csv"):
        e = KBEntry(
            _key(r["qid"], "Person", r["name"]),
            r["name"],
            "Person",
            _split(r["aliases"]),
            r["qid"] or None,
            r["country"] or None,
            r["office"] or None,
            r["start"] or None,
            r["end"] or None,
        )
        entries.setdefault(e.key, e)
    for r in _rows("organisations.csv"):
        e = KBEntry(
            _key(r["qid"], "Organization", r["name"]),
            r["name"],
            "Organization",
            _split(r["aliases"]),
            r["qid"] or None,
            r["country"] or None,
            kind=r["kind"] or None,
        )
        entries[e.key] = e
    for r in _rows("places.csv"):
        e = KBEntry(
            _key(r.get("qid", ""), "Place", r["name"]),
            r["name"],
            "Place",
            _split(r["aliases"]),
            None,
            r["country"] or None,
        )
        entries[e.key] = e
    for e in entries.values():
        for alias in (e.name, *e.aliases):
            add(alias, Hit(e.key, "alias"))
    # Demonyms, capitals and seats point at the country; added after names so a name wins.
    for r in _rows("countries.csv"):
        key = by_cca3[r["cca3"]]
        for d in _split(r["demonyms"]):
            for form in (d, d + "s"):
                old = folded.get(form.casefold())
                if old is None or (old.how == "demonym" and not entries[old.key].qid and entries[key].qid):
                    folded[form.casefold()] = Hit(key, "demonym")
        for cap in _split(r["capitals"]):
            for form in {cap, re.sub(r",?\s+D\.C\.$", "", cap)}:
                if form.casefold() not in folded:
                    folded[form.casefold()] = Hit(key, "capital")
    for r in _rows("country_seats.csv"):
        seat_of = by_cca3.get(r["cca3"])
        if seat_of:
            folded[norm_alias(r["seat"]).casefold()] = Hit(seat_of, "seat")
    person_index: dict[str, list[str]] = {}
    for e in entries.values():
        if e.type == "Person":
            for alias in (e.name, *e.aliases):
                toks = fold_name(alias).split()
                if toks:
                    for t in {stem_token(toks[-1]), stem_token(toks[0])}:
                        person_index.setdefault(t, []).append(e.key)
    longest = max((len(k.split()) for k in (*exact, *folded)), default=1)
    return KnowledgeBase(
        entries,
        exact,
        folded,
        by_cca3,
        frozenset(currencies),
        {k: tuple(dict.fromkeys(v)) for k, v in person_index.items()},
        min(longest + 2, 12),
    )


def lookup(kb: KnowledgeBase, text: str) -> Hit | None:
    """The hit for a surface form under the case rules, or None."""
    a = norm_alias(text)
    if not a:
        return None
    hit = kb.exact.get(a)
    if hit is None and not is_case_sensitive(a):
        hit = kb.folded.get(a.casefold())
    return hit
