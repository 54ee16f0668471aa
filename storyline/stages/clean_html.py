"""CLEAN stage for HTML pages: flatten to a text dump, then mark trafilatura's main text as body.

For HTML, ``CleanArticle.text`` is NOT the markup: it is the page's visible text flattened the
way scrapers dump pages (every block element on its own line, whitespace runs folded to one
space, ``<script>``/``<style>``/``<head>`` dropped), and every offset of the article indexes that
flattened text. That keeps one offset space for all inputs (a text dump and the same page as
HTML give comparable articles) and lets the UI show the page's words without markup.

The flattener is a small iterative lxml walker rather than the ``html-text`` package: it is the
same idea (block elements on their own lines, as html-text's ``guess_layout``) but it adds no
dependency, cannot hit the recursion limit on deeply nested pages, and its output is pinned by
our tests. The main text comes from trafilatura (best single extractor on the ScrapingHub and
trafilatura benchmarks, 0.95 shingle F1, see DEPENDENCIES.md); flattened lines are aligned to it
by the longest run of exact matches in the same order on both sides, then by 4-gram overlap
for long lines (each main-text 4-gram claimed once).
By default the alignment is not the last word: the HTML line model (``line_model.py``,
``resources/html_line_model.json``, trained by ``scripts/train_cleaner.py --target html`` on the
same public sets as the dump model) decides each line from the dump model's line and context
features plus where the main texts of trafilatura's favor_recall and favor_precision modes lie on
the page. Stacking the two modes with the page's own line shape is what measurably helps over
either mode alone (validation fifth of the training pages: recall alignment 0.885, precision
alignment 0.896, model 0.916 shingle F1); it costs a second trafilatura pass per page.
Unmatched lines are chrome "html-boilerplate" (or "teaser" when they end in a timestamp). When
trafilatura finds nothing, the text-dump classifier of ``clean.py`` runs on the flattened text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from typing import Any

import lxml.etree
import lxml.html

from storyline.model import ChromeSpan, CleanArticle, RawDoc, Teaser
from storyline.stages.clean import (
    BatchContext,
    assemble_article,
    classify_lines,
    clean_text_dump,
    find_outlet,
    model_keep,
)
from storyline.stages.line_model import LineModel, flag_features, load_model

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "embed", "select", "canvas"}
)
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "caption",
    }
)  # fmt: skip
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TOKEN = re.compile(r"\w+")
HTML_METHODS = ("auto", "align")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-widths


def _parse(html: str) -> Any:
    """The lxml root of ``html``; None when the page has no parsable markup."""
    html = _XML_DECL.sub("", html or "", count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def flatten_html(html: str) -> str:
    """Visible text of a page, one block element per line, spaces folded; "" for an empty page."""
    root = _parse(html)
    if root is None:
        return ""
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing:
            if tag in BLOCK_TAGS:
                out.append("\n")
            if el.tail:
                out.append(el.tail)
            continue
        if tag is None or tag in SKIP_TAGS or tag == "br":
            if tag == "br":
                out.append("\n")
            if el.tail:
                out.append(el.tail)
            continue
        if tag in BLOCK_TAGS:
            out.append("\n")
        elif tag in ("td", "th"):
            out.append(" ")
        if el.text:
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    visible = "".join(out).translate(_INVISIBLE)
    lines = (" ".join(line.split()) for line in visible.split("\n"))
    return "\n".join(line for line in lines if line)


def _norm(text: str) -> str:
    """Lower-cased text with whitespace runs as one space."""
    return " ".join(text.lower().split())


def _gram_list(text: str) -> list[tuple[str, ...]]:
    """Word 4-grams of ``text`` (lower case) in order, repeats kept."""
    toks = _TOKEN.findall(text.lower())
    return [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]


def extract_main(raw: RawDoc) -> tuple[Any, str | None]:
    """trafilatura's Document for the page (None when it finds nothing) and an error name, if any."""
    try:
        import trafilatura

        # favor_recall: on the development pages of benchmarks/cleaning.py (the held-back fifth
        # excluded) it lifts the alignment's shingle F1 from 0.892 to 0.897, mostly by keeping whole
        # articles trafilatura's default cut short
        doc = trafilatura.bare_extraction(
            raw.text, url=raw.url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
        )
    # trafilatura is third-party code on hostile input: one bad page must not stop the batch,
    # so any failure is recorded in ``steps`` and the dump classifier takes over.
    except Exception as ex:  # noqa: BLE001
        return None, type(ex).__name__
    return doc, None


