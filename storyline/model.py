"""Every dataclass that crosses a stage boundary.

Offsets: every ``start``/``end`` pair in this module is a Python string index into
``CleanArticle.text``, the article's *original text* (for a text dump or JSONL ``text``
it is the decoded input itself; for HTML it is the page's visible text flattened one
block per line, see ``stages/clean_html.py``). ``text[x.start:x.end] == x.text`` always
holds. Stages that work on ``CleanArticle.body`` convert with ``CleanArticle.to_source``.

Dates are ISO 8601 strings whose length is their granularity (``"2024"``, ``"2024-06"``,
``"2024-07-18"``).
"""

from __future__ import annotations

import bisect
import dataclasses
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input document as read, before any parsing: the bytes and where they came from."""

    id: str  # sha256 hex of ``data``
    origin: str  # file name, URL or WARC record id
    data: bytes
    text: str  # decoded ``data``
    content_type: str  # "text" or "html"
    encoding: str = "utf-8"
    url: str | None = None
    fetched_at: str | None = None  # ISO date(time) when the page was fetched, if known
    published_hint: str | None = None  # a publication date given by the source (JSONL field)
    title_hint: str | None = None  # a title given by the source (JSONL field)
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong with one input; recorded, never silently dropped."""

    origin: str
    stage: str
    error: str  # exception class name or short code, e.g. "binary", "empty", "decode"
    message: str
    article_id: str | None = None


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True)
class Segment:
    """One contiguous piece of the body: ``body[body_start:body_start+length] == text[start:start+length]``."""

    body_start: int
    start: int
    length: int


@dataclass(frozen=True, slots=True)
class ChromeSpan:
    """A removed piece of page chrome and why it was removed (e.g. "view-counter", "popular-list")."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Teaser:
    """A related-article teaser in the page chrome, with its timestamp when it has one."""

    start: int
    end: int
    text: str  # headline without the timestamp
    timestamp: str | None = None  # ISO date or datetime, e.g. "2024-11-01T19:31"
    ts_start: int | None = None
    ts_end: int | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The article taken out of its page: title, body, removed chrome and the offset map."""

    id: str
    origin: str
    text: str  # the original text; every span indexes it
    body: str  # body paragraphs joined by "\n\n"
    segments: tuple[Segment, ...]
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    chrome: tuple[ChromeSpan, ...] = ()
    teasers: tuple[Teaser, ...] = ()
    outlet: str | None = None
    url: str | None = None
    fetched_at: str | None = None
    published_hint: str | None = None  # a date given by the source or HTML metadata
    content_type: str = "text"
    steps: tuple[str, ...] = ()

    def to_source(self, body_start: int, body_end: int) -> tuple[int, int]:
        """Map a body span to a span of ``text``; the body span must not start in a paragraph gap."""
        return self.body_to_source(body_start), self.body_to_source(body_end, end=True)

    def body_to_source(self, pos: int, *, end: bool = False) -> int:
        """Source offset of body offset ``pos`` (for ``end=True`` an exclusive end)."""
        if not self.segments:
            return 0
        starts = [s.body_start for s in self.segments]
        i = bisect.bisect_right(starts, pos - 1 if end else pos) - 1
        i = max(i, 0)
        seg = self.segments[i]
        off = min(max(pos - seg.body_start, 0), seg.length)
        return seg.start + off

    def source_to_body(self, pos: int) -> int | None:
        """Body offset of source offset ``pos``, or None when ``pos`` is not inside the body."""
        for seg in self.segments:
            if seg.start <= pos <= seg.start + seg.length:
                return seg.body_start + (pos - seg.start)
        return None

    def paragraphs(self) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, text)`` of each body paragraph in source offsets."""
        for seg in self.segments:
            yield seg.start, seg.start + seg.length, self.text[seg.start : seg.start + seg.length]


# --------------------------------------------------------------------------- annotate


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article's original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LanguageSpan:
    """The language of one paragraph (ISO 639-1, or "und" when unknown)."""

    start: int
    end: int
    language: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a cleaned article, located by character offsets."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 time expression with its normalised value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # "2024-10-28", "2024-W11", "P1Y", "PAST_REF", "XXXX-10-28" when unresolved
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER...
    anchor: str | None = None  # the reference date used to resolve it, if any
    in_chrome: bool = False  # found in page chrome (teaser, dateline) rather than the body


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """One piece of evidence for a publication date."""

    start: int
    end: int
    text: str
    why: str
    earliest: str | None = None
    latest: str | None = None
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Published:
    """An inferred publication date with an uncertainty window; ``date`` None means abstained."""

    date: str | None = None
    earliest: str | None = None
    latest: str | None = None
    confidence: float = 0.0
    evidence: tuple[DateEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit and hedge ("about 10,000 soldiers")."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    approximate: bool = False
    hedge: str | None = None  # "about", "more than", "an estimated", ...


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention; ``entity``/``entity_id`` are filled by cross-document resolution."""

    start: int
    end: int
    text: str
    type: str  # Person, Organization, Country, Place, Other
    name: str  # the name without titles or possessives, e.g. "Alexei Kryvoruchko"
    role: str | None = None  # a title or office kept as an attribute: "Deputy Minister of Defense"
    kb_id: str | None = None  # knowledge-base key (Wikidata QID) when matched
    metonymy: bool = False  # a capital/seat of government used as an actor ("Pyongyang said")
    source: str = "ner"  # "ner", "gazetteer", "partial", "demonym", ...
    entity: str | None = None  # canonical name after resolution
    entity_id: str | None = None


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when, where: one event as one article reports it."""

    type: str  # PLOVER type
    mode: str  # "" (asserted), "negated", "hypothetical", "future"
    trigger: Span
    summary: str
    actors: tuple[int, ...]  # indices into ArticleResult.mentions
    targets: tuple[int, ...] = ()
    location: int | None = None  # index into ArticleResult.mentions
    date: str | None = None  # ISO prefix, granularity by length
    date_source: str | None = None  # "timex", "published", "sentence-context"
    timex: int | None = None  # index into ArticleResult.timexes
    evidence: tuple[Span, ...] = ()
    source: str | None = None  # who the sentence attributes it to ("KCNA", "the State Department")
    source_mention: int | None = None
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed numeric statement."""

    subject: str
    value: float
    unit: str | None
    approximate: bool
    quantity: int  # index into ArticleResult.quantities
    source: str | None = None
    source_mention: int | None = None
    stated: str | None = None  # date the claim was made (ISO prefix)
    evidence: tuple[Span, ...] = ()
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the per-document stages found in one article."""

    article: CleanArticle
    language: str
    languages: tuple[LanguageSpan, ...]
    published: Published
    sentences: tuple[Sentence, ...] = ()
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    flags: tuple[str, ...] = ()  # "spun", "machine_translated", "syndicated"
    copy_of: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id


# --------------------------------------------------------------------------- across documents


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form merged into an entity, and why."""

    name: str
    reason: str  # "exact", "kb-alias", "acronym", "demonym", "capital-metonymy", "surname", "story-name", "fuzzy 91", ...
    count: int = 1


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity resolved across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[Alias, ...] = ()
    wikidata: str | None = None
    mentions: int = 0
    articles: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of one article's original text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One real event, merged across the articles that report it."""

    id: str
    type: str
    summary: str
    date: str | None
    participants: tuple[str, ...]  # entity ids
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    source: str | None = None
    mode: str = ""
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location: str | None = None  # entity id
    members: tuple[tuple[str, int], ...] = ()  # (article id, index into its events)


