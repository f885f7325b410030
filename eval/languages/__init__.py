"""Languages for ROUGE and the summarizer: codes, word rules, Snowball stemmers, segmenters, detection.

The leaf library's language data: which languages are supported
(:data:`LANGUAGES`), how each one's words are found (spaced scripts: runs of
Unicode letters and digits; Chinese and Japanese: a segmenter, or characters),
which Snowball stemmer it has, and an offline language detector
(:func:`detect_language`).  :mod:`eval.rouge` tokenizes with it, and the
summarizer's language profiles (``summarize.text.profile``) take their
stemmers and segmenters from here, so each rule exists once.
"""

from __future__ import annotations

from eval.languages.codes import (
    LANGUAGES,
    SEGMENTED,
    Language,
    check_language,
    get_language,
    snowball_stemmer,
)
from eval.languages.detect import Detection, detect_language

__all__ = [
    "Detection",
    "LANGUAGES",
    "Language",
    "SEGMENTED",
    "check_language",
    "detect_language",
    "get_language",
    "snowball_stemmer",
]
