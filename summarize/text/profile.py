"""Language profiles: every text rule of one language, in one object.

A :class:`LanguageProfile` holds the data (sentence enders and
abbreviations, the dateline pattern, stop words, the stemmer, the ROUGE
tokenizer) that the text layer's code applies:

* the sentence splitter (:func:`summarize.text.sentences.split_sentences`),
* the summarizer's analyser (:class:`summarize.text.analyzer.Analyzer`: words
  to content terms),
* ROUGE tokenising (:meth:`LanguageProfile.rouge_tokens`, through
  :mod:`eval.rouge.fast`, whose rouge-score-compatible tokenizers are part of
  the metric's definition).

English's data lives in :mod:`summarize.text.lang.en`; the other languages'
sentence and own-summary data in :mod:`summarize.text.lang.world`, their
stop words in stopwords-iso and their stemmers and segmenters in
:mod:`eval.languages` (shared with ROUGE).  :func:`get_profile` builds a
language's profile on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from eval.languages.codes import LANGUAGES, check_language, snowball_stemmer
from eval.rouge.stemming import porter_stem
from summarize.text.lang import en, world

__all__ = ["ENGLISH", "LanguageProfile", "PROFILES", "SUPPORTED", "get_profile"]

# Sentence ends written before a space: Latin, Arabic question mark, Urdu full stop, Devanagari danda.
_STOPS = ".!?…؟۔।॥"
# Chinese/Japanese sentence ends (ideographic, full-width and half-width forms).  Not the
# full-width "．": it is also a decimal point between full-width digits.
_CJK_STOPS = "。！？｡"
_CLOSERS = "'\"’”)]»"
_CJK_CLOSERS = _CLOSERS + "」』）】〕〉》〗〙〛"


@dataclass(frozen=True)
class LanguageProfile:
    """The text rules of one language.

    Attributes
    ----------
    code : str
        ISO 639-1 code, e.g. ``"en"``.
    name : str
        English name of the language.
    stops : str
        Characters that end a sentence when white space (or the end) follows.
    cjk_stops : str
        Characters that end a sentence wherever they are (scripts without spaces).
    closers, cjk_closers : str
        Closing quotes and brackets that stay with the sentence they close.
    titles : frozenset of str
        Lower-cased abbreviations after which a period never ends a sentence (``mr``).
    abbreviations : frozenset of str
        Lower-cased abbreviations that end a sentence only before an opener (``inc``).
    openers : frozenset of str
        Lower-cased words that typically open a sentence.
    dateline : str or None
        Verbose, case-insensitive regular expression of a leading news dateline
        (with a ``dash`` group), removed from the first sentence.
    stop_words : frozenset of str
        Words the summarizer's analyser drops.
    stemmer : callable or None
        word -> stem for the analyser and ROUGE (``None``: no stemming).
    min_stem_length : int
        Shorter words are not stemmed (rouge-score: 4, i.e. more than three characters).
    stem_ascii_only : bool
        Stem only ASCII words (the Porter stemmer is for English words).
    rouge_tokenizer : str
        The :mod:`eval.rouge.tokenizers` key of the language's ROUGE words (``"rouge-score"``,
        ``"unicode:fr"``, ``"words:zh"``, ...).
    segmenter : str or None
        Language code of the word segmenter (:mod:`eval.languages.segment`) for scripts
        written without spaces (Chinese, Japanese); ``None``: words are found in spaced text.
    summary_markers : tuple of str
        Lower-case phrases that open an own closing summary in this language (besides English's).
    """

    code: str
    name: str
    stops: str = _STOPS
    cjk_stops: str = _CJK_STOPS
    closers: str = _CLOSERS
    cjk_closers: str = _CJK_CLOSERS
    titles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()
    dateline: str | None = None
    stop_words: frozenset[str] = frozenset()
    stemmer: Callable[[str], str] | None = None
    min_stem_length: int = 4
    stem_ascii_only: bool = True
    rouge_tokenizer: str = "rouge-score"
    segmenter: str | None = None
    summary_markers: tuple[str, ...] = ()

    def stem(self, word: str) -> str:
        """The stem of ``word`` by this profile's rule (the word itself when not stemmed)."""
        if (self.stemmer is None or len(word) < self.min_stem_length
                or (self.stem_ascii_only and not word.isascii())):
            return word
        return self.stemmer(word)

    def rouge_tokens(self, text: str, use_stemmer: bool = True) -> list[str]:
        """ROUGE tokens of ``text`` (:func:`eval.rouge.fast.tokenize` with this profile's tokenizer)."""
        from eval.rouge.fast import tokenize

        return tokenize(text, use_stemmer, self.rouge_tokenizer)

    def __repr__(self) -> str:
        return f"LanguageProfile({self.code!r})"


#: English (rouge-score's words and Porter stems; news sentence rules).
ENGLISH = LanguageProfile(
    code="en", name="English", titles=en.TITLES, abbreviations=en.ABBREVIATIONS, openers=en.OPENERS,
    dateline=en.DATELINE, stop_words=en.STOP_WORDS, stemmer=porter_stem,
)

#: Profiles built so far, by code (English always; others on first :func:`get_profile`).
PROFILES: dict[str, LanguageProfile] = {ENGLISH.code: ENGLISH}
#: Codes of every supported language (``xx``: language-neutral rules for any other).
SUPPORTED: tuple[str, ...] = tuple(sorted(LANGUAGES))


def get_profile(code: str) -> LanguageProfile:
    """The profile of language ``code`` (built once, then shared).

    Raises
    ------
    ValueError
        For an unknown code, naming the supported ones.
    """
    profile = PROFILES.get(code)
    if profile is None:
        profile = PROFILES[code] = _build(check_language(code, allow_auto=False))
    return profile


def _build(code: str) -> LanguageProfile:
    from eval.rouge.tokenizers import tokenizer_key

    language = LANGUAGES[code]
    return LanguageProfile(
        code=code, name=language.name, stops=_STOPS + world.EXTRA_STOPS.get(code, ""),
        titles=world.TITLES.get(code, frozenset()), stop_words=_stop_words(code),
        stemmer=snowball_stemmer(code), min_stem_length=1, stem_ascii_only=False,
        rouge_tokenizer=tokenizer_key(code), segmenter=code if language.words == "segmented" else None,
        summary_markers=world.SUMMARY_MARKERS.get(code, ()),
    )


def _stop_words(code: str) -> frozenset[str]:
    """stopwords-iso's list for ``code`` (lower-cased; empty when it has none)."""
    import stopwordsiso

    return frozenset(w.lower() for w in stopwordsiso.stopwords(code)) if stopwordsiso.has_lang(code) else frozenset()


@cache
def summary_marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    """A paragraph that opens with one of ``markers`` (then punctuation, space or the end)."""
    if not markers:
        return None
    alternatives = "|".join(re.escape(m).replace("\\ ", "\\s+") for m in sorted(markers, key=len, reverse=True))
    return re.compile(f"^(?:{alternatives})(?=[\\s,.:;!?，、：。！？؛،]|$)", re.IGNORECASE)
