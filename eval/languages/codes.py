"""Supported languages: ISO 639-1 code, name, word rule and Snowball stemmer.

Every language here works offline right after ``pip install``: Snowball
stemmers come from PyStemmer (compiled Snowball), Chinese words from jieba and
Japanese words from fugashi with the UniDic-lite dictionary, all bundled with
their packages.  Languages without a Snowball stemmer (Vietnamese, Chinese,
Japanese, Korean, ...) are not stemmed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

__all__ = ["LANGUAGES", "SEGMENTED", "Language", "check_language", "get_language", "snowball_stemmer"]

#: Languages written without spaces between words, and the segmenter each uses.
SEGMENTED: dict[str, str] = {"zh": "jieba", "ja": "fugashi-unidic-lite"}


@dataclass(frozen=True)
class Language:
    """One supported language.

    Attributes
    ----------
    code : str
        ISO 639-1 code.
    name : str
        English name.
    snowball : str or None
        PyStemmer algorithm name (``None``: no stemmer; English uses Porter, as rouge-score does).
    words : {"spaced", "segmented"}
        ``spaced``: words are runs of letters and digits between spaces and
        punctuation.  ``segmented``: a segmenter finds the words
        (:data:`SEGMENTED`).
    """

    code: str
    name: str
    snowball: str | None = None
    words: Literal["spaced", "segmented"] = "spaced"


def _languages() -> dict[str, Language]:
    table = [
        # code, name, Snowball algorithm
        ("ar", "Arabic", "arabic"), ("bg", "Bulgarian", None), ("bn", "Bengali", None),
        ("ca", "Catalan", "catalan"), ("cs", "Czech", "czech"), ("da", "Danish", "danish"),
        ("de", "German", "german"), ("el", "Greek", "greek"), ("en", "English", None),
        ("es", "Spanish", "spanish"), ("et", "Estonian", "estonian"), ("eu", "Basque", "basque"),
        ("fa", "Persian", "persian"), ("fi", "Finnish", "finnish"), ("fr", "French", "french"),
        ("ga", "Irish", "irish"), ("gl", "Galician", None), ("he", "Hebrew", None), ("hi", "Hindi", "hindi"),
        ("hr", "Croatian", None), ("hu", "Hungarian", "hungarian"), ("hy", "Armenian", "armenian"),
        ("id", "Indonesian", "indonesian"), ("it", "Italian", "italian"), ("ja", "Japanese", None),
        ("ko", "Korean", None), ("lt", "Lithuanian", "lithuanian"), ("lv", "Latvian", None),
        ("mr", "Marathi", None), ("ms", "Malay", "indonesian"), ("ne", "Nepali", "nepali"),
        ("nl", "Dutch", "dutch"), ("no", "Norwegian", "norwegian"), ("pl", "Polish", "polish"),
        ("pt", "Portuguese", "portuguese"), ("ro", "Romanian", "romanian"), ("ru", "Russian", "russian"),
        ("sk", "Slovak", None), ("sl", "Slovenian", None), ("sr", "Serbian", "serbian"),
        ("sv", "Swedish", "swedish"), ("sw", "Swahili", None), ("ta", "Tamil", "tamil"),
        ("tl", "Tagalog", None), ("tr", "Turkish", "turkish"), ("uk", "Ukrainian", None),
        ("ur", "Urdu", None), ("vi", "Vietnamese", None), ("zh", "Chinese", None),
        # Any other language: words of every script, no stemming, no stop words.
        ("xx", "other (language-neutral rules)", None),
    ]
    return {code: Language(code, name, snowball, "segmented" if code in SEGMENTED else "spaced")
            for code, name, snowball in table}


#: Code -> language, for every supported language (``xx``: language-neutral rules for any other).
LANGUAGES: dict[str, Language] = _languages()


def check_language(code: str, *, allow_auto: bool = True) -> str:
    """``code`` if it is a supported language code (or ``"auto"``), else a ``ValueError`` listing them."""
    if (allow_auto and code == "auto") or code in LANGUAGES:
        return code
    choices = ("auto, " if allow_auto else "") + ", ".join(sorted(LANGUAGES))
    raise ValueError(f"unknown language {code!r}; supported: {choices}")


def get_language(code: str) -> Language:
    """The :class:`Language` of ``code`` (``ValueError`` naming the supported codes)."""
    return LANGUAGES[check_language(code, allow_auto=False)]


@cache
def snowball_stemmer(code: str) -> Callable[[str], str] | None:
    """``word -> stem`` with the Snowball stemmer of language ``code`` (``None`` if it has none).

    English has none here: English stemming is rouge-score's Porter
    (:func:`eval.rouge.stemming.porter_stem`).
    """
    algorithm = get_language(code).snowball
    if algorithm is None:
        return None
    import Stemmer  # PyStemmer: compiled Snowball, imported only when a language needs it

    return Stemmer.Stemmer(algorithm).stemWord  # type: ignore[no-any-return]
