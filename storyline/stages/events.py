"""Events (PLOVER types) from the dependency parse: who did what to whom, when, where.

Why a lexicon over the parse and not a trained event model: no torch here, and PLOVER's sixteen
types are defined by verbs and their objects ("send" + troops is MOBILIZE, "send" + weapons is
AID, "hold" + talks is CONSULT), which a small lemma table with object and preposition
constraints (``resources/plover_verbs.csv``, written from the PLOVER codebook, MIT) states
openly and anyone can extend. Participants are the article's mentions found in the trigger's
subject and object subtrees (conjuncts included, subjects inherited through xcomp/advcl/conj and
relative clauses); dates come from the timex nearest to the trigger in the tree, else, for the
lede's main event only, the publication date. Reporting verbs are attribution, not events.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokSpan

from storyline.model import CleanArticle, Event, Mention, Published, Sentence, Span, Timex
from storyline.stages.attribution import PRONOUNS, REPORTING, Attributor, lemma, timex_heads

LOC_PREPS = frozenset(("in", "at", "near", "inside", "outside"))
TARGET_PREPS = frozenset(
    ("with", "to", "from", "against", "on", "into", "for", "towards", "toward", "of", "over", "at", "upon")
)
FUTURE_HEADS = frozenset(["plan", "intend", "prepare", "aim", "go", "set", "expect", "schedule"])
HYPOTHETICAL_HEADS = frozenset(
    ["want", "hope", "seek", "threaten", "offer", "propose", "consider", "try", "attempt", "may", "might"]
)
MODAL_HYPOTHETICAL = frozenset(("may", "might", "could", "would", "should", "can", "must"))
MODAL_FUTURE = frozenset(("will", "shall", "'ll", "wo"))
MAX_TIMEX_DISTANCE = 6  # tree edges between a timex head and a trigger; longer paths cross clauses


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One row of the PLOVER lexicon."""

    lemma: str
    pos: str
    type: str
    objects: frozenset[str]
    person_object: bool
    preps: frozenset[str]

    @property
    def constrained(self) -> bool:
        """True when the row needs an object or a preposition to fire."""
        return bool(self.objects or self.person_object or self.preps)


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A matched trigger token with its lexicon row and the object that licensed it."""

    tok: Token
    entry: LexEntry
    obj: Token | None
    prep: Token | None


@functools.cache
def load_lexicon() -> dict[tuple[str, str], tuple[LexEntry, ...]]:
    """The PLOVER lexicon keyed by (lemma, "VERB"/"NOUN"); constrained rows first."""
    table: dict[tuple[str, str], list[LexEntry]] = {}
    with resources.files("storyline.resources").joinpath("plover_verbs.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            objs = {o for o in row["object"].split("|") if o}
            entry = LexEntry(
                lemma=row["lemma"],
                pos=row["pos"],
                type=row["type"],
                objects=frozenset(objs - {"@PERSON"}),
                person_object="@PERSON" in objs,
                preps=frozenset(p for p in row["prep"].split("|") if p),
            )
            table.setdefault((entry.lemma, entry.pos), []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: not e.constrained)) for k, v in table.items()}


def extract_events(
    article: CleanArticle,
    doc: Doc,
    sentences: tuple[Sentence, ...],
    mentions: tuple[Mention, ...],
    timexes: tuple[Timex, ...],
    published: Published,
) -> tuple[Event, ...]:
    """Extract PLOVER events from one article.

    Steps: 1. match triggers per sentence (verbs with object/preposition constraints, then
    nominal triggers not already an object); 2. participants from subject/object subtrees;
    3. mode from negation, modals and governing verbs; 4. date from the nearest timex, else the
    governing trigger's, else the publication date for the lede's main event; 5. source.

    Args:
        article: the cleaned article; ``doc`` parses ``article.body``.
        doc: spaCy Doc of the body.
        sentences: sentences in source offsets.
        mentions: named mentions in source offsets; events refer to them by index.
        timexes: time expressions in source offsets.
        published: the article's inferred publication date.

    Returns:
        Events in text order; those without any participant mention are dropped.
    """
    if not len(doc):
        return ()
    lex = load_lexicon()
    att = Attributor(article, doc, mentions)
    tx_heads = timex_heads(article, doc, timexes, unresolved=True)
    out: list[Event] = []
    sents = list(doc.sents)
    for s_i, sent in enumerate(sents):
        triggers = _triggers(sent, lex, att, mentions)
        if not triggers:
            continue
        dates = _assign_timexes(triggers, [t for t in tx_heads if sent.start <= t[1].i < sent.end])
        report = _anaphoric_report(sents[s_i + 1], tx_heads) if s_i + 1 < len(sents) else None
        for trig in triggers:
            ev = _build_event(trig, s_i, dates, article, doc, sentences, mentions, timexes, published, att)
            if ev is None:
                continue
            if report is not None and ev.date_source in (None, "published") and ev.mode == "":
                ti = report
                ev = dataclasses.replace(ev, date=timexes[ti].value, date_source="report", timex=ti)
            out.append(ev)
    return tuple(out)


_ANAPHORS = frozenset({"this", "that", "it", "these", "which"})


def _anaphoric_report(sent: TokSpan, tx_heads: list[tuple[int, Token]]) -> int | None:
    """Timex index dating a report of the previous sentence, or None.

    "This was stated by X during a briefing on October 28": a passive reporting verb whose
    subject is an anaphor reports the sentence before it, on the date attached to that verb.
    """
    verbs = [t for t in sent if (t.dep_ == "ROOT" or t.dep_ == "ccomp") and lemma(t) in REPORTING]
    root = next((v for v in verbs if any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in _ANAPHORS
                                         for c in v.children)), None)
    if root is None:
        return None
    for ti, head in tx_heads:
        if sent.start <= head.i < sent.end and root in head.ancestors:
            return ti
    return None


# ---------------------------------------------------------------------------- triggers


def _triggers(
    sent: TokSpan,
    lex: dict[tuple[str, str], tuple[LexEntry, ...]],
    att: Attributor,
    mentions: tuple[Mention, ...],
) -> list[_Trigger]:
    """Triggers of one sentence: verbs first, then nouns that are not a verb trigger's object."""
    found: list[_Trigger] = []
    used: set[int] = set()
    for tok in sent:
        if tok.pos_ != "VERB" or att.mentions_in(tok.idx, tok.idx + len(tok)):
            continue
        entries = lex.get((lemma(tok), "VERB"), ())
        trig = _match_verb(tok, entries, att, mentions)
        if trig is not None:
            found.append(trig)
            if trig.obj is not None:
                used.add(trig.obj.i)
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in used or tok.dep_ == "compound":
            continue
        if att.mentions_in(tok.idx, tok.idx + len(tok)):
            continue
        entries = lex.get((tok.lower_, "NOUN"), ()) or lex.get((lemma(tok), "NOUN"), ())
        generic = [e for e in entries if not e.constrained]
        if generic:
            found.append(_Trigger(tok, generic[0], None, None))
    found.sort(key=lambda t: t.tok.i)
    return found


