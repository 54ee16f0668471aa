"""Named mentions of one article: spaCy NER merged with the knowledge-base gazetteer and rules.

The small English model is fast and installs offline, but it mistypes exactly the names a
geopolitical story turns on (DPRK as ORG, Kursk as PRODUCT, Luhansk as PERSON) and misses
names after long titles ("Deputy Minister of Defense of Russia Alexei X"). So NER is one
source among four, merged by priority over token spans:

1. gazetteer hits over the KB aliases (``stages/kb.py``; acronyms case-sensitive), typed by
   the KB: countries, demonyms ("North Korean" -> North Korea), capitals and seats of
   government (a metonymic actor, "Pyongyang said" / "the Kremlin", becomes the country with
   ``metonymy=True``; a location, "in Pyongyang", stays a Place), people, organisations;
2. persons recovered after a role word (Minister, spokesman, counterpart...): the 2-4
   capitalised tokens that follow the title chain, with the title kept in ``role``;
3. spaCy entities (PERSON, ORG, GPE, LOC, NORP, FAC), retyped by the KB and filtered for
   noise (currency codes, numbers, lone lowercase words);
4. within-article partial names: a surname or family name alone ("Umerov", "Kim") after the
   full name takes the full name as ``name`` (``source="partial"``), whatever NER said.

Title-case sentences (headlines) are tagged again after truecasing their words to the forms the
article uses mid-sentence, since NER reads capitals as names ("Academy Picked" is no
organisation). A place followed by name words nothing else claims is an organisation named
after it ("Philadelphia 76ers"), as NER organisations led by a place are ("Singapore Airlines").

Spans exclude leading "the" and trailing possessives; offsets are mapped to the source text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.model import CleanArticle, Mention, Sentence
from storyline.stages import timex_rules as R
from storyline.stages.kb import Hit, KnowledgeBase, fold_name, is_case_sensitive, load_kb, lookup, stem_token

# Words that head a title before a person's name; lower-cased.
TITLE_HEADS = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson counterpart leader chief
    chancellor premier ambassador envoy deputy adviser advisor commander general director head
    chairman chairwoman governor mayor senator king queen prince comrade mr mrs ms dr gen colonel
    lieutenant dictator aide representative speaker emir sheikh ayatollah pope marshal admiral
    prosecutor judge candidate chair""".split()
)
# Honorifics the NER model sometimes takes into a person's name ("Dr Gupta").
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame rev fr".split())
# Words that may sit inside a title chain ("Deputy Minister of Foreign Affairs").
OFFICE_WORDS = TITLE_HEADS | frozenset(
    """of for the and vice deputy first acting foreign defense defence interior affairs state
    security national prime supreme former senior top general staff armed forces army navy
    justice finance economy trade energy health education culture intelligence council
    ministry department office federal executive press homeland economic development
    agriculture transport military political external international relations union
    commission european parliament party central committee joint chiefs""".split()
)
# The words of a state institution named after its country ("Indian Navy", "US Air Force").
INSTITUTION_WORDS = frozenset(
    """navy army air force forces armed military marines marine corps coast guard guards police government
    parliament ministry foreign defence defense interior embassy national special intelligence border
    federal""".split()
)
# Nouns after which an actor-capital stays an actor ("Pyongyang state media", "Moscow's regime").
INSTITUTIONAL = frozenset(
    "media government regime authorities officials leadership state administration".split()
)
PLACE_VERBS = frozenset(
    "visit reach leave enter attack strike bomb hit capture shell tour target fly travel".split()
)
PLACE_HEADS = frozenset("region oblast area sector province district city front direction krai".split())
ORG_GENERIC = frozenset("news information agency tv television radio network channel service press".split())
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "NORP": "Other",
    "FAC": "Place",
}
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*$")
_DAMAGE = re.compile(r"^-[a-z]{1,3}$")
_POSSESSIVE = {"'s", "’s", "'", "’"}
_QUOTES = set("`'\"“”‘’«»„")


