"""Cross-document entity resolution: cluster the mentions of all articles into entities.

Rules rather than a learned model: the inputs are noisy machine translations and spun
rewrites whose damage is systematic (transliteration variants, truncated case endings,
hyphen/space splits), there is no training data for that damage, and every merge must be
explainable, so each alias records why it joined (``Alias.reason``). Steps:

1. a node per (KB key) or (type, folded name): KB matches from the gazetteer cluster on the
   Wikidata QID/KB key and take the KB canonical name;
2. unmatched persons are compared with KB persons and with each other through blocking keys
   (stemmed first/last name tokens) — never all pairs: transliteration folding (``kb.fold_name``:
   Cyrillic romanisation, y/i, j/y/i, kh/h, ts/c, doubled letters), trailing-vowel endings
   ("Shevchenka" ~ "Shevchenko"), and for 3+ token names a damaged last given-name token
   (edit distance 1 after folding: "Lee Jae -myng" ~ "Lee Jae-myung", while "Lee Jae-yong"
   is another person whose given name differs by more and stays apart);
3. surname-only persons join the unique full-name entity with that surname (same article first,
   then the whole story); organisations join by acronym initials ("KCNA" ~ "Korean Central News
   Agency") or rapidfuzz token ratio >= 92 within the same block; places by ratio >= 90;
   a name the NER model typed inconsistently joins its much commoner typing; a one-word
   organisation name joins the one longer name it shortens ("Chargers" ~ "San Diego Chargers");
4. corrections (merge / split / rename) are applied last, so a person's fix always wins.

Canonical name: the KB name when known, else the most frequent undamaged multi-token form.
Entity ids are "e-" + 12 hex of sha1(type + "|" + canonical name): stable across runs.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from storyline.errors import StorylineError
from storyline.model import Alias, ArticleResult, Entity, Mention
from storyline.stages.kb import KnowledgeBase, fold_name, load_kb, stem_token

_STOP = frozenset("of the and for in on at to de la".split())


class CorrectionError(StorylineError):
    """A correction names an entity that does not exist or an unknown action."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A human fix applied after clustering.

    ``merge``: entity ``a`` absorbs entity ``b`` (ids or names); ``split``: the alias ``b`` of
    entity ``a`` becomes its own entity; ``rename``: entity ``a`` gets the canonical name ``b``.
    """

    action: str  # "merge" | "split" | "rename"
    a: str
    b: str = ""


@dataclass
class _Node:
    """Mentions sharing one key, before merging."""

    key: str
    type: str
    kb_key: str | None = None
    names: Counter[str] = field(default_factory=Counter)  # Mention.name
    forms: Counter[str] = field(default_factory=Counter)  # surface text
    form_reason: dict[str, str] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    members: list[tuple[str, int, str]] = field(default_factory=list)  # article, index, form
    reason: str = "exact"  # why this node joined its cluster

    top: str = ""  # the most frequent name, set once all mentions are in
    count: int = 0  # number of mentions


def _surface(m: Mention) -> str:
    """The surface form of a mention without a possessive ending."""
    t = " ".join(m.text.split())
    for suf in ("'s", "’s", "'", "’"):
        if t.endswith(suf) and len(t) > len(suf) + 1:
            return t[: -len(suf)]
    return t


def _form_reason(m: Mention) -> str:
    """Why a surface form belongs to its node."""
    if m.metonymy:
        return "capital-metonymy"
    if m.source == "demonym":
        return "demonym"
    if m.source == "partial":
        return "partial"
    if m.source == "story":
        return "story-name"  # found again in this article from a name the story's articles tagged
    if m.kb_id:
        return "kb-alias"
    return "exact"


class _Union:
    """Union-find over node keys, remembering why each node was attached."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """Root of x."""
        p = self.parent.setdefault(x, x)
        while p != self.parent.setdefault(p, p):
            self.parent[x] = p = self.parent[p]
        return p

    def union(self, a: str, b: str) -> bool:
        """Attach b's cluster to a's; False when already together."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        return True


def _tokens(name: str) -> list[str]:
    """Folded name tokens ("Lee Jae -myng" -> ["le", "iae", "ming"])."""
    return list(_tokens_cached(name))


@functools.lru_cache(maxsize=262144)
def _tokens_cached(name: str) -> tuple[str, ...]:
    """Cached folded tokens of a name."""
    return tuple(fold_name(name).split())