def _objects(tok: Token) -> list[Token]:
    """Object tokens of a verb: direct objects, passive subjects, the noun of an acl, conjuncts."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative")]
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        objs.append(tok.head)
    for o in list(objs):
        objs.extend(c for c in o.children if c.dep_ == "conj")
    return objs


def _match_verb(
    tok: Token, entries: tuple[LexEntry, ...], att: Attributor, mentions: tuple[Mention, ...]
) -> _Trigger | None:
    """The first lexicon row the verb satisfies (constrained rows first), or None."""
    if not entries:
        return None
    objs = _objects(tok)
    preps = [c for c in tok.children if c.dep_ in ("prep", "prt", "agent")]
    for e in entries:
        if e.objects:
            for o in objs:
                words = {lemma(o), o.lower_} | {
                    lemma(c) for c in o.children if c.dep_ in ("compound", "amod")
                }
                if words & e.objects:
                    if tok.dep_ == "acl" and o.i == tok.head.i:
                        return None  # "the meeting held on Thursday": the noun is the trigger
                    return _Trigger(tok, e, o, None)
        elif e.person_object:
            for o in objs:
                mids = att.mentions_in(o.left_edge.idx, o.right_edge.idx + len(o.right_edge))
                if any(mentions[m].type == "Person" for m in mids):
                    return _Trigger(tok, e, o, None)
        elif e.preps:
            for p in preps:
                if p.lower_ in e.preps:
                    return _Trigger(tok, e, None, p)
        else:
            return _Trigger(tok, e, None, None)
    return None


# ---------------------------------------------------------------------------- participants


def _subject(tok: Token, depth: int = 0) -> Token | None:
    """The subject token of a verb, inherited through xcomp/advcl/conj and relative clauses."""
    if depth > 4:
        return None
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and tok.dep_ in ("relcl", "acl"):
                return tok.head
            return c
    for c in tok.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD"):  # "an agreement concluded in June": a patient
            return None
        head = tok.head
        if head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB"):
            return _subject(head.head, depth + 1) or head
        return head
    inherits = tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp") and tok.head.i != tok.i
    if inherits and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head, depth + 1)
    return None


def _span_mentions(tok: Token, att: Attributor) -> list[int]:
    """Mentions overlapping the subtree of ``tok``."""
    return att.mentions_in(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))


def _resolve(subj: Token, trig: Token, att: Attributor) -> list[int]:
    """Mentions naming the subject; "I"/"we"/"he"/"she" resolve to the speaker the clause is attributed to."""
    if subj.lower_ in PRONOUNS:
        if subj.lower_ not in ("he", "she", "we", "i"):
            return []
        rep = att.reporting_verb(trig)
        if rep is not None:
            speaker = _subject(rep)
            if speaker is not None and speaker.lower_ not in PRONOUNS:
                return _span_mentions(speaker, att)
        if subj.lower_ in ("i", "we"):  # first person inside a quote: the quoted speaker
            src = att.source_for(trig)
            return [src.mention] if src is not None and src.mention is not None else []
        return []
    return _span_mentions(subj, att)


def _participants(
    trig: _Trigger, att: Attributor, mentions: tuple[Mention, ...]
) -> tuple[list[int], list[int], int | None, dict[int, str]]:
    """(actors, targets, location, preposition of each prepositional target) of a trigger."""
    tok = trig.tok
    actors: list[int] = []
    targets: list[int] = []
    via: dict[int, str] = {}
    location: int | None = None
    preps: list[Token] = [c for c in tok.children if c.dep_ in ("prep", "agent")]
    if tok.pos_ == "VERB":
        subj = _subject(tok)
        if subj is not None:
            actors = _resolve(subj, tok, att)
        for o in _objects(tok):
            if o.dep_ != "nsubjpass" or subj is None or o.i != subj.i:
                if o.i == tok.head.i and tok.dep_ == "acl":
                    continue
                targets.extend(_span_mentions(o, att))
    else:
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                actors.extend(_span_mentions(c, att))
        between = [p for p in preps if p.lower_ in ("between", "by")]
        for p in between:
            actors.extend(_span_mentions(p, att))
        preps = [p for p in preps if p not in between]
        if not actors:
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            if tok.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "AUX"):
                subj = _subject(gov)
                if subj is not None:
                    actors = _resolve(subj, gov, att)
    for p in preps:
        pobj = [g for g in p.children if g.dep_ == "pobj"]
        if not pobj:
            continue
        mids = _span_mentions(pobj[0], att)
        if p.lower_ in LOC_PREPS:
            own = att.mentions_in(pobj[0].idx, pobj[0].idx + len(pobj[0]))
            places = [m for m in own if mentions[m].type in ("Place", "Country")]
            if places and location is None:
                location = places[0]
                continue
        if p.lower_ in TARGET_PREPS or p.dep_ == "agent":
            targets.extend(mids)
            via.update({m: p.lower_ for m in mids if m not in via})
    text = att.article.text
    actors = _drop_descriptors(list(dict.fromkeys(actors)), mentions, text)
    targets = [m for m in _drop_descriptors(list(dict.fromkeys(targets)), mentions, text) if m not in actors]
    return actors, targets, location, via


_ROLE_GAP = re.compile(r"^[\s\u00a0]*(?:(?:[A-Z][\w.'’-]*|of|the|for|and)[\s\u00a0]+){1,6}$")


def _drop_descriptors(ids: list[int], mentions: tuple[Mention, ...], text: str) -> list[int]:
    """``ids`` without countries that only describe a person's office ("Russian President X").

    A non-metonymic country or demonym followed, through a run of capitalised title words
    ("President", "Secretary of Defense"), by a person mention of the same phrase is that
    person's attribute, not a participant of its own.
    """
    people = [mentions[i] for i in ids if mentions[i].type == "Person"]
    if not people:
        return ids
    out = []
    for i in ids:
        m = mentions[i]
        if m.type == "Country" and not m.metonymy:
            nxt = [p for p in people if p.start >= m.end and p.start - m.end <= 60]
            if any(_ROLE_GAP.match(text[m.end : p.start]) and " and " not in text[m.end : p.start] for p in nxt):
                continue
        out.append(i)
    return out


# ---------------------------------------------------------------------------- mode, dates


def _mode(tok: Token) -> str:
    """Mode ("negated", "future", "hypothetical" or "") from the trigger's own and governing auxiliaries."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "pcomp", "acl") and cur.head.i != cur.i and len(chain) < 4:
        cur = cur.head
        chain.append(cur)
    if tok.pos_ == "NOUN" and tok.head.pos_ == "VERB":
        chain.append(tok.head)
    mode = ""
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg":
                return "negated"
            if c.dep_ == "aux" and c.lower_ in MODAL_FUTURE:
                mode = mode or "future"
            if c.dep_ == "aux" and c.lower_ in MODAL_HYPOTHETICAL:
                mode = "hypothetical"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                mode = "hypothetical"
        if t.i != tok.i and t.pos_ == "VERB":
            lem = lemma(t)
            if lem in FUTURE_HEADS:
                mode = mode or "future"
            elif lem in HYPOTHETICAL_HEADS:
                mode = mode or "hypothetical"
    return mode