@dataclass(frozen=True, slots=True)
class _Cand:
    """A candidate mention over doc tokens [i, j)."""

    i: int
    j: int
    type: str
    name: str
    source: str
    prio: int  # lower wins on overlap
    kb_id: str | None = None
    role: str | None = None
    metonymy: bool = False


def _is_name_token(tok: Any) -> bool:
    """True for a capitalised word that can be part of a person's name."""
    return bool(_NAME_TOKEN.match(tok.text)) and tok.text.lower() not in CALENDAR


def _span_text(doc: Any, i: int, j: int, body: str | None = None) -> str:
    """Text of doc tokens [i, j) (sliced from ``body``, the doc's text, when given: faster)."""
    if j <= i:
        return ""
    if body is None:
        return str(doc[i:j].text)
    last = doc[j - 1]
    return body[doc[i].idx : last.idx + len(last.text)]


_WEEKDAY_ABBR = frozenset(w[:3] for w in R.WEEKDAYS if w.isascii() and w.endswith("day"))


def _calendar_word(tok: Any) -> bool:
    """A month or weekday name or abbreviation ("Nov.", "Sat", "Thurs"), as the time tagger knows them."""
    w = tok.lower_.rstrip(".")
    return w in R.MONTHS or w in R.WEEKDAYS or (len(w) <= 5 and w[:3] in _WEEKDAY_ABBR)


def _trim(doc: Any, i: int, j: int) -> tuple[int, int]:
    """Token span without a leading determiner, page debris before a name (ids and tokens such as
    "id=2066717" or "UlFH6xaKwlI" in scraped text), a trailing timestamp ("Gulf of Aden Sat Nov 12
    2011") or a trailing possessive/punctuation."""
    while i < j and (doc[i].lower_ in {"the", "a", "an"} or set(doc[i].text) <= _QUOTES
                     or (doc[i].is_punct and doc[i].text not in "([")):
        i += 1  # a determiner or an opening quote ("`` AirTran Airways")
    while j - i > 1 and _debris(doc[i].text):
        i += 1
    for k in range(i + 1, min(j, len(doc) - 1)):  # a weekday/month followed by a number or another one: a date
        if _calendar_word(doc[k]) and (doc[k + 1].like_num or _calendar_word(doc[k + 1])):
            j = k
            break
    while j > i and (
        doc[j - 1].text in _POSSESSIVE or (doc[j - 1].is_punct and doc[j - 1].text not in {".", ")"})
    ):
        j -= 1
    return i, j


def _debris(text: str) -> bool:
    """A token no name starts with: markup or URL pieces, or letters and digits mixed in an id."""
    if any(c in text for c in "=/\\#@"):
        return True
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    return letters >= 2 and digits >= 1 and len(text) >= 6


def _actor(doc: Any, i: int, j: int) -> bool:
    """True when tokens [i, j) act as a sentence subject, possessor or institution modifier."""
    tok = doc[j - 1]
    if j < len(doc) and doc[j].text in _POSSESSIVE:
        return True
    if tok.dep_ in {"nsubj", "nsubjpass", "poss", "agent", "dative"}:
        return True
    if tok.dep_ == "dobj":
        return tok.head.lemma_ not in PLACE_VERBS
    if tok.dep_ == "compound":
        head = tok.head
        return head.lower_ in INSTITUTIONAL or head.dep_ in {"nsubj", "nsubjpass"}
    return False