def _damaged(name: str) -> bool:
    """True for a form with hyphen/space damage or a lower-case token."""
    return any(t.startswith("-") or t[:1].islower() for t in name.split())


def person_match(a: str, b: str) -> str | None:
    """Why two person names denote the same person ("translit", "fuzzy-given-name"), or None."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or len(ta) < 2 or len(tb) < 2:
        return None
    if ta == tb:
        return "translit"
    if len(ta) == len(tb) and all(stem_token(x) == stem_token(y) for x, y in zip(ta, tb, strict=True)):
        return "translit"
    if len(ta) == len(tb) >= 3 and ta[:-1] == tb[:-1] and Levenshtein.distance(ta[-1], tb[-1]) <= 1:
        return "fuzzy-given-name"
    if len(ta) == len(tb) == 2 and stem_token(ta[-1]) == stem_token(tb[-1]) and len(stem_token(ta[-1])) >= 4:
        x, y = ta[0], tb[0]
        if len(x) == 1 or len(y) == 1:
            return "initial" if x[0] == y[0] else None
        if min(len(x), len(y)) >= 5 and _vowel_edit(x, y):
            return "translit"
    return None


def _vowel_edit(x: str, y: str) -> bool:
    """True when x and y differ by one vowel (Oleksii ~ Aleksii), not by a consonant (Maria ~ Daria)."""
    ops = Levenshtein.editops(x, y)
    if len(ops) != 1:
        return False
    tag, src, dest = ops.as_list()[0]
    chars = {x[int(src)] if tag != "insert" else "", y[int(dest)] if tag != "delete" else ""} - {""}
    return all(c in "aeiou" for c in chars)


def _initials(name: str) -> str:
    """Upper-case initials of the significant words ("Korean Central News Agency" -> "KCNA")."""
    return "".join(
        w[0] for w in name.replace("-", " ").split() if w.lower() not in _STOP and w[:1].isalpha()
    ).upper()


def _build_nodes(results: Sequence[ArticleResult]) -> dict[str, _Node]:
    """One node per KB key or (type, folded name)."""
    nodes: dict[str, _Node] = {}
    for r in results:
        aid = r.article.id
        for idx, m in enumerate(r.mentions):
            folded = fold_name(m.name) or m.name.lower()
            key = f"kb|{m.kb_id}" if m.kb_id else f"{m.type}|{folded}"
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = _Node(key, m.type, m.kb_id)
            node.names[m.name] += 1
            form = _surface(m)
            node.forms[form] += 1
            node.form_reason.setdefault(form, _form_reason(m))
            node.articles.add(aid)
            node.members.append((aid, idx, form))
    for node in nodes.values():
        node.top = max(node.names.items(), key=lambda kv: (kv[1], kv[0]))[0]
        node.count = len(node.members)
    return nodes


def _ensure_kb_node(nodes: dict[str, _Node], kb: KnowledgeBase, kb_key: str) -> str:
    """Key of the node for a KB entry, created empty when no mention matched it directly."""
    key = f"kb|{kb_key}"
    if key not in nodes:
        e = kb.entries[kb_key]
        nodes[key] = _Node(key, e.type, kb_key, top=e.name)
    return key


def _deletions(token: str) -> set[str]:
    """The token and its one-letter deletions: two tokens within edit distance 1 share one."""
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


_MAX_BLOCK = 400  # a block larger than this (a very common surname or word) is too ambiguous to merge on


def _merge_persons(nodes: dict[str, _Node], uf: _Union, kb: KnowledgeBase) -> None:
    """Attach unmatched person nodes to KB persons or to each other (blocked by name tokens)."""
    persons = [n for n in nodes.values() if n.type == "Person"]
    by_last: dict[str, list[_Node]] = defaultdict(list)  # surname stem -> full names
    by_prefix: dict[tuple[str, ...], list[_Node]] = defaultdict(list)  # all but the last token
    by_any: dict[str, list[_Node]] = defaultdict(list)  # first or last token -> full names
    for n in persons:
        toks = _tokens(n.top)
        if len(toks) >= 2:
            by_last[stem_token(toks[-1])].append(n)
            by_any[stem_token(toks[-1])].append(n)
            by_any[stem_token(toks[0])].append(n)
            if len(toks) >= 3:
                for v in _deletions(toks[-1]):
                    by_prefix[(*toks[:-1], v)].append(n)
    full = [n for n in persons if n.kb_key is None and len(_tokens(n.top)) >= 2]
    # 1. unmatched full names vs KB persons, then vs other person nodes sharing a block
    for n in sorted(full, key=lambda n: (-n.count, n.key)):
        name = n.top
        toks = _tokens(name)
        best: tuple[str, str] | None = None
        for k in (stem_token(toks[-1]), stem_token(toks[0])):
            for kb_key in kb.person_index.get(k, ()):
                e = kb.entries[kb_key]
                for alias in (e.name, *e.aliases):
                    why = person_match(name, alias)
                    # a damaged given name only joins a KB person already in the story
                    if why and best is None and (why != "fuzzy-given-name" or f"kb|{kb_key}" in nodes):
                        best = (_ensure_kb_node(nodes, kb, kb_key), why)
        if best is None:
            cands = []
            blocks = [by_last.get(stem_token(toks[-1]), [])]
            if len(toks) >= 3:
                seen: set[str] = set()
                for v in _deletions(toks[-1]):
                    blocks.append([o for o in by_prefix.get((*toks[:-1], v), []) if o.key not in seen])
                    seen.update(o.key for o in blocks[-1])
            for blk in blocks:
                if len(blk) > _MAX_BLOCK:
                    continue
                for o in blk:
                    if o is n:
                        continue
                    why = person_match(name, o.top)
                    if why:
                        cands.append((len(n.articles & o.articles), o.count, o.key, why))
            if cands:
                cands.sort(reverse=True)
                best = (cands[0][2], cands[0][3])
        if best and uf.union(best[0], n.key):
            n.reason = best[1]
    # 2. surname-only persons: the unique full-name cluster sharing the surname (article first)
    for n in persons:
        toks = _tokens(n.top)
        if len(toks) != 1 or n.kb_key:
            continue
        blk = by_any.get(stem_token(toks[0]), [])
        if not blk or len(blk) > _MAX_BLOCK:
            continue
        owners = {uf.find(o.key) for o in blk}
        local = {uf.find(o.key) for o in blk if o.articles & n.articles}
        pick = local if len(local) == 1 else owners if len(owners) == 1 else set()
        if pick and uf.union(next(iter(pick)), n.key):
            n.reason = "surname"


def _merge_others(nodes: dict[str, _Node], uf: _Union) -> None:
    """Organisations by acronym initials and fuzzy names; places by fuzzy names (token blocks)."""
    for typ, threshold in (("Organization", 92.0), ("Place", 90.0)):
        group = [n for n in nodes.values() if n.type == typ]
        by_initials: dict[str, list[_Node]] = defaultdict(list)
        block: dict[str, list[_Node]] = defaultdict(list)
        folded: dict[str, list[str]] = {}
        for n in group:
            if len(n.top.split()) >= 2:
                by_initials[_initials(n.top)].append(n)
            for t in set(fold_name(n.top).split()) - _STOP:
                block[t].append(n)
        for n in sorted(group, key=lambda n: (-n.count, n.key)):
            name = n.top
            if typ == "Organization" and n.kb_key is None and name.isupper() and 2 <= len(name) <= 6:
                owners = {uf.find(o.key) for o in by_initials.get(name.replace(".", ""), ())}
                if len(owners) == 1 and uf.union(next(iter(owners)), n.key):
                    n.reason = "acronym"
                    continue
            f = fold_name(name)
            if n.kb_key is not None or len(f) < 5:
                continue
            best: tuple[float, str] | None = None
            for t in set(f.split()) - _STOP:
                blk = block.get(t, [])
                if len(blk) < 2 or len(blk) > _MAX_BLOCK:
                    continue
                if t not in folded:
                    folded[t] = [fold_name(o.top) for o in blk]
                for _, score, j in process.extract(
                    f, folded[t], scorer=fuzz.token_sort_ratio, score_cutoff=threshold, limit=2
                ):
                    if blk[j] is not n and (best is None or score > best[0]):
                        best = (score, blk[j].key)
            if best and uf.union(best[1], n.key):
                n.reason = f"fuzzy {best[0]:.0f}"


TYPE_VARIANT_RATIO = 2  # the commoner typing must have at least this many times the mentions


def _merge_type_variants(nodes: dict[str, _Node], uf: _Union) -> None:
    """One name tagged with different types (the NER model calls "Boeing" a person now and then):
    a node that no other rule merged joins the node of the same folded name and another type
    (person, organisation or place, neither from the KB) that has at least TYPE_VARIANT_RATIO
    times its mentions. Names used about as often with two types ("Jordan") stay apart. An
    untyped (Other) node joins the only typing of its name, or one that dominates the others."""
    by_name: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes.values():
        if n.kb_key is None and n.type in {"Person", "Organization", "Place", "Other"} and n.members:
            by_name[fold_name(n.top) or n.top.lower()].append(n)
    size = Counter(uf.find(k) for k in nodes)
    for group in by_name.values():
        typed = sorted((n for n in group if n.type != "Other"), key=lambda n: (-n.count, n.key))
        if len(group) < 2 or not typed:
            continue
        major = typed[0]
        runner_up = typed[1].count if len(typed) > 1 else 0
        for n in group:
            if n is major or size[uf.find(n.key)] != 1:
                continue
            if n.type == "Other":  # untyped: joins the one typing of the name, or a dominant one
                ok = runner_up * TYPE_VARIANT_RATIO <= major.count
            else:
                ok = n.count * TYPE_VARIANT_RATIO <= major.count
            if ok and uf.union(major.key, n.key):
                n.reason = f"same name, mostly tagged {major.type}"


def _merge_short_org_names(nodes: dict[str, _Node], uf: _Union) -> None:
    """A one-word organisation (or untyped) name that is the last word of exactly one longer
    organisation name in the story, or the first word of one "X of Y" name, is that
    organisation: "Chargers" ~ "San Diego Chargers", "Academy" ~ "Academy of Motion Picture Arts
    and Sciences". Two candidates ("Foreign Ministry", "Defence Ministry") leave it alone."""
    owners: dict[str, set[str]] = defaultdict(set)
    for n in nodes.values():
        toks = fold_name(n.top).split()
        if n.type == "Organization" and len(toks) >= 2:
            owners[toks[-1]].add(n.key)
            if len(toks) >= 3 and toks[1] == "of":
                owners[toks[0]].add(n.key)
    for n in nodes.values():
        toks = fold_name(n.top).split()
        if n.kb_key is not None or n.type not in {"Organization", "Other"} or len(toks) != 1:
            continue
        roots = {uf.find(k) for k in owners.get(toks[0], ())}
        if len(roots) == 1 and uf.find(n.key) == n.key and uf.union(roots.pop(), n.key):
            n.reason = "short name"