def _distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence (99 when unconnected)."""
    up_a = {a.i: 0}
    up_a.update({anc.i: d for d, anc in enumerate(a.ancestors, start=1)})
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return d + up_a[t.i]
    return 99


def _assign_timexes(triggers: list[_Trigger], heads: list[tuple[int, Token]]) -> dict[int, tuple[int, str]]:
    """trigger token index -> (timex index, date source): nearest trigger wins each timex."""
    direct: dict[int, tuple[int, int]] = {}
    for ti, head in heads:
        # A temporal phrase modifies the word it hangs from ("hold talks ... on Thursday"): a
        # trigger among its ancestors wins over clauses hanging below the timex itself.
        above = {a.i for a in head.ancestors}
        governing = [t for t in triggers if t.tok.i in above]
        best = min(governing or triggers, key=lambda t: _distance(head, t.tok))
        dist = _distance(head, best.tok)
        if dist <= MAX_TIMEX_DISTANCE and (best.tok.i not in direct or direct[best.tok.i][1] > dist):
            direct[best.tok.i] = (ti, dist)
    out = {i: (ti, "timex") for i, (ti, _d) in direct.items()}
    for i, (ti, _d) in direct.items():
        head = next(h for t, h in heads if t == ti)
        verb = next((a for a in [head, *head.ancestors] if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.i != i and lemma(verb) in REPORTING:
            out[i] = (ti, "sentence-context")  # the date of the report, an upper bound of the event
    for t in triggers:
        if t.tok.i in out:
            continue
        for anc in t.tok.ancestors:
            if anc.i in direct:
                out[t.tok.i] = (direct[anc.i][0], "sentence-context")
                break
    return out


def _is_main(tok: Token) -> bool:
    """True when the trigger heads its sentence or hangs from it through clausal complements."""
    cur = tok
    while cur.dep_ != "ROOT" and cur.head.i != cur.i:
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "acl"):
            return False
        if cur.dep_ == "acl" and cur.head.dep_ != "ROOT":
            return False  # only a fragment root ("Washington: X is preparing ...") may hold an acl
        cur = cur.head
    return True


# ---------------------------------------------------------------------------- assembly


def _build_event(
    trig: _Trigger,
    s_i: int,
    dates: dict[int, tuple[int, str]],
    article: CleanArticle,
    doc: Doc,
    sentences: tuple[Sentence, ...],
    mentions: tuple[Mention, ...],
    timexes: tuple[Timex, ...],
    published: Published,
    att: Attributor,
) -> Event | None:
    """One Event for a trigger, or None when it has no participant or no valid span."""
    actors, targets, location, via = _participants(trig, att, mentions)
    if not actors and not targets:
        return None
    tok = trig.tok
    t_start, t_end = article.to_source(tok.idx, tok.idx + len(tok.text))
    if article.text[t_start:t_end] != tok.text:
        return None
    mode = _mode(tok)
    date = date_source = None
    timex = None
    if tok.i in dates:
        timex, date_source = dates[tok.i]
        date = timexes[timex].value
    elif s_i < 2 and published.date and mode in ("", "future") and _is_main(tok):
        date, date_source = published.date[:10], "published"
    sentence = _sentence_of(t_start, sentences)
    evidence: tuple[Span, ...] = ()
    if sentence is not None:
        s = sentences[sentence]
        evidence = (Span(s.start, s.end, s.text),)
    source = att.source_for(tok)
    return Event(
        type=trig.entry.type,
        mode=mode,
        trigger=Span(t_start, t_end, tok.text),
        summary=_summary(trig, actors, targets, via, mentions, mode, tok.sent.text),
        actors=tuple(actors),
        targets=tuple(targets),
        location=location,
        date=date,
        date_source=date_source,
        timex=timex,
        evidence=evidence,
        source=source.name(mentions) if source is not None else None,
        source_mention=source.mention if source is not None else None,
        sentence=sentence,
    )


def _sentence_of(pos: int, sentences: tuple[Sentence, ...]) -> int | None:
    """Index of the sentence containing source offset ``pos``, or None."""
    for s in sentences:
        if s.start <= pos < s.end:
            return s.index
    return None


def _names(ids: list[int], mentions: tuple[Mention, ...]) -> str:
    """Mention texts joined as "A", "A and B" or "A, B and C"; empty for no ids."""
    names = list(dict.fromkeys(mentions[i].text for i in ids))[:3]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _summary(
    trig: _Trigger,
    actors: list[int],
    targets: list[int],
    via: dict[int, str],
    mentions: tuple[Mention, ...],
    mode: str,
    sentence: str,
) -> str:
    """A short "Actor VERB Target" line; the sentence trimmed when no actor is known."""
    if not actors:
        text = " ".join(sentence.split())
        return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "..."
    verb = trig.tok.text
    if mode == "negated":
        verb = "not " + verb
    if trig.obj is not None and trig.obj.i != trig.tok.head.i:
        verb += " " + trig.obj.text
    elif trig.prep is not None:
        verb += " " + trig.prep.text
    parts = [_names(actors, mentions), verb]
    direct = [m for m in targets if m not in via]
    if direct:
        parts.append(_names(direct, mentions))
    by_prep: dict[str, list[int]] = {}
    for m in targets:
        if m in via:
            by_prep.setdefault(via[m], []).append(m)
    for prep, ids in list(by_prep.items())[:2]:
        same = trig.prep is not None and trig.prep.lower_ == prep and not direct
        parts.append(("" if same else prep + " ") + _names(ids, mentions))
    return " ".join(parts)


__all__ = ["REPORTING", "LexEntry", "extract_events", "load_lexicon"]
