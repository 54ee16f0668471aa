"""Who said it: the source a sentence attributes its content to, shared by events and claims.

News attributes in a handful of syntactic forms, which a dependency parse exposes directly:
the subject of a reporting or belief verb governing the clause ("KCNA said", "Western officials
believe", "X told NBC"), the agent of a passive one ("This was stated by Matthew Miller"),
"according to X", and a bare attribution line that closes a quote or a paragraph
("- Umerov said.", "Reuters writes about it."). Pronoun subjects ("he said") resolve to the
latest person mentioned in the preceding sentences. Not a stable API outside the extract stages.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokSpan

from storyline.model import CleanArticle, Mention, Timex

# Reporting, belief and estimation verbs (lemmas). General English, not tuned to a source.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "report",
        "write",
        "state",
        "announce",
        "claim",
        "confirm",
        "note",
        "add",
        "stress",
        "emphasize",
        "emphasise",
        "estimate",
        "believe",
        "consider",
        "think",
        "assess",
        "reckon",
        "insist",
        "suggest",
        "declare",
        "explain",
        "reveal",
        "indicate",
        "disclose",
        "acknowledge",
        "admit",
        "assert",
        "argue",
        "allege",
        "warn",
        "summarize",
        "summarise",
        "inform",
        "quote",
        "cite",
        "publish",
        "post",
        "tweet",
        "comment",
        "remark",
        "mention",
        "conclude",
        "recall",
        "underline",
    ]
)
BELIEF = frozenset(["estimate", "believe", "consider", "think", "assess", "reckon", "suggest"])
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "we",
        "i",
        "it",
        "you",
        "who",
        "this",
        "that",
        "which",
        "us",
        "me",
        "them",
        "him",
        "her",
        "one",
    ]
)
_NP_LEFT = frozenset(
    ("det", "amod", "compound", "nmod", "poss", "nummod", "case", "flat", "quantmod", "npadvmod")
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source found for a sentence: its noun phrase, best mention and reporting verb (body index)."""

    text: str
    mention: int | None
    verb: int | None
    exact: bool = False  # the mention is the phrase's head, not a modifier inside it

    def name(self, mentions: tuple[Mention, ...]) -> str:
        """The mention's text when the source is a mention, else the noun phrase."""
        return mentions[self.mention].text if self.mention is not None and self.exact else self.text