def _canonical(members: list[_Node], kb: KnowledgeBase) -> tuple[str, str | None]:
    """Canonical name and QID of a cluster: the KB entry's, else the commonest undamaged full form."""
    for n in members:
        if n.kb_key and n.kb_key in kb.entries:
            e = kb.entries[n.kb_key]
            return e.name, e.qid
    names: Counter[str] = Counter()
    for n in members:
        names.update(n.names)
    ranked = sorted(
        names.items(),
        key=lambda kv: (not _damaged(kv[0]), len(kv[0].split()) >= 2, kv[1], len(kv[0]), kv[0]),
        reverse=True,
    )
    return (ranked[0][0] if ranked else ""), None


def entity_id(type_: str, name: str) -> str:
    """Stable entity id: "e-" + 12 hex digits of sha1(type|name)."""
    return "e-" + hashlib.sha1(f"{type_}|{name}".encode()).hexdigest()[:12]


@dataclass
class _Cluster:
    """A resolved entity under construction (corrections edit these)."""

    name: str
    type: str
    qid: str | None
    forms: Counter[str]
    reasons: dict[str, str]
    members: list[tuple[str, int, str]]


def _cluster_type(types: Counter[str]) -> str:
    """The commonest type of a cluster's mentions; any real type beats Other (untyped)."""
    return max(types.items(), key=lambda kv: (kv[0] != "Other", kv[1], kv[0]))[0]


