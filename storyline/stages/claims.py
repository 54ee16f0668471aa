"""Claims: attributed numeric statements ("the State Department says about 10,000 soldiers").

A claim is a quantity of something that matters in a news story (people, forces, casualties,
weapons, money, percentages) stated by a named source. The source comes from the shared
attribution rules (``stages/attribution.py``); the subject is rebuilt from the parse around the
unit noun (its modifiers, the verb it depends on, the verb's agent and destination) so that
claims about the same thing from different articles can be compared. Counts without a source
(view counters, "two countries") are not claims.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokSpan

from storyline.model import Claim, CleanArticle, Mention, Published, Quantity, Sentence, Span, Timex
from storyline.stages.attribution import PRONOUNS, REPORTING, Attributor, doc_span, lemma, timex_heads
from storyline.stages.quantities import CURRENCY

# Unit nouns (lemmas) worth a claim: people and forces, casualties, weapons and materiel, goods.
CLAIM_UNITS = frozenset(
    [
        "soldier",
        "troop",
        "trooper",
        "force",
        "fighter",
        "personnel",
        "people",
        "person",
        "civilian",
        "worker",
        "staff",
        "employee",
        "refugee",
        "casualty",
        "death",
        "dead",
        "victim",
        "prisoner",
        "hostage",
        "child",
        "woman",
        "man",
        "resident",
        "citizen",
        "migrant",
        "officer",
        "official",
        "member",
        "volunteer",
        "mercenary",
        "recruit",
        "conscript",
        "marine",
        "sailor",
        "pilot",
        "serviceman",
        "servicemen",
        "militant",
        "wounded",
        "injured",
        "killed",
        "evacuee",
        "displaced",
        "family",
        "household",
        "voter",
        "protester",
        "drone",
        "missile",
        "rocket",
        "shell",
        "munition",
        "round",
        "tank",
        "weapon",
        "gun",
        "howitzer",
        "vehicle",
        "aircraft",
        "jet",
        "helicopter",
        "ship",
        "warship",
        "system",
        "launcher",
        "bomb",
        "mine",
        "artillery",
        "interceptor",
        "ton",
        "tonne",
        "barrel",
        "strike",
        "attack",
        "airstrike",
    ]
)
STATEMENT_NOUNS = frozenset(
    ["briefing", "statement", "interview", "conference", "speech", "address", "report", "remark", "post"]
)


def extract_claims(
    article: CleanArticle,
    doc: Doc,
    sentences: tuple[Sentence, ...],
    mentions: tuple[Mention, ...],
    quantities: tuple[Quantity, ...],
    timexes: tuple[Timex, ...],
    published: Published,
) -> tuple[Claim, ...]:
    """Extract attributed numeric claims from one article.

    Steps: 1. keep quantities with a claim-worthy unit; 2. find who states them (reporting or
    belief verb, "according to", a closing attribution line); 3. describe what is quantified;
    4. date the statement (timex on the reporting verb, else one on a statement in the same
    paragraph, else the publication date).

    Args:
        article: the cleaned article; ``doc`` parses ``article.body``.
        doc: spaCy Doc of the body.
        sentences: sentences in source offsets.
        mentions: named mentions in source offsets.
        quantities: the article's quantities (``Claim.quantity`` indexes them).
        timexes: time expressions in source offsets.
        published: the article's inferred publication date.

    Returns:
        Claims in text order; empty when nothing is both quantified and attributed.
    """
    if not len(doc) or not quantities:
        return ()
    att = Attributor(article, doc, mentions)
    tx_heads = timex_heads(article, doc, timexes)
    out: list[Claim] = []
    for qi, q in enumerate(quantities):
        if not _worth_claim(q):
            continue
        span = doc_span(article, doc, q.start, q.end)
        if span is None:
            continue
        anchor = _unit_token(span, q)
        if (
            q.unit
            and q.unit not in CURRENCY.values()
            and q.unit != "percent"
            and lemma(anchor) not in CLAIM_UNITS
        ):
            continue
        source = att.source_for(anchor)
        if source is None or not source.text.strip():
            continue
        stated = _stated(source.verb, anchor, doc, tx_heads, timexes, published)
        sentence = next((s for s in sentences if s.start <= q.start < s.end), None)
        out.append(
            Claim(
                subject=_subject(anchor, span, q, att, mentions),
                value=q.value,
                unit=q.unit,
                approximate=q.approximate,
                quantity=qi,
                source=" ".join(source.text.split()),
                source_mention=source.mention,
                stated=stated,
                evidence=(Span(sentence.start, sentence.end, sentence.text),) if sentence else (),
                sentence=sentence.index if sentence else None,
            )
        )
    return tuple(out)


def _worth_claim(q: Quantity) -> bool:
    """True when the unit is money, a percentage or a noun (checked against CLAIM_UNITS later)."""
    return bool(q.unit) and q.unit not in ("times",)


def _unit_token(span: TokSpan, q: Quantity) -> Token:
    """The token naming the unit (last token equal to it), else the span's root."""
    for t in reversed(span):
        if q.unit and t.lower_ == q.unit.lower():
            return t
    return span.root


