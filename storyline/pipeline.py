"""The per-article runner: an ordered tuple of stages, each declaring what it needs and provides.

Declared like spaCy's ``@Language.component(requires=..., assigns=...)`` and checked like
``spacy/pipe_analysis.py``: ``check_stages()`` fails when a stage requires something no
earlier stage provides. Each stage has a ``version``; ``PIPELINE_VERSION`` combines them and is
stored with every result, so a changed stage makes the store recompute stale results only.

A stage that raises does not stop the article: the runner records a ``Problem`` and leaves that
stage's outputs empty, so the article is still kept with whatever the earlier stages found
(spaCy's ``set_error_handler`` idea). Only ``clean`` is fatal, since without it there is no
article.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import (
    ArticleResult,
    Claim,
    CleanArticle,
    DateEvidence,
    Event,
    LanguageSpan,
    Mention,
    Problem,
    Published,
    Quantity,
    RawDoc,
    Sentence,
    Timex,
)
from storyline.settings import Settings


@dataclass(slots=True)
class ArticleState:
    """Work in progress on one article; internal to the runner, never passed between stages."""

    raw: RawDoc
    dct: str | None = None
    article: CleanArticle | None = None
    language: str = "und"
    languages: tuple[LanguageSpan, ...] = ()
    doc: Any = None
    sentences: tuple[Sentence, ...] = ()
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    published: Published = field(default_factory=Published)
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    flags: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """Read-only resources shared by every article of a run."""

    settings: Settings
    batch: Any = None  # clean.BatchContext: lines repeated across the batch
    nlp: Any = None


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the per-article pipeline."""

    name: str
    run: Callable[[ArticleState, Context], None]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    version: str
    fatal: bool = False


