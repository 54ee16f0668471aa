"""Story claims: one StoryClaim per article claim; identical claims of copies collapse into one.

Claims are kept per statement (not merged across outlets) so that disagreeing figures stay
visible side by side; only copies of one wire story (``copies.find_copies``) repeat the very same
statement, and those collapse so a syndicated figure is not counted as independent confirmation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.model import ArticleResult, Claim, Evidence, Span, StoryClaim


def entity_of(result: ArticleResult, index: int | None, links: Mapping[tuple[str, int], str]) -> str | None:
    """Entity id of mention ``index`` of ``result``, or None when unknown or out of range."""
    if index is None or not 0 <= index < len(result.mentions):
        return None
    return links.get((result.id, index)) or result.mentions[index].entity_id


@dataclass(slots=True)
class _ClaimRow:
    """A StoryClaim being collected (mutable while copies add their articles)."""

    id: str
    claim: Claim
    articles: list[str]
    evidence: list[Evidence]
    entity: str | None
    position: tuple[str, int]


def claim_id(article_id: str, start: int, end: int) -> str:
    """Stable id ``cl-`` + 12 hex digits of sha1 over the article id and quantity offsets."""
    return "cl-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]


def _norm(text: str | None) -> str:
    """Case- and space-folded text for comparing claims; empty for None."""
    return " ".join((text or "").casefold().split())


def link_claims(
    results: Sequence[ArticleResult],
    mention_entities: Mapping[tuple[str, int], str],
    copies: Mapping[str, str],
) -> tuple[StoryClaim, ...]:
    """One StoryClaim per article claim; identical claims of copies of one story collapse.

    Args:
        results: the articles.
        mention_entities: (article id, mention index) -> entity id (for ``source_entity``).
        copies: copy id -> original id (``find_copies``); claims with the same value, unit,
            source and subject in one copy group become one StoryClaim listing every article.

    Returns:
        Claims ordered by first article id and position; empty when there are none.
    """
    # originals before copies, so a collapsed claim keeps the original's id
    order = sorted(results, key=lambda r: (r.id in copies, r.id))
    rows: dict[tuple[object, ...], _ClaimRow] = {}
    ordered: list[_ClaimRow] = []
    for r in order:
        text = r.article.text
        seen: dict[tuple[object, ...], int] = {}
        for c in r.claims:
            q = r.quantities[c.quantity] if 0 <= c.quantity < len(r.quantities) else None
            spans = [s for s in c.evidence if text[s.start : s.end] == s.text]
            if q is not None and text[q.start : q.end] == q.text:
                anchor = (q.start, q.end)
                spans = spans or [Span(q.start, q.end, q.text)]
            else:
                anchor = (spans[0].start, spans[0].end) if spans else (0, 0)
            sig = (copies.get(r.id, r.id), c.value, _norm(c.unit), _norm(c.source), _norm(c.subject))
            n = seen[sig] = seen.get(sig, -1) + 1  # the n-th identical claim of this article
            evidence = [Evidence(r.id, s.start, s.end, s.text) for s in spans]
            entity = entity_of(r, c.source_mention, mention_entities)
            row = rows.get((*sig, n))
            if row is not None:  # the same claim in another copy of the story
                row.articles.append(r.id)
                row.evidence.extend(evidence)
                row.entity = row.entity or entity
            else:
                row = _ClaimRow(claim_id(r.id, *anchor), c, [r.id], evidence, entity, (r.id, anchor[0]))
                rows[(*sig, n)] = row
                ordered.append(row)
    claims = []
    for row in sorted(ordered, key=lambda x: x.position):
        c = row.claim
        claims.append(
            StoryClaim(
                id=row.id,
                subject=c.subject,
                value=c.value,
                unit=c.unit,
                approximate=c.approximate,
                source=c.source,
                stated=c.stated,
                articles=tuple(sorted(row.articles)),
                evidence=tuple(row.evidence),
                source_entity=row.entity,
            )
        )
    return tuple(claims)