def precise_main_text(raw: RawDoc) -> str:
    """trafilatura's main text in its favor_precision mode ("" when it finds nothing or fails);
    metadata is skipped (the same text, a third faster)."""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            raw.text, url=raw.url, with_metadata=False, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception:  # noqa: BLE001  # as in extract_main: a failing mode is a mode without main text
        return ""
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _find_word(main: str, key: str, lo: int, hi: int) -> int:
    """Index of ``key`` in ``main[lo:hi]`` on word boundaries; -1 when absent."""
    idx = main.find(key, lo, hi)
    while idx >= 0:
        before = main[idx - 1] if idx > 0 else " "
        after = main[idx + len(key)] if idx + len(key) < len(main) else " "
        if not (before.isalnum() and key[0].isalnum()) and not (after.isalnum() and key[-1].isalnum()):
            return idx
        idx = main.find(key, idx + 1, hi)
    return -1


def _in_order(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The (line, offset, length) anchors on which page and main text agree: the longest run
    whose offsets increase with the line order (patience sorting; of two lines at one offset,
    a line and its truncated copy, the first stays). One header line that also occurs at the end
    of the main text ("2013 Conference for Pastors") does not push every later line out of order."""
    tails: list[int] = []  # tails[k]: index into ``found`` ending the best increasing run of length k+1
    ends: list[int] = []  # their offsets, for bisection
    back = [-1] * len(found)
    for n, (_, off, _) in enumerate(found):
        k = bisect.bisect_left(ends, off)
        if k < len(ends) and ends[k] == off:
            continue
        back[n] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(n)
            ends.append(off)
        else:
            tails[k], ends[k] = n, off
    out = []
    n = tails[-1] if tails else -1
    while n >= 0:
        out.append(found[n])
        n = back[n]
    return out[::-1]


def align_lines(flat_lines: list[Any], main_text: str) -> list[bool]:
    """For each flattened line, whether it belongs to ``main_text``.

    Steps: 1. long lines (25+ chars) found in the main text form the anchors, the longest run of
    them in the same order on the page and in the main text; 2. other
    lines from 40 chars count when 60% of their 4-grams are main-text 4-grams no earlier line
    claimed (each main-text 4-gram is claimed once, exact matches first: a teaser repeating the
    lede or a second copy of the article is not body again); 3. short lines count only when
    found, on word boundaries and in order, between the anchors around them (a "Home" link
    elsewhere does not).
    """
    main = " ".join(_norm(x) for x in main_text.split("\n") if x.strip())
    if not main:  # no main text (the extractor found nothing): no line belongs to it
        return [False] * len(flat_lines)
    keys = [_norm(ln.text) for ln in flat_lines]
    spans: list[tuple[int, int] | None] = [None] * len(keys)
    flags = [False] * len(keys)
    found = [(i, main.find(key), len(key)) for i, key in enumerate(keys) if len(key) >= 25]
    for i, idx, length in _in_order([f for f in found if f[1] >= 0]):
        spans[i], flags[i] = (idx, idx + length), True
    rest = [i for i, key in enumerate(keys) if not flags[i] and len(key) >= 40]
    if rest:
        # by overlap with the main text no exactly found line claimed: a teaser repeating the lede
        # or a second copy of the article (a print or hidden version) is not body again
        grams = Counter(_gram_list(main))
        for i in range(len(keys)):
            if flags[i]:
                grams.subtract(_gram_list(keys[i]))
        for i in rest:
            g = _gram_list(keys[i])
            flags[i] = bool(g) and sum(grams[x] > 0 for x in g) >= 0.6 * len(g)
            if flags[i]:
                grams.subtract(g)
    nxt = [len(main)] * (len(keys) + 1)
    for i in range(len(keys) - 1, -1, -1):
        span = spans[i]
        nxt[i] = span[0] if span is not None else nxt[i + 1]
    lo = 0
    for i, key in enumerate(keys):
        span = spans[i]
        if span is not None:
            lo = span[1]
        elif key and len(key) < 25:
            idx = _find_word(main, key, lo, nxt[i])
            if idx >= 0:
                flags[i], lo = True, idx + len(key)
    return flags


def clean_html_page(
    raw: RawDoc, context: BatchContext | None = None, method: str = "auto", model: LineModel | None = None
) -> CleanArticle:
    """Clean an HTML page; offsets index the flattened visible text (see module docstring).

    Steps: 1. flatten the page; 2. run trafilatura for main text, title, date and site name;
    3. align flattened lines with the main text; 4. ``method="auto"`` (default): the HTML line
    model (``resources/html_line_model.json``) decides body lines from the dump features and the
    alignments of trafilatura's recall and precision modes (the alignment alone when the model
    file is missing or would keep nothing); ``"align"``: the favor_recall alignment alone;
    5. fall back to the text-dump classifier on the flattened text when trafilatura finds no body.
    ``model`` overrides the shipped HTML model (training and tests).
    """
    if method not in HTML_METHODS:
        raise ValueError(f"unknown HTML cleaning method {method!r}")
    flat = flatten_html(raw.text)
    doc, error = extract_main(raw)
    main_text = (getattr(doc, "text", None) or "") if doc is not None else ""
    meta_date = getattr(doc, "date", None) if doc is not None else None
    meta_title = getattr(doc, "title", None) if doc is not None else None
    sitename = getattr(doc, "sitename", None) if doc is not None else None
    lines, run, script = classify_lines(flat, context)
    flags = align_lines(lines, main_text)
    if not any(flags):
        # the hand-tuned run, not the line model: on the pages trafilatura finds nothing in (often
        # not articles) the model's fallback scored lower on the training pages (0.902 -> 0.901)
        art = clean_text_dump(raw, context, text=flat, method="heuristic")
        steps = ("flatten-html", f"trafilatura-error={error}" if error else "trafilatura-empty", *art.steps)
        return dataclasses.replace(art, steps=steps, published_hint=raw.published_hint or meta_date, content_type="html")
    steps = ["flatten-html", "trafilatura", f"lines={len(lines)}"]
    model = (model or load_model(html=True)) if method == "auto" else None
    if model is not None:
        keep = html_model_keep(lines, run, script, context, model, flags, precise_main_text(raw))
        steps.append("html-line-model" if any(keep) else "html-line-model-empty")
        flags = keep if any(keep) else flags
    title, title_span = _title(lines, flags, meta_title or raw.title_hint)
    chrome: list[ChromeSpan] = []
    teasers: list[Teaser] = []
    body: list[tuple[int, int]] = []
    body_lines = []
    for ln, is_body in zip(lines, flags, strict=True):
        if title_span is not None and ln.start == title_span[0]:
            continue
        if is_body:
            body.append((ln.start, ln.end))
            body_lines.append(ln)
            continue
        if ln.teaser is not None:
            teasers.append(ln.teaser)
        chrome.append(ChromeSpan(ln.start, ln.end, "teaser" if ln.teaser else "html-boilerplate"))
    outlet = find_outlet(None, body_lines, None) or sitename or find_outlet(None, [], raw.url)
    steps.append(f"body-lines={len(body)} chrome={len(chrome)}")
    return assemble_article(
        raw,
        flat,
        body,
        chrome=chrome,
        teasers=teasers,
        title=title,
        title_span=title_span,
        outlet=outlet,
        published_hint=raw.published_hint or meta_date,
        content_type="html",
        steps=tuple(steps),
    )


def html_model_keep(
    lines: list[Any],
    run: tuple[int, int],
    script: str,
    context: BatchContext | None,
    model: LineModel,
    recall_flags: list[bool],
    precise_text: str,
) -> list[bool]:
    """Body lines by the HTML line model: the dump model's features plus where trafilatura's
    favor_recall (``recall_flags``) and favor_precision (``precise_text``) main texts lie on the
    page. A line with a hard chrome reason (the dump cleaner's patterns) stays body only when both
    modes keep it (validation pages 0.914 -> 0.916 against dropping them all)."""
    extra, precise = html_flag_features(lines, recall_flags, precise_text)
    keep = model_keep(lines, run, script, context, model, extra)
    return [k or (ln.reason is not None and r and p) for k, ln, r, p in zip(keep, lines, recall_flags, precise, strict=True)]


def html_flag_features(lines: list[Any], recall_flags: list[bool], precise_text: str) -> tuple[Any, list[bool]]:
    """The HTML model's trafilatura columns (``line_model.flag_features``) for the page's lines,
    and the lines the favor_precision text aligns to; shared by the cleaner and
    ``scripts/train_cleaner.py`` so both build them one way."""
    precise = align_lines(lines, precise_text)
    return flag_features([recall_flags, precise]), precise


def _title(lines: list[Any], flags: list[bool], title: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The title and its span: the flattened line equal to the metadata title (first non-body one)."""
    if not title or not title.strip():
        return None, None
    key = _norm(title)
    candidates = [ln for ln, f in zip(lines, flags, strict=True) if not f and _norm(ln.text) == key]
    if candidates:
        return candidates[0].text, (candidates[0].start, candidates[0].end)
    return " ".join(title.split()), None