def _clusters(nodes: dict[str, _Node], uf: _Union, kb: KnowledgeBase) -> list[_Cluster]:
    """Group nodes by union-find root into clusters with canonical names and alias reasons."""
    groups: dict[str, list[_Node]] = defaultdict(list)
    for key in sorted(nodes):
        groups[uf.find(key)].append(nodes[key])
    out = []
    for members in groups.values():
        if not any(n.members for n in members):
            continue
        name, qid = _canonical(members, kb)
        types: Counter[str] = Counter()
        for n in members:
            known = kb.entries.get(n.kb_key) if n.kb_key else None
            types[known.type if known else n.type] += len(n.members) + (1000 if known else 0)
        forms: Counter[str] = Counter()
        reasons: dict[str, str] = {}
        for n in members:
            forms.update(n.forms)
            for form, why in n.form_reason.items():
                joined = (
                    why
                    if why in {"partial", "demonym", "capital-metonymy"} or n.reason == "exact"
                    else n.reason
                )
                reasons.setdefault(form, "exact" if form == name else joined)
        out.append(
            _Cluster(
                name, _cluster_type(types), qid, forms, reasons, [m for n in members for m in n.members]
            )
        )
    return out


def _find(clusters: list[_Cluster], ref: str) -> _Cluster:
    """The cluster whose id or canonical name (case-insensitive) is ``ref``."""
    for c in clusters:
        if ref == entity_id(c.type, c.name) or ref.casefold() == c.name.casefold():
            return c
    raise CorrectionError(f"no entity {ref!r} to correct - use an entity id or canonical name")


