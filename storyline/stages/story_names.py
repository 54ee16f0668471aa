"""Story-level names: a name the story's articles tag is found again where one article's tagging missed it.

The small English NER model sees a name in one sentence and misses it in the next ("the San
Diego Chargers" tagged, "Chargers" or "the 76ers" not; a team, a ship or a company the model
has never seen). The articles of one story name the same people and organisations, so what the
tagger (or the knowledge base) found in the story is a gazetteer for every article of it: the
idea of document-level label consistency in NER (Krishnan & Manning 2006), applied across a
story instead of a document.

The gazetteer holds the person and organisation names tagged at least ``MIN_SEEN`` times in
the story (by NER, the knowledge base, a role word or an acronym definition, never by this
pass), and the last word of a longer organisation name ("Chargers" for "San Diego Chargers")
when it stands for one organisation only; not offices the tagger took for names ("Surgeon
General": the last word is a title). Each article's body is matched token by token,
case-sensitively, on word boundaries; a match becomes a mention (``source="story"``, the name
and KB id of the tagged mentions) unless it overlaps a mention of the article, or it is one word
that the article also writes in lower case outside URLs ("Police" is a name only where "police"
is never a common noun). Added mentions live in the story (``Story.mentions``), after the article's own,
so every index the per-article stages stored stays valid.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from storyline.model import ArticleResult, Mention, Story
from storyline.stages.entities import TITLE_HEADS, org_short_name

MIN_SEEN = 2  # a name the story tags this often is a story name
MIN_CHARS = 4  # shorter names ("AP", "Kim") are too ambiguous to match untagged
MAX_TOKENS = 6
SOURCES = frozenset({"ner", "gazetteer", "role", "acronym"})
TYPES = frozenset({"Person", "Organization"})
_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*")


def _key(text: str) -> tuple[str, ...]:
    """The name as a tuple of tokens (case kept)."""
    return tuple(_TOKEN.findall(text))


def _in_path(text: str, start: int, end: int) -> bool:
    """True for a word that is a segment of a URL or file path ("…/nfl/chargers/2009…")."""
    return text[max(0, start - 2) : start].strip().endswith("/") or text[end : end + 2].strip().startswith("/")


def story_gazetteer(results: Sequence[ArticleResult]) -> dict[tuple[str, ...], Mention]:
    """Token tuple -> a template mention (type, name, KB id) for the story's names."""
    seen: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[tuple[str, str, str | None]]] = defaultdict(Counter)
    for r in results:
        for m in r.mentions:
            if m.type not in TYPES or m.source not in SOURCES or not m.text[:1].isupper():
                continue
            key = _key(m.text)
            if not key or len(key) > MAX_TOKENS or len(m.text) < MIN_CHARS:
                continue
            seen[key] += 1
            forms[key][(m.type, m.name, m.kb_id)] += 1
    names = {k for k, n in seen.items() if n >= MIN_SEEN and k[-1].lower() not in TITLE_HEADS}
    out: dict[tuple[str, ...], Mention] = {}
    for k in names:
        typ, name, kb_id = forms[k].most_common(1)[0][0]
        out[k] = Mention(0, 0, " ".join(k), typ, name, kb_id=kb_id, source="story")
    # the last word of a longer organisation name, when it stands for that organisation only
    last: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for k in names:
        if out[k].type == "Organization" and len(k) >= 2 and org_short_name(k[-1]):
            last[(k[-1],)].add(k)
    for w, full in last.items():
        if len(full) == 1 and w not in out:
            out[w] = replace(out[next(iter(full))], text=w[0])
    return out


def story_mentions(results: Sequence[ArticleResult]) -> dict[str, tuple[Mention, ...]]:
    """Article id -> the mentions the story's names add to it (in text order; none for most)."""
    gaz = story_gazetteer(results)
    if not gaz:
        return {}
    longest = max(len(k) for k in gaz)
    firsts = {k[0] for k in gaz}
    out: dict[str, tuple[Mention, ...]] = {}
    for r in results:
        a = r.article
        if not a.body:
            continue
        toks = list(_TOKEN.finditer(a.body))
        lower = {t.group(0) for t in toks if t.group(0).islower() and not _in_path(a.body, t.start(), t.end())}
        taken = sorted((m.start, m.end) for m in r.mentions)
        added: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = None
            if toks[i].group(0) not in firsts:
                i += 1
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                key = tuple(t.group(0) for t in toks[i : i + n])
                tpl = gaz.get(key)
                if tpl is None:
                    continue
                # tokens of one name are separated by single spaces only (no line break, no comma)
                if all(a.body[toks[j].end() : toks[j + 1].start()] == " " for j in range(i, i + n - 1)):
                    hit = (n, tpl)
                    break
            if hit is None:
                i += 1
                continue
            n, tpl = hit
            bs, be = toks[i].start(), toks[i + n - 1].end()
            i += n
            if n == 1 and tpl.text.lower() in lower:
                continue  # the article writes the word as a common noun too
            s, e = a.to_source(bs, be)
            if a.text[s:e] != a.body[bs:be] or any(x < e and s < y for x, y in taken):
                continue
            added.append(replace(tpl, start=s, end=e, text=a.text[s:e]))
        if added:
            out[r.id] = tuple(added)
    return out


def with_story_mentions(result: ArticleResult, added: Mapping[str, Sequence[Mention]] | Story | None) -> ArticleResult:
    """``result`` with the story's added mentions after its own (indices of its own unchanged)."""
    if isinstance(added, Story):
        added = added.mentions
    extra = tuple(added.get(result.id, ())) if added else ()
    return replace(result, mentions=result.mentions + extra) if extra else result