@dataclass(frozen=True, slots=True)
class StoryClaim:
    """A numeric claim with its article; kept per statement so disagreements stay visible."""

    id: str
    subject: str
    value: float
    unit: str | None
    approximate: bool
    source: str | None
    stated: str | None
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    source_entity: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """The cross-document picture: resolved entities, merged events, claims, copies."""

    entities: tuple[Entity, ...]
    events: tuple[StoryEvent, ...]
    claims: tuple[StoryClaim, ...]
    mention_entities: Mapping[tuple[str, int], str]  # (article id, mention index) -> entity id
    copies: Mapping[str, str]  # article id -> id of the article it copies
    published: Mapping[str, Published] = field(default_factory=dict)  # refined by the story
    # names the story's articles tagged, found again in articles whose tagging missed them
    # (stages/story_names.py); indices continue after each article's own mentions
    mentions: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)


# --------------------------------------------------------------------------- (de)serialisation


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data for a dataclass tree (tuples become lists, bytes are dropped)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if isinstance(v, bytes):
                continue
            out[f.name] = to_dict(v)
        return out
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, Mapping):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type[Any], data: Any) -> Any:
    """Rebuild a dataclass (or a container of them) from ``to_dict`` output."""
    return _builder(cls)(data)


_BUILDERS: dict[Any, Callable[[Any], Any]] = {}


def _identity(data: Any) -> Any:
    """The value itself."""
    return data


def _builder(tp: Any) -> Callable[[Any], Any]:
    """A function building a value of type ``tp`` from plain data (None stays None), compiled once per type."""
    fn = _BUILDERS.get(tp)
    if fn is None:
        fn = _BUILDERS[tp] = _compile(tp)
    return fn


def _compile(tp: Any) -> Callable[[Any], Any]:
    """The builder for ``tp``; see ``_builder``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _builder(args[0]) if len(args) == 1 else _identity
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _builder(args[0])
            if item is _identity:
                return lambda data: None if data is None else tuple(data)
            return lambda data: None if data is None else tuple(item(v) for v in data)
        items = [_builder(a) for a in args]
        return lambda data: None if data is None else tuple(f(v) for f, v in zip(items, data, strict=False))
    if origin in (Mapping, dict) or tp in (dict, Mapping):
        return lambda data: None if data is None else dict(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, hints[f.name]) for f in dataclasses.fields(tp)]

        def build(data: Any) -> Any:
            if data is None:
                return None
            kwargs = {}
            for name, hint in fields:
                if name in data:
                    kwargs[name] = _builder(hint)(data[name])
                elif hint is bytes:
                    kwargs[name] = b""
            return tp(**kwargs)

        return build
    return _identity