def _apply(clusters: list[_Cluster], corrections: Sequence[Correction]) -> list[_Cluster]:
    """Clusters after the corrections, in order."""
    for c in corrections:
        if c.action == "merge":
            a, b = _find(clusters, c.a), _find(clusters, c.b)
            if a is not b:
                a.forms.update(b.forms)
                for form in b.forms:
                    a.reasons[form] = "correction"
                a.members.extend(b.members)
                clusters.remove(b)
        elif c.action == "split":
            a = _find(clusters, c.a)
            moved = [m for m in a.members if m[2] == c.b]
            if not moved:
                raise CorrectionError(f"entity {a.name!r} has no alias {c.b!r} to split off")
            a.members = [m for m in a.members if m[2] != c.b]
            a.forms.pop(c.b, None)
            clusters.append(
                _Cluster(c.b, a.type, None, Counter({c.b: len(moved)}), {c.b: "correction"}, moved)
            )
        elif c.action == "rename":
            if not c.b.strip():
                raise CorrectionError("rename needs a new name in b")
            _find(clusters, c.a).name = c.b.strip()
        else:
            raise CorrectionError(f"unknown correction action {c.action!r} - use merge, split or rename")
    return [c for c in clusters if c.members]


def link_mentions(
    results: Sequence[ArticleResult], corrections: Sequence[Correction] = ()
) -> tuple[tuple[Entity, ...], dict[tuple[str, int], str]]:
    """Resolve the mentions of all articles into entities.

    1. nodes per KB key or (type, folded name); 2. person merges (transliteration, endings,
    damaged given names, surnames); 3. organisation/place merges (acronyms, fuzzy names);
    4. canonical names; 5. corrections; 6. entities with aliases, counts and seen dates.

    Args:
        results: per-article results with their mentions.
        corrections: human fixes applied after clustering, in order.

    Returns:
        The entities (sorted by mention count, then name) and the map
        (article id, mention index) -> entity id; both empty when there are no mentions.

    Raises:
        CorrectionError: a correction names an unknown entity, alias or action.
    """
    kb = load_kb()
    nodes = _build_nodes(results)
    uf = _Union()
    _merge_persons(nodes, uf, kb)
    _merge_others(nodes, uf)
    _merge_type_variants(nodes, uf)
    _merge_short_org_names(nodes, uf)
    clusters = _apply(_clusters(nodes, uf, kb), corrections)
    dates = {r.article.id: r.published.date for r in results if r.published and r.published.date}
    entities: list[Entity] = []
    mapping: dict[tuple[str, int], str] = {}
    for c in clusters:
        eid = entity_id(c.type, c.name)
        arts = sorted({m[0] for m in c.members})
        seen = sorted(dates[a] for a in arts if a in dates)
        aliases = tuple(
            Alias(form, c.reasons.get(form, "exact"), n)
            for form, n in sorted(c.forms.items(), key=lambda kv: (-kv[1], kv[0]))
            if form != c.name
        )
        entities.append(
            Entity(
                eid,
                c.name,
                c.type,
                aliases,
                c.qid,
                len(c.members),
                tuple(arts),
                seen[0] if seen else None,
                seen[-1] if seen else None,
            )
        )
        for aid, idx, _ in c.members:
            mapping[(aid, idx)] = eid
    entities.sort(key=lambda e: (-e.mentions, e.name, e.id))
    return tuple(entities), mapping
