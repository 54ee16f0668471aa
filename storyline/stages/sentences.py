"""Sentence spans in source offsets, from the spaCy parse of the body."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.model import CleanArticle, Sentence


def split_sentences(article: CleanArticle, doc: Doc) -> tuple[Sentence, ...]:
    """Sentences of the body as source spans; empty tuple for an empty body."""
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        lead = len(sent.text) - len(sent.text.lstrip())
        b_start = sent.start_char + lead
        b_end = b_start + len(text)
        start, end = article.to_source(b_start, b_end)
        if article.text[start:end] != text:  # crosses a paragraph gap: keep the first piece
            nl = text.find("\n")
            text = text[:nl].rstrip() if nl > 0 else text
            start, end = article.to_source(b_start, b_start + len(text))
            if article.text[start:end] != text:
                continue
        out.append(Sentence(index=len(out), start=start, end=end, text=text))
    return tuple(out)