def _gazetteer(doc: Any, kb: KnowledgeBase) -> list[_Cand]:
    """Longest-first KB alias hits over capitalised token starts."""
    out: list[_Cand] = []
    n = len(doc)
    body = doc.text
    i = 0
    while i < n:
        first = doc[i].text
        if not first[:1].isupper() and doc[i].lower_ != "the":
            i += 1
            continue
        found: tuple[int, Hit] | None = None
        for j in range(min(n, i + kb.max_tokens), i, -1):
            if doc[j - 1].is_space or "\n" in doc[j - 1].text:
                continue
            text = _span_text(doc, i, j, body)
            if "\n" in text:
                continue
            hit = lookup(kb, text)
            if hit is not None and (text[:1].isupper() or is_case_sensitive(text)):
                found = (j, hit)
                break
        if found is None:
            i += 1
            continue
        j, hit = found
        ti, tj = _trim(doc, i, j)
        if ti < tj:
            out.append(_hit_cand(doc, kb, ti, tj, hit))
        i = j
    return out


def _hit_cand(doc: Any, kb: KnowledgeBase, i: int, j: int, hit: Hit) -> _Cand:
    """The candidate a KB hit stands for (capitals: actor -> country, location -> place)."""
    entry = kb.entries[hit.key]
    text = _span_text(doc, i, j)
    if hit.how == "demonym":
        return _Cand(i, j, "Country", entry.name, "demonym", 0, hit.key)
    if hit.how == "seat":
        return _Cand(i, j, "Country", entry.name, "seat", 0, hit.key, metonymy=True)
    if hit.how == "capital":
        if _actor(doc, i, j):
            return _Cand(i, j, "Country", entry.name, "capital", 0, hit.key, metonymy=True)
        return _Cand(i, j, "Place", text, "gazetteer", 0)
    return _Cand(i, j, entry.type, entry.name, "gazetteer", 0, hit.key)


def _occupied(cands: Sequence[_Cand]) -> set[int]:
    """Token indices covered by candidates."""
    return {t for c in cands for t in range(c.i, c.j)}


def _extend_damage(doc: Any, j: int) -> int:
    """End of a name extended over a hyphen-damaged fragment ("Lee Jae -myng")."""
    if j < len(doc) and _DAMAGE.match(doc[j].text):
        return j + 1
    if j + 1 < len(doc) and doc[j].text == "-" and not doc[j].whitespace_:
        # " -in" (space before the hyphen) is damage; "Jae-in" a short romanised syllable;
        # "Biden-era" neither
        frag = doc[j + 1].text
        spaced = bool(doc[j - 1].whitespace_)
        if re.fullmatch(r"[a-z]{1,3}", frag) and (spaced or len(frag) <= 2):
            return j + 2
    return j


def _role_before(doc: Any, i: int, taken: set[int]) -> str | None:
    """The title right before token i ("Deputy Minister of Defense"), without a trailing "of <country>"."""
    k = i
    while k > 0:
        t = doc[k - 1]
        if t.lower_ in OFFICE_WORDS or (k - 1) in taken:
            if "\n" in t.text or t.is_punct:
                break
            k -= 1
            continue
        break
    toks = list(range(k, i))
    edge = {"of", "for", "the", "and"}
    while toks and (toks[0] in taken or doc[toks[0]].lower_ in edge):
        toks.pop(0)
    while toks and (toks[-1] in taken or doc[toks[-1]].lower_ in edge):
        toks.pop()
    if not toks or not any(doc[t].lower_ in TITLE_HEADS for t in toks):
        return None
    text = _span_text(doc, toks[0], toks[-1] + 1)
    return text or None


def _role_persons(doc: Any, taken: set[int], ner_person_ends: set[int]) -> list[_Cand]:
    """Persons named right after a title chain ("spokesman Matthew Miller")."""
    out: list[_Cand] = []
    n = len(doc)
    for h, tok in enumerate(doc):
        if tok.lower_ not in TITLE_HEADS or h in taken:
            continue
        k = h + 1
        while (
            k < n
            and (doc[k].lower_ in OFFICE_WORDS or k in taken)
            and "\n" not in doc[k].text
            and not doc[k].is_punct
        ):
            k += 1
        start = k
        while k < n and k not in taken and _is_name_token(doc[k]) and doc[k].lower_ not in OFFICE_WORDS:
            k += 1
        # prefer NER boundaries: "deputy Belousov Alexei X" -> "Alexei X"
        for e in sorted(ner_person_ends):
            if start < e < k and k - e >= 2:
                start = e
        if not 2 <= k - start <= 4:
            continue
        end = _extend_damage(doc, k)
        out.append(_Cand(start, end, "Person", _span_text(doc, start, end), "role", 1))
    return out


