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

from eval.languages import LANGUAGES, check_language, detect_language

__all__ = ["choose_language"]


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
