"""Near-duplicate articles: wire copies, light edits and synonym-spun rewrites.

Why datasketch MinHash + LSH: it is the measured near-duplicate tool here (DEPENDENCIES.md:
4,750 signatures/s, 15k LSH queries/s) and keeps candidate search sub-quadratic, so adding one
article to a large store costs one query, not a pass over every body.

Two shingle sets per body, because they fail differently:
- word 3-shingles: exact for copies and light edits, but a spinner that swaps one word in five
  breaks most trigrams (spun rewrites sit near 0.5 Jaccard or below);
- character 5-shingles (over lower-cased text with collapsed white space): a swapped word only
  breaks the shingles that touch it, so spun rewrites keep much more of their overlap.
Candidates from either LSH index (thresholds below the decision thresholds) are verified with the
*exact* Jaccard of the shingle sets, so the LSH's false positives never reach the output.
Containment (share of the shorter body's word shingles found in the longer) catches truncated
wire copies whose Jaccard is low only because one version is longer.

Cross-language (machine-translated) copies are out of scope: shingles of different languages do
not overlap; that needs translation or multilingual embeddings.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from storyline.model import ArticleResult

NUM_PERM = 128
# LSH thresholds only select candidates; they sit below the decision thresholds so that
# borderline pairs are verified exactly rather than lost to the banding approximation.
WORD_LSH_THRESHOLD = 0.3
CHAR_LSH_THRESHOLD = 0.3
# Decision thresholds on exact Jaccard, measured: a synonym-spun news rewrite against its
# (hand-restored) original has word-trigram Jaccard 0.27 but character-5-gram Jaccard 0.50;
# over the 9,057 same-topic ECB+ document pairs (many outlets reporting one event) the
# character Jaccard's 99th percentile is 0.42, and the pairs above 0.45 are rewrites of one
# wire story; a same-outlet follow-up article (new facts, same background) reached 0.42 with
# word Jaccard 0.13, hence the word floor on the character test.
WORD_MIN_JACCARD = 0.5
CHAR_MIN_JACCARD = 0.45
CHAR_WORD_FLOOR = 0.2
WORD_MIN_CONTAINMENT = 0.8
MIN_WORD_SHINGLES = 10  # bodies shorter than this (about a dozen words) are never called copies

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def word_shingles(text: str, n: int = 3) -> frozenset[str]:
    """Lower-cased word n-grams of ``text``; empty for fewer than ``n`` words."""
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def char_shingles(text: str, n: int = 5) -> frozenset[str]:
    """Character n-grams of lower-cased ``text`` with white space collapsed; empty if shorter."""
    t = _SPACE.sub(" ", text.lower()).strip()
    return frozenset(t[i : i + n] for i in range(len(t) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two sets; 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def _minhash(shingles: frozenset[str]) -> MinHash:
    """A 128-permutation MinHash of a shingle set (fixed seed, so signatures are reproducible)."""
    # crc32 instead of datasketch's default sha1: the permutations are applied on top of it, and
    # it is 2.5x faster end to end (sha1 was 60% of the stage's time on ECB+); LSH only proposes
    # candidates, which are verified exactly, so a weaker base hash cannot create false copies.
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def is_copy(body_a: str, body_b: str) -> bool:
    """True when two bodies are near-duplicates by the exact shingle tests (no LSH)."""
    wa, wb = word_shingles(body_a), word_shingles(body_b)
    if len(wa) < MIN_WORD_SHINGLES or len(wb) < MIN_WORD_SHINGLES:
        return False
    return _verified(wa, wb, char_shingles(body_a), char_shingles(body_b))


def _verified(wa: frozenset[str], wb: frozenset[str], ca: frozenset[str], cb: frozenset[str]) -> bool:
    """True when exact word Jaccard, word containment, or character Jaccard (with a word floor) passes."""
    return (
        jaccard(wa, wb) >= WORD_MIN_JACCARD
        or containment(wa, wb) >= WORD_MIN_CONTAINMENT
        or (jaccard(ca, cb) >= CHAR_MIN_JACCARD and jaccard(wa, wb) >= CHAR_WORD_FLOOR)
    )


def _original_key(result: ArticleResult) -> tuple[str, int, str]:
    """Sort key choosing a group's original: earliest publication, then longest body, then id."""
    pub = result.published
    when = pub.date or pub.earliest or "9999"
    return (when, -len(result.article.body), result.id)


def find_copies(results: Sequence[ArticleResult]) -> Mapping[str, str]:
    """Map each copy's article id to the id of the original it copies.

    Args:
        results: the articles of the story (any order; duplicates by id are ignored).

    Returns:
        ``{copy id: original id}``; the original of a group of near-duplicates is its earliest
        published member (ties: longest body, then smallest id), and every other member maps
        to it. Empty when there are no copies.
    """
    by_id: dict[str, ArticleResult] = {}
    for r in results:
        by_id.setdefault(r.id, r)
    ids = sorted(by_id)
    words = {i: word_shingles(by_id[i].article.body) for i in ids}
    chars = {i: char_shingles(by_id[i].article.body) for i in ids}
    ids = [i for i in ids if len(words[i]) >= MIN_WORD_SHINGLES]
    if len(ids) < 2:
        return {}
    # LSH keys must be unique strings; article ids are, but hash them to keep keys short.
    key = {i: hashlib.sha1(i.encode("utf-8")).hexdigest() for i in ids}
    back = {k: i for i, k in key.items()}
    word_lsh = MinHashLSH(threshold=WORD_LSH_THRESHOLD, num_perm=NUM_PERM)
    char_lsh = MinHashLSH(threshold=CHAR_LSH_THRESHOLD, num_perm=NUM_PERM)
    sigs = {}
    for i in ids:
        sigs[i] = (_minhash(words[i]), _minhash(chars[i]))
        word_lsh.insert(key[i], sigs[i][0])
        char_lsh.insert(key[i], sigs[i][1])
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        """Root of ``x`` in the union-find forest."""
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in ids:
        cands = set(word_lsh.query(sigs[i][0])) | set(char_lsh.query(sigs[i][1]))
        for j in sorted(back[k] for k in cands):
            if j <= i or find(i) == find(j):
                continue
            if _verified(words[i], words[j], chars[i], chars[j]):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda m: _original_key(by_id[m]))
        for m in sorted(members):
            if m != original:
                out[m] = original
    return out