class Attributor:
    """Finds sources in one article; build once per article and query per token."""

    def __init__(self, article: CleanArticle, doc: Doc, mentions: tuple[Mention, ...]) -> None:
        self.article = article
        self.doc = doc
        self.mentions = mentions
        self._body_mentions: list[tuple[int, int, int]] = []
        for mi, m in enumerate(mentions):
            b = article.source_to_body(m.start)
            if b is not None:
                self._body_mentions.append((b, b + (m.end - m.start), mi))
        self._sents = [s for s in doc.sents if any(t.is_alpha or t.like_num for t in s)]
        self._closing = {i: self._bare_attribution(s) for i, s in enumerate(self._sents)}

    # ------------------------------------------------------------------ public

    def source_for(self, tok: Token) -> Attribution | None:
        """The source that token ``tok``'s clause is attributed to, or None when unattributed."""
        sent = tok.sent
        found = self._governing(tok) or self._according_to(sent) or self._any_reporter(sent, tok)
        if found is not None:
            return found
        return self._closing_after(sent)

    def reporting_verb(self, tok: Token) -> Token | None:
        """The nearest reporting verb governing ``tok`` in its sentence, or None."""
        for anc in tok.ancestors:
            if anc.pos_ in ("VERB", "AUX") and _lemma(anc) in REPORTING:
                return anc
        return None

    def mentions_in(self, start: int, end: int) -> list[int]:
        """Indices of mentions overlapping the body span [start, end), in text order."""
        return [mi for b, e, mi in self._body_mentions if b < end and start < e]

    # ------------------------------------------------------------------ forms

    def _governing(self, tok: Token) -> Attribution | None:
        """Subject (or passive agent) of the nearest reporting verb above ``tok`` with a usable subject."""
        for anc in tok.ancestors:
            if anc.pos_ in ("VERB", "AUX") and _lemma(anc) in REPORTING:
                att = self._subject_of(anc)
                if att is not None:
                    return att
        return None

    def _according_to(self, sent: TokSpan) -> Attribution | None:
        """The X of "according to X" (or "in line with X", a spun variant) in the sentence."""
        for t in sent:
            if t.lower_ in ("according", "line") and t.i + 1 < sent.end and t.nbor().lower_ in ("to", "with"):
                if t.lower_ == "line" and (t.i == sent.start or t.nbor(-1).lower_ != "in"):
                    continue
                objs = [c for c in t.nbor().children if c.dep_ == "pobj"]
                if objs:
                    return self._np(objs[0], t.sent)
        return None

    def _any_reporter(self, sent: TokSpan, tok: Token) -> Attribution | None:
        """A reporting verb elsewhere in the sentence (parataxis, "…, UNN reports")."""
        for t in sent:
            if t.i != tok.i and _lemma(t) in REPORTING and t.dep_ in ("ROOT", "parataxis"):
                att = self._subject_of(t)
                if att is not None:
                    return att
        return None

    def _closing_after(self, sent: TokSpan) -> Attribution | None:
        """The bare attribution line right after ``sent`` in its paragraph or starting the next one."""
        idx = next((i for i, s in enumerate(self._sents) if s.start == sent.start), None)
        if idx is None:
            return None
        for j in range(idx + 1, min(idx + 12, len(self._sents))):
            gap = self._gap(j)
            att = self._closing.get(j)
            if att is not None:
                return att
            if "\n" in gap:
                return None
            att = self._quote_closer(self._sents[j])
            if att is not None:
                return att
            if not self._quote_continues(self._sents[j]):
                return None
        return None

    def _quote_closer(self, sent: TokSpan) -> Attribution | None:
        """Source of a sentence ending a multi-sentence quote: '... in Kursk," the spokesman said.'"""
        root = sent.root
        if root.pos_ != "VERB" or _lemma(root) not in REPORTING:
            return None
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or not any(t.is_quote for t in sent if t.i < subj.i):
            return None
        return self._subject_of(root)

    def _gap(self, j: int) -> str:
        """Text between the last word of sentence j-1 and sentence j (spaCy keeps trailing space in a sentence)."""
        prev = self._sents[j - 1]
        words = [t for t in prev if not t.is_space]
        end = words[-1].idx + len(words[-1]) if words else prev.start_char
        return self.doc.text[end : self._sents[j].start_char]

    def _quote_continues(self, sent: TokSpan) -> bool:
        """True when the sentence has no reporting verb of its own (a quote may go on)."""
        return not any(_lemma(t) in REPORTING for t in sent if t.pos_ == "VERB" or t.dep_ == "ROOT")

    def _bare_attribution(self, sent: TokSpan) -> Attribution | None:
        """Source of a sentence that only attributes ("- Miller said.", "Reuters writes about it.")."""
        root = sent.root
        if _lemma(root) not in REPORTING:
            return None
        content = [c for c in root.children if c.dep_ in ("ccomp", "dobj", "xcomp", "advcl", "attr")]
        if content or len([t for t in sent if not t.is_punct]) > 8:
            return None
        return self._subject_of(root)

    # ------------------------------------------------------------------ noun phrases

    def _subject_of(self, verb: Token) -> Attribution | None:
        """The subject (or "by" agent) of ``verb`` as an attribution; pronouns resolved; None if none."""
        subj = None
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                subj = c
            elif c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    subj = objs[0]
        if subj is None:
            return None
        if subj.lower_ in PRONOUNS:
            return self.resolve_pronoun(subj, verb)
        att = self._np(subj, verb.sent)
        if att.text.lower() in PRONOUNS:
            return None
        return Attribution(att.text, att.mention, verb.i, att.exact)

    def resolve_pronoun(self, pron: Token, verb: Token) -> Attribution | None:
        """he/she: the latest Person mention before the pronoun (at most 3 sentences back)."""
        if pron.lower_ not in ("he", "she"):
            return None
        sent_starts = [s.start_char for s in self._sents]
        cur = next((i for i, s in enumerate(self._sents) if s.start <= pron.i < s.end), 0)
        floor = sent_starts[max(0, cur - 3)]
        best = None
        for b, _e, mi in self._body_mentions:
            if floor <= b < pron.idx and self.mentions[mi].type == "Person":
                best = mi
        if best is None:
            return None
        return Attribution(self.mentions[best].text, best, verb.i, True)

    def _np(self, head: Token, sent: TokSpan) -> Attribution:
        """Noun phrase of ``head`` (left modifiers, the head, a short "of X"), with its best mention."""
        left = head.i
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.lefts:
                if c.dep_ in _NP_LEFT and c.i >= sent.start:
                    left = min(left, c.left_edge.i if c.dep_ != "det" else c.i)
                    stack.append(c)
        right = head.i
        for c in head.rights:
            if (
                (c.dep_ in ("compound", "flat", "appos") and c.i == right + 1)
                or (c.dep_ == "conj" and c.i - right <= 3)
                or (c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i - head.i <= 6)
            ):
                right = c.right_edge.i
        while right > left and self.doc[right].is_punct:
            right -= 1
        span = self.doc[left : right + 1]
        mids = self.mentions_in(span.start_char, span.end_char)
        own = self.mentions_in(head.idx, head.idx + len(head))
        best = _best_mention(own, self.mentions)
        exact = best is not None
        if best is None:
            people = [m for m in mids if self.mentions[m].type in ("Person", "Organization")]
            best = _best_mention(people, self.mentions)
        text = span.text
        if len(span) > 10 and best is not None:
            text = self.mentions[best].text
        return Attribution(text, best, None, exact)