def _clean(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import clean

    s.article = clean.clean_article(s.raw, ctx.batch)


def _languages(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import detect

    assert s.article is not None
    s.language, s.languages = detect.detect_languages(s.article)


def _parse(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import nlp, sentences

    assert s.article is not None
    if ctx.nlp is None:
        ctx.nlp = nlp.load_nlp()
    s.doc = nlp.parse(s.article, ctx.nlp)
    s.sentences = sentences.split_sentences(s.article, s.doc)


def _mentions(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import entities

    assert s.article is not None
    mentions = entities.find_mentions(s.article, s.doc, s.sentences)
    if not _english(s):
        # The NER model is English: elsewhere keep only mentions the knowledge base confirms.
        mentions = tuple(m for m in mentions if m.kb_id)
    s.mentions = mentions


def _english(s: ArticleState) -> bool:
    """True when the English models apply to this article (English, or language unknown)."""
    return s.language in ("en", "und")


def _timexes(s: ArticleState, ctx: Context) -> None:
    """Tag time expressions, infer the publication date, then resolve relatives against it."""
    from storyline.stages import dating, timexes

    assert s.article is not None
    if s.dct:
        s.published = Published(
            date=s.dct, earliest=s.dct, latest=s.dct, confidence=1.0,
            evidence=(DateEvidence(0, 0, "", "creation date given by the user (--dct)", s.dct, s.dct, 1.0),),
        )
    else:
        unresolved = timexes.tag_timexes(s.article, s.sentences, None)
        s.published = dating.infer_published(
            s.article, unresolved, s.mentions, fetched_at=s.raw.fetched_at
        )
    s.timexes = _resolve_timexes(s.article, s.sentences, s.published)


def _resolve_timexes(article: CleanArticle, sentences: tuple[Sentence, ...], pub: Published) -> tuple[Timex, ...]:
    """Timexes resolved against the publication date, or against its window when undated.

    Without a date, a relative expression is resolved when both ends of a bounded window give
    it the same value ("in July" in an article published sometime in Aug-Dec 2022 is 2022-07);
    otherwise it stays unresolved. Unresolved months and days that date a known event of their
    sentence then take that event's year.
    """
    from storyline.stages import dating, timexes

    if pub.date:
        return timexes.tag_timexes(article, sentences, pub.date)
    tagged = timexes.tag_timexes(article, sentences, None)
    if pub.earliest and pub.latest:
        lo = timexes.tag_timexes(article, sentences, pub.earliest)
        hi = timexes.tag_timexes(article, sentences, pub.latest)
        if len(lo) == len(hi) == len(tagged):
            tagged = tuple(
                dataclasses.replace(t, value=a.value, anchor=f"{pub.earliest}/{pub.latest}")
                if a.value == b.value and a.value != t.value and (a.start, a.end) == (t.start, t.end) else t
                for t, a, b in zip(tagged, lo, hi, strict=True)
            )
    return dating.anchor_known_events(article, tagged)


def _quantities(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import quantities

    assert s.article is not None
    s.quantities = quantities.find_quantities(s.article, s.doc, s.sentences)


def _events(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import events

    assert s.article is not None
    if not _english(s):
        return  # the PLOVER lexicon and the parser are English
    s.events = events.extract_events(
        s.article, s.doc, s.sentences, s.mentions, s.timexes, s.published
    )


def _claims(s: ArticleState, ctx: Context) -> None:
    from storyline.stages import claims

    assert s.article is not None
    if not _english(s):
        return  # attribution rules are English
    s.claims = claims.extract_claims(
        s.article, s.doc, s.sentences, s.mentions, s.quantities, s.timexes, s.published
    )


STAGES: tuple[Stage, ...] = (
    Stage("clean", _clean, ("raw",), ("article",), "clean.v6", fatal=True),
    Stage("languages", _languages, ("article",), ("language", "languages"), "detect.v1"),
    Stage("parse", _parse, ("article",), ("doc", "sentences"), "spacy-sm-3.8.0.v1"),
    Stage("mentions", _mentions, ("article", "language", "doc", "sentences"), ("mentions",), "entities.v3"),
    Stage("timexes", _timexes, ("article", "sentences", "mentions"), ("timexes", "published"), "time.v6"),
    Stage("quantities", _quantities, ("article", "doc", "sentences"), ("quantities",), "quantities.v1"),
    Stage(
        "events", _events,
        ("article", "language", "doc", "sentences", "mentions", "timexes", "published"), ("events",), "events.v3",
    ),
    Stage(
        "claims", _claims,
        ("article", "language", "doc", "sentences", "mentions", "quantities", "timexes", "published"),
        ("claims",), "claims.v2",
    ),
)

PIPELINE_VERSION = hashlib.sha1("|".join(s.version for s in STAGES).encode()).hexdigest()[:12]


def check_stages(stages: Sequence[Stage] = STAGES) -> None:
    """Raise ValueError when a stage requires what no earlier stage provides."""
    have = {"raw"}
    fields = {f.name for f in dataclasses.fields(ArticleState)}
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ValueError(f"stage {st.name!r} requires {missing}, which no earlier stage provides")
        unknown = [p for p in st.provides if p not in fields]
        if unknown:
            raise ValueError(f"stage {st.name!r} provides unknown fields {unknown}")
        have.update(st.provides)


def run_article(raw: RawDoc, ctx: Context, *, dct: str | None = None) -> ArticleResult | Problem:
    """Run every stage on one document; a Problem when cleaning fails, else the result.

    Non-fatal stage failures are recorded in ``ArticleResult.problems`` and leave that stage's
    outputs empty.
    """
    s = ArticleState(raw=raw, dct=dct)
    for st in STAGES:
        try:
            st.run(s, ctx)
        except Exception as ex:  # noqa: BLE001 - any stage bug becomes a recorded Problem
            problem = Problem(raw.origin, st.name, type(ex).__name__, str(ex)[:500], raw.id)
            if st.fatal:
                return problem
            s.problems.append(problem)
    assert s.article is not None
    from storyline.stages import link

    result = ArticleResult(
        article=s.article, language=s.language, languages=s.languages, published=s.published,
        sentences=s.sentences, timexes=s.timexes, mentions=s.mentions, quantities=s.quantities,
        events=s.events, claims=s.claims, problems=tuple(s.problems),
    )
    try:
        flags = link.detect_flags(result)
    except Exception as ex:  # noqa: BLE001 - see above
        flags = ()
        result = dataclasses.replace(
            result, problems=(*result.problems, Problem(raw.origin, "flags", type(ex).__name__, str(ex)[:500], raw.id))
        )
    return dataclasses.replace(result, flags=tuple(flags))