def _name_word(text: str) -> bool:
    """A word that can be part of a name: capitalised, or a number-word ("76ers")."""
    return text[:1].isupper() or (text[:1].isdigit() and text[-1:].isalpha())


# last words that end organisation names without naming one alone ("News", "Group", "Ministry")
SHORT_NAME_GENERIC = ORG_GENERIC | OFFICE_WORDS | frozenset(
    "group company corp inc ltd association bank university institute".split()
)


def org_short_name(word: str) -> bool:
    """True when the last word of an organisation's name can stand for it alone ("Chargers" for
    "San Diego Chargers", "76ers"): a name word of four characters or more, not a generic one."""
    return len(word) >= 4 and _name_word(word) and word.lower() not in SHORT_NAME_GENERIC


def _title_case(sent: Any) -> bool:
    """A sentence in title case ("Academy Picked Ellen DeGeneres To Host Oscars"): all of its
    words of four letters or more after the first capitalised. Casing there says nothing about
    names."""
    words = [t.text for t in sent[1:] if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _title_sentences(doc: Any) -> list[Any]:
    """The doc's sentences in title case (none when the doc has no sentence boundaries)."""
    return [s for s in doc.sents if _title_case(s)] if doc.has_annotation("SENT_START") else []


def _place_named_orgs(doc: Any, chosen: list[_Cand], head_toks: set[int], lower: set[str]) -> list[_Cand]:
    """A team or company named by a place and a name word no other mention claims ("Philadelphia
    76ers", "San Diego Chargers" where NER saw only the city): the place with the capitalised
    words after it is an organisation. Words the article also writes in lower case, office
    words ("Kyiv Mayor") and place heads ("Gaza City") end the name; headlines in title case and
    demonyms never start one."""
    taken = _occupied(chosen)
    out = []
    for c in chosen:
        k = c.j
        if (c.type in {"Place", "Country"} and c.source != "demonym" and c.i not in head_toks
                and not (c.i > 0 and doc[c.i - 1].text[:1].isupper() and not doc[c.i - 1].is_sent_start)):
            # (a capitalised word before the place: it is inside a longer name, "Garuda Indonesia Flight 200")
            while (
                k < len(doc)
                and k not in taken
                and "\n" not in doc[k].text
                and _name_word(doc[k].text)
                and doc[k].lower_ not in lower
                and doc[k].lower_ not in OFFICE_WORDS
                and doc[k].lower_ not in PLACE_HEADS
                and not _calendar_word(doc[k])
                and not doc[k].is_sent_start
            ):
                k += 1
        if k > c.j:
            taken.update(range(c.j, k))
            out.append(_Cand(c.i, k, "Organization", _span_text(doc, c.i, k), "ner", 2))
        else:
            out.append(c)
    return out


def _split_national_institutions(doc: Any, chosen: list[_Cand], gaz: list[_Cand]) -> list[_Cand]:
    """A state institution named by its country ("Indian Navy", "US Air Force", "Russian Foreign
    Ministry") is two mentions, as MEANTIME and ECB+ annotate it: the country (or demonym) and the
    institution, which keeps the whole name so resolution still joins it to "the Indian Navy"
    elsewhere. Company names after a place ("Singapore Airlines") stay whole."""
    places = {g.i: g for g in gaz if g.type in {"Country", "Place"}}
    out = []
    for c in chosen:
        g = places.get(c.i) if c.type == "Organization" else None
        if (g is not None and g.j < c.j and c.kb_id is None
                and all(doc[t].lower_ in INSTITUTION_WORDS for t in range(g.j, c.j))):
            out.extend((g, replace(c, i=g.j)))
        else:
            out.append(c)
    return out


def _joined(ents: list[tuple[int, int, str]], doc: Any) -> list[tuple[int, int, str]]:
    """Adjacent entities the NER model split inside one organisation name ("Lockheed" ORG +
    "Martin" PERSON or PRODUCT): an organisation directly followed, with only a space between, by
    another organisation or by one capitalised word typed as a person or product is one
    organisation."""
    out: list[tuple[int, int, str]] = []
    for s, e, label in ents:
        if out:
            ps, pe, plabel = out[-1]
            if (plabel == "ORG" and pe == s
                    and (label == "ORG" or (label in {"PERSON", "PRODUCT", "WORK_OF_ART"} and e - s == 1))
                    and doc[pe - 1].whitespace_ == " " and doc[s].text[:1].isupper()):
                out[-1] = (ps, e, "ORG")
                continue
        out.append((s, e, label))
    return out


def _recased_ents(doc: Any, heads: list[Any], head_toks: set[int]) -> list[tuple[int, int, str]]:
    """Entities as (start token, end token, label): spaCy's, except in title-case sentences, which
    are tagged again after truecasing each word to the form the article itself writes it in
    mid-sentence ("Picked" -> "picked", "PHILADELPHIA" -> "Philadelphia"; a word the article does
    not write elsewhere in lower case unless it is an acronym or has inner capitals, "DeGeneres").
    Recasing keeps every offset."""
    if not heads:
        return _joined([(e.start, e.end, e.label_) for e in doc.ents], doc)
    forms: dict[str, dict[str, int]] = {}
    for t in doc:
        if t.is_alpha and not t.is_sent_start and t.i not in head_toks:
            f = forms.setdefault(t.lower_, {})
            f[t.text] = f.get(t.text, 0) + 1
    out = [(e.start, e.end, e.label_) for e in doc.ents if e.start not in head_toks]
    from storyline.stages.nlp import load_nlp

    nlp = load_nlp()
    for sent in heads:
        pieces = []
        for t in sent:
            seen = forms.get(t.lower_)
            if seen:
                form = max(seen, key=lambda w: (seen[w], w.islower()))
            elif t.is_alpha and not t.is_upper and t.text[1:].islower():
                form = t.lower_
            else:
                form = t.text
            pieces.append(form + t.whitespace_)
        again = nlp("".join(pieces))
        base = sent.start_char
        for e in again.ents:
            span = doc.char_span(base + e.start_char, base + e.end_char, alignment_mode="contract")
            if span is not None and len(span):
                out.append((span.start, span.end, e.label_))
    return _joined(sorted(out), doc)


def _ner(doc: Any, kb: KnowledgeBase, heads: list[Any], head_toks: set[int]) -> list[_Cand]:
    """spaCy entities mapped to storyline types, retyped by the KB, noise removed."""
    out: list[_Cand] = []
    for start, end, label in _recased_ents(doc, heads, head_toks):
        i, j = _trim(doc, start, end)
        while label == "PERSON" and j - i > 1 and doc[i].lower_.rstrip(".") in HONORIFICS:
            i += 1  # "Dr Gupta" is Gupta; the honorific is found again as the role before the name
        if i >= j:
            continue
        text = _span_text(doc, i, j)
        if (
            label in {"PRODUCT", "PERSON", "ORG", "WORK_OF_ART"}
            and j < len(doc)
            and doc[j].lower_ in PLACE_HEADS
        ):
            out.append(_Cand(i, j, "Place", text, "ner", 2))
            continue
        typ = NER_TYPES.get(label)
        if typ is None or "\n" in text or not any(c.isalpha() for c in text):
            continue
        if (
            text in kb.currencies
            or (j - i == 1 and (text.islower() or text.lower() in OFFICE_WORDS))
            or len(text) < 2
        ):
            continue
        hit = lookup(kb, text)
        if hit is not None:
            out.append(_hit_cand(doc, kb, i, j, hit))
            continue
        if typ == "Organization" and j - i >= 2:  # "Adam Air Flight 574": the airline, not the flight
            if j - i >= 3 and doc[j - 2].lower_ == "flight" and doc[j - 1].like_num:
                j -= 2
            elif doc[j - 1].lower_ == "flight" and j < len(doc) and doc[j].like_num:
                j -= 1
            text = _span_text(doc, i, j)
        if typ == "Person":
            j = _extend_damage(doc, j)
            text = _span_text(doc, i, j)
        elif typ == "Other" and not text[:1].isupper():
            continue
        out.append(_Cand(i, j, typ, text, "ner", 2))
    return out


def _org_heads(doc: Any, ner: list[_Cand], gaz: list[_Cand]) -> list[_Cand]:
    """NER organisations made of a KB organisation plus generic words ("CBS Knowledge" for a spun "CBS News")."""
    out = []
    for c in ner:
        if c.type != "Organization":
            continue
        for g in gaz:
            if (
                g.type == "Organization"
                and g.i == c.i
                and g.j < c.j
                and all(doc[t].lower_ in ORG_GENERIC for t in range(g.j, c.j))
            ):
                out.append(replace(c, name=g.name, kb_id=g.kb_id, source="gazetteer", prio=-1))
    return out


def _place_led_org(doc: Any, c: _Cand, inside: list[_Cand]) -> bool:
    """An NER organisation named after a country or place ("Singapore Airlines", "Qatar Airways",
    "United States Air Force", "Washington Post") or after a known organisation ("Boeing
    Commercial Airplanes"): one gazetteer hit at its start, followed only by capitalised words
    (for an organisation hit, not only generic ones nor office words). The longer organisation is
    the entity; the place or parent is part of its name."""
    if c.type != "Organization" or len(inside) != 1:
        return False
    g = inside[0]
    if g.i != c.i or g.j >= c.j or g.type not in {"Country", "Place", "Organization"} or g.source == "demonym":
        return False
    rest = [doc[t] for t in range(g.j, c.j)]
    if g.type == "Organization" and (all(t.lower_ in ORG_GENERIC for t in rest)
                                     or any(t.lower_ in OFFICE_WORDS for t in rest)):
        return False  # "CBS News" is CBS (see _org_heads); "NATO Secretary General" is no organisation
    return all(t.text[:1].isupper() and t.is_alpha for t in rest)


def _place_ended_org(doc: Any, c: _Cand, inside: list[_Cand]) -> bool:
    """An NER organisation whose name ends in a country or place ("Air France", "Garuda Indonesia",
    "Bank of Japan"): one gazetteer hit at its end after capitalised name words (and "of"), not
    all of them office words ("Ministry of Defence of Russia" is an office and a country)."""
    if c.type != "Organization" or len(inside) != 1:
        return False
    g = inside[0]
    if g.j != c.j or g.i <= c.i or g.type not in {"Country", "Place"} or g.source == "demonym":
        return False
    lead = [doc[t] for t in range(c.i, g.i)]
    return (all((t.text[:1].isupper() and t.is_alpha) or t.lower_ == "of" for t in lead)
            and lead[0].text[:1].isupper()
            and not all(t.lower_ in OFFICE_WORDS or t.lower_ in INSTITUTIONAL for t in lead))


def _acronym_of(acr: str, name: str) -> bool:
    """True when ``acr`` spells the capitals of ``name`` in order, from its first ("USAF" for
    "United States Air Force", "EADS" for "European Aeronautic Defence and Space Company")."""
    caps = [c for c in name if c.isupper()]
    if not caps or caps[0] != acr[0]:
        return False
    it = iter(caps)
    return all(ch in it for ch in acr)


def _defined_acronyms(doc: Any, chosen: list[_Cand]) -> list[_Cand]:
    """An organisation defined with its acronym in brackets ("the United States Air Force (USAF)"):
    the bracketed and every later bare use of the acronym not already a mention is that
    organisation (name and KB id of the long form, so resolution joins them)."""
    taken = {t for c in chosen for t in range(c.i, c.j)}
    single = {c.i: k for k, c in enumerate(chosen) if c.j == c.i + 1}
    out = list(chosen)
    for c in chosen:
        j = c.j
        if c.type != "Organization" or j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")":
            continue
        acr = doc[j + 1].text
        if not (2 <= len(acr) <= 6 and acr.isalpha() and acr.isupper() and _acronym_of(acr, c.name)):
            continue
        for t in range(j + 1, len(doc)):
            if doc[t].text != acr:
                continue
            if t not in taken:
                taken.add(t)
                out.append(_Cand(t, t + 1, c.type, c.name, "acronym", c.prio, c.kb_id))
            elif t in single and out[single[t]].kb_id is None and out[single[t]].type == "Organization":
                out[single[t]] = replace(out[single[t]], name=c.name, kb_id=c.kb_id)
    return sorted(out, key=lambda c: c.i)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: lower priority number first, then longer."""
    chosen: list[_Cand] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (c.prio, -(c.j - c.i), c.i)):
        span = set(range(c.i, c.j))
        if span & used:
            continue
        used |= span
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.i)


def _partials(doc: Any, cands: list[_Cand], kb: KnowledgeBase) -> list[_Cand]:
    """Single-token surnames/family names resolved to the article's full-name person."""
    full: list[tuple[int, str, set[str]]] = []
    kb_of: dict[str, str | None] = {}
    for c in cands:
        toks = c.name.split()
        if c.type == "Person" and len(toks) >= 2:
            keys = {stem_token(toks[-1]), stem_token(toks[0])} - {""}
            full.append((c.i, c.name, {k for k in keys if len(k) >= 3}))
            kb_of.setdefault(c.name, c.kb_id)
    if not full:
        return cands

    def owner(tok_i: int, text: str) -> str | None:
        key = stem_token(text)
        names = [(i, n) for i, n, keys in full if key in keys]
        if not names or (len({n for _, n in names}) > 1 and not any(i < tok_i for i, _ in names)):
            return None
        before = [n for i, n in names if i < tok_i]
        return before[-1] if before else names[0][1]

    out: list[_Cand] = []
    used = _occupied([c for c in cands if not (c.j - c.i == 1 and c.source == "ner")])
    for c in cands:
        if c.j - c.i == 1 and c.source == "ner" and c.type in {"Person", "Organization", "Place", "Other"}:
            name = owner(c.i, c.name)
            if name and name != c.name:
                out.append(replace(c, type="Person", name=name, source="partial", kb_id=kb_of.get(name)))
                continue
        out.append(c)
    taken = _occupied(out) | used
    for t, tok in enumerate(doc):
        if t in taken or not _is_name_token(tok) or len(tok.text) < 4 or lookup(kb, tok.text):
            continue
        name = owner(t, tok.text)
        if name:
            out.append(_Cand(t, t + 1, "Person", name, "partial", 3, kb_of.get(name)))
    return sorted(out, key=lambda c: c.i)


def _org_partials(doc: Any, cands: list[_Cand], lower: set[str]) -> list[_Cand]:
    """The last word of a longer organisation name used alone ("Chargers" after "San Diego
    Chargers", "the 76ers" after "Philadelphia 76ers") is that organisation: a capitalised word
    or a number-word, not generic or an office word, that the article never writes in lower case
    and that no other mention covers or the tagger calls a person."""
    names: dict[str, _Cand] = {}
    for c in cands:
        if c.type == "Organization" and c.j - c.i >= 2 and org_short_name(doc[c.j - 1].text):
            names.setdefault(doc[c.j - 1].text, c)
    if not names:
        return cands
    persons = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    out = []
    for c in cands:  # the tagger's own one-word organisation takes the longer name
        full = names.get(doc[c.i].text) if c.j - c.i == 1 and c.type == "Organization" and c.kb_id is None else None
        out.append(replace(c, name=full.name, kb_id=full.kb_id, source="partial") if full is not None else c)
    taken = _occupied(cands)
    for t, tok in enumerate(doc):
        c = names.get(tok.text)
        if c is None or t in taken or t in persons or tok.lower_ in lower:
            continue
        out.append(_Cand(t, t + 1, "Organization", c.name, "partial", 3, c.kb_id))
    return sorted(out, key=lambda x: x.i)


def find_mentions(article: CleanArticle, doc: Any, sentences: Sequence[Sentence] = ()) -> tuple[Mention, ...]:
    """Named mentions of persons, organisations, countries and places in one article.

    1. gazetteer hits (KB aliases, demonyms, capitals, seats of government);
    2. persons after role words; 3. spaCy entities retyped and filtered;
    4. overlaps resolved by priority; 5. partial names completed; 6. roles attached;
    7. body offsets mapped to the source text.

    Args:
        article: the cleaned article; offsets index ``article.text``.
        doc: the spaCy Doc of ``article.body`` (``storyline.stages.nlp.parse``).
        sentences: the article's sentences (unused; kept for the stage signature).

    Returns:
        Mentions in text order, ``entity``/``entity_id`` unset; empty for an empty body.
    """
    if doc is None or not article.body or len(doc) == 0:
        return ()
    kb = load_kb()
    gaz = _gazetteer(doc, kb)
    heads = _title_sentences(doc)
    head_toks = {t.i for h in heads for t in h}
    lower = {t.lower_ for t in doc if t.is_alpha and t.is_lower}  # words the article writes in lower case
    ner = _ner(doc, kb, heads, head_toks)
    taken = _occupied(gaz)
    ner_person_ends = {c.j for c in ner if c.type == "Person"} | {c.i for c in ner if c.type == "Person"}
    roles = _role_persons(doc, taken, ner_person_ends)
    # KB persons beat role-recovered names; an NER org that only wraps a demonym keeps its span
    keep_ner = []
    for c in ner:
        inside = [g for g in gaz if c.i <= g.i and g.j <= c.j]
        if (
            c.type == "Organization"
            and inside
            and all(g.source == "demonym" and g.j - g.i < c.j - c.i for g in inside)
        ) or _place_led_org(doc, c, inside) or _place_ended_org(doc, c, inside):
            keep_ner.append(c)
    chosen = _select(
        [*gaz, *roles, *_org_heads(doc, ner, gaz), *[replace(c, prio=-1) for c in keep_ner], *ner]
    )
    chosen = _split_national_institutions(doc, chosen, gaz)
    chosen = _place_named_orgs(doc, chosen, head_toks, lower)
    chosen = _partials(doc, chosen, kb)
    chosen = _org_partials(doc, chosen, lower)
    chosen = _defined_acronyms(doc, chosen)
    taken_country = {
        t for c in chosen if c.type in {"Country", "Place", "Organization"} for t in range(c.i, c.j)
    }
    out: list[Mention] = []
    for c in chosen:
        role = _role_before(doc, c.i, taken_country) if c.type == "Person" else None
        bs = doc[c.i].idx
        last = doc[c.j - 1]
        be = last.idx + len(last.text)
        s, e = article.to_source(bs, be)
        text = article.text[s:e]
        if text != article.body[bs:be]:
            continue  # crosses a paragraph gap
        name = _clean_name(c.name)
        if not name:
            continue
        out.append(Mention(s, e, text, c.type, name, role, c.kb_id, c.metonymy, c.source))
    return tuple(out)


def _clean_name(name: str) -> str:
    """A name without possessive endings or surrounding punctuation."""
    name = re.sub(r"(?:['’]s|['’])$", "", name.strip())
    return " ".join(name.strip(' \t\n,;:"“”').split())


def mention_key(m: Mention) -> str:
    """Folded comparison key of a mention's name (helper for callers and tests)."""
    return fold_name(m.name)