def _best_mention(mids: list[int], mentions: tuple[Mention, ...]) -> int | None:
    """The mention that best names a source: Person, then Organization, then any; None if none."""
    for kind in ("Person", "Organization", "Country", "Place"):
        for mi in mids:
            if mentions[mi].type == kind:
                return mi
    return mids[0] if mids else None


@functools.cache
def _lemmatizer() -> Lemmatizer:
    """spaCy's English rule lemmatizer, loaded once (``load_nlp`` excludes it from the pipeline)."""
    import spacy

    from storyline.stages.nlp import MODEL_NAME

    pipe = spacy.load(MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler", "senter"])
    lemmatizer = pipe.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return lemmatizer


def _lemma(tok: Token) -> str:
    """Lower-case lemma of ``tok``, from the parse when it has lemmas, else the rule lemmatizer."""
    if tok.lemma_:
        return tok.lemma_.lower()
    forms = _lemmatizer().rule_lemmatize(tok)
    return (forms[0] if forms else tok.text).lower()


def lemma(tok: Token) -> str:
    """Lower-case lemma of a token (public helper for the extract stages)."""
    return _lemma(tok)


def timex_heads(
    article: CleanArticle, doc: Doc, timexes: tuple[Timex, ...], *, unresolved: bool = False
) -> list[tuple[int, Token]]:
    """(timex index, head token) of each dated DATE/TIME timex of the body, in timex order.

    Resolved values only, unless ``unresolved`` also admits TimeML forms like "XXXX-10-28".
    """
    out = []
    for ti, tx in enumerate(timexes):
        if tx.in_chrome or tx.type not in ("DATE", "TIME"):
            continue
        if not (tx.value[:1].isdigit() or (unresolved and tx.value.startswith("XXXX"))):
            continue
        span = doc_span(article, doc, tx.start, tx.end)
        if span is not None:
            out.append((ti, span.root))
    return out


def doc_span(article: CleanArticle, doc: Doc, start: int, end: int) -> TokSpan | None:
    """The tokens covering source span [start, end) of the body, or None when it is not in the body."""
    b = article.source_to_body(start)
    if b is None:
        return None
    span = doc.char_span(b, b + (end - start), alignment_mode="expand")
    return span if span is not None and len(span) else None