def _phrase(tok: Token, span: TokSpan) -> str:
    """The unit token with its left modifiers outside the quantity ("North Korean soldiers")."""
    keep = [tok]
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and not c.like_num:
            keep.extend(t for t in c.subtree if not (span.start <= t.i < span.end))
    keep = sorted(set(keep), key=lambda t: t.i)
    return " ".join(t.text for t in keep)


def _subject(
    anchor: Token, span: TokSpan, q: Quantity, att: Attributor, mentions: tuple[Mention, ...]
) -> str:
    """What is quantified: unit phrase, governing verb, its agent and destination; never empty."""
    doc = anchor.doc
    if q.unit in CURRENCY.values() or q.unit == "percent":
        return _measure_subject(anchor, span, q)
    words = [_phrase(anchor, span)]
    verb = anchor.head
    while (
        verb.pos_ not in ("VERB", "AUX")
        and verb.head.i != verb.i
        and (
            verb.dep_ in ("pobj", "prep", "conj", "appos", "nummod", "quantmod", "compound")
            or span.start <= verb.i < span.end
        )
    ):
        verb = verb.head
    if verb.pos_ == "VERB" and lemma(verb) not in REPORTING:
        words.append(("to " + verb.text) if verb.tag_ == "VB" else verb.text)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        if subj is not None and subj.dep_ == "agent":
            subj = next((g for g in subj.children if g.dep_ == "pobj"), None)
        if (
            subj is not None
            and subj.i != anchor.i
            and subj.lower_ not in PRONOUNS
            and verb.tag_ in ("VBD", "VBN")
        ):
            mids = att.mentions_in(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))
            words.append("by " + (mentions[mids[0]].text if mids else subj.text))
        for p in verb.children:
            if (
                p.dep_ == "prep"
                and p.lower_ in ("to", "into", "in", "from", "for", "against")
                and p.i > anchor.i
            ):
                words.append(doc[p.i : p.right_edge.i + 1].text)
                break
    text = " ".join(" ".join(words).split())
    if len(text) > 100:
        text = text[:97].rsplit(" ", 1)[0] + "..."
    return text or q.text


def _measure_subject(anchor: Token, span: TokSpan, q: Quantity) -> str:
    """What an amount or percentage measures: "percent of its oil", "aid package", "raised"; never empty."""
    doc = anchor.doc
    of = [c for c in anchor.rights if c.dep_ == "prep" and c.lower_ == "of"]
    if q.unit == "percent" and of:
        return " ".join(("percent " + doc[of[0].i : of[0].right_edge.i + 1].text).split())
    head = span.root
    while span.start <= head.i < span.end and head.head.i != head.i:
        head = head.head
    while head.pos_ in ("ADP", "ADJ", "ADV") and head.head.i != head.i:  # "worth $5", "of $5", "by 3%"
        head = head.head
    base = ""
    if head.pos_ in ("NOUN", "PROPN") and not (span.start <= head.i < span.end):
        base = _phrase(head, span)
    elif head.pos_ == "VERB" and lemma(head) not in REPORTING:
        obj = next(
            (
                c
                for c in head.children
                if c.dep_ in ("dobj", "nsubjpass") and not span.start <= c.i < span.end
            ),
            None,
        )
        if obj is not None:
            base = head.text + " " + _phrase(obj, span)
        else:  # "$110 million in debt", "paid $5 million for the stake"
            preps = [c for c in (*span.root.children, *head.children) if c.dep_ == "prep" and c.i >= span.end]
            if preps:
                p = min(preps, key=lambda t: t.i)
                base = q.text + " " + doc[p.i : min(p.right_edge.i + 1, p.i + 8)].text
    return " ".join((base or q.text).split())


def _stated(
    verb_i: int | None,
    anchor: Token,
    doc: Doc,
    tx_heads: list[tuple[int, Token]],
    timexes: tuple[Timex, ...],
    published: Published,
) -> str | None:
    """The date the claim was stated: timex on the reporting verb, on a statement in the paragraph, or published."""
    if verb_i is not None:
        verb = doc[verb_i]
        for ti, head in tx_heads:
            if (
                head.sent.start == verb.sent.start
                and (g := _governing_verb(head)) is not None
                and g.i == verb.i
            ):
                return timexes[ti].value
    para = _paragraph(doc, anchor)
    for ti, head in tx_heads:
        if not (para[0] <= head.i < para[1]):
            continue
        gov = _governing_verb(head)
        nouns = [a for a in [head, *head.ancestors] if a.pos_ == "NOUN"][:2]
        if gov is not None:  # "spoke during a briefing on October 28": a sibling statement noun
            nouns += [g for c in gov.children for g in (c, *c.children) if g.pos_ == "NOUN"]
        if (gov is not None and lemma(gov) in REPORTING) or any(lemma(n) in STATEMENT_NOUNS for n in nouns):
            return timexes[ti].value
    return published.date


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a token, or None."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _paragraph(doc: Doc, tok: Token) -> tuple[int, int]:
    """(first, end) token indices of the paragraph (blank-line delimited) holding ``tok``."""
    text = doc.text
    start = text.rfind("\n\n", 0, tok.idx)
    end = text.find("\n\n", tok.idx)
    start = 0 if start < 0 else start + 2
    end = len(text) if end < 0 else end
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (tok.sent.start, tok.sent.end)


__all__ = ["CLAIM_UNITS", "extract_claims"]
