"""Which language's rules an article gets: the one asked for, the record's, or the detected one.

``--language auto`` (the default) reads a record's own ``language`` field when
it names a supported language, else detects the language of the text offline
(:func:`eval.languages.detect_language`).  When the detector is unsure, the
article gets English rules and a warning; a confidently detected language
without a profile gets the language-neutral rules (``xx``: words of every
script, no stop words, no stemming) and a warning.  Both warnings say to pass
``--language CODE``.
"""

from __future__ import annotations

import re

from eval.languages import LANGUAGES, check_language, detect_language
from summarize.text.lang.en import STOP_WORDS as _ENGLISH_STOP_WORDS

__all__ = ["ENGLISH_SHARE", "choose_language", "clearly_english"]

#: Share of English stop words in an ASCII sample above which a text is English without asking the detector.
#: News in English runs at 0.35-0.5 (three in four CNN/DailyMail articles are above 0.35); the development
#: halves in other languages stay below 0.16 (Indonesian, the only one written in ASCII), and languages
#: written in ASCII share few of these words (Dutch "in", "is"; Tagalog "at").
ENGLISH_SHARE = 0.35
_ASCII_WORD = re.compile(r"[a-z]+")
_MIN_WORDS = 20


def choose_language(requested: str, text: str, hint: object = None) -> tuple[str, str | None]:
    """``(code, warning)``: the language whose rules apply to ``text``.

    Parameters
    ----------
    requested : str
        A supported code, or ``"auto"``.
    text : str
        The article text (its start is read by the detector).
    hint : object, optional
        The record's ``language`` field; used when it is a supported code
        (``"fr"``, ``"FR"``, ``"fr-CA"``).

    Raises
    ------
    ValueError
        For an unknown ``requested`` code, naming the supported ones.
    """
    if check_language(requested) != "auto":
        return requested, None
    if isinstance(hint, str):
        code = hint.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code, None
    if clearly_english(text):  # most English news: no model call (about a fifth of an article's time)
        return "en", None
    found = detect_language(text)
    if found.code is None:
        return "en", None  # no letters: nothing that language rules would change
    if not found.reliable:
        return "en", (f"could not tell the language (best guess {found.code}, p={found.probability:.2f}); "
                      "using English rules: pass --language CODE if that is wrong")
    if found.code not in LANGUAGES:
        return "xx", (f"the language looks like {found.code!r}, which has no profile: using language-neutral "
                      "rules (words of every script, no stop words, no stemming); pass --language CODE to choose")
    return found.code, None


def clearly_english(text: str) -> bool:
    """An ASCII opening (300 characters) of at least 20 words, :data:`ENGLISH_SHARE` or more of them English stop
    words: English beyond doubt, so the detector need not be asked."""
    sample = " ".join(text[:900].split())[:300]
    if not sample.isascii():
        return False
    words = _ASCII_WORD.findall(sample.lower())
    return len(words) >= _MIN_WORDS and sum(w in _ENGLISH_STOP_WORDS for w in words) >= ENGLISH_SHARE * len(words)
