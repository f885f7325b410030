"""Rule-based sentence splitter that needs no downloaded data.

nltk's ``sent_tokenize`` needs the *punkt* model, which ``pip install`` does not
bring and which we never download at run time.  This splitter applies the
rules of a :class:`~summarize.text.profile.LanguageProfile` (its data lives in
:mod:`summarize.text.lang`); the English rules are tuned for news text (raw,
cased text as well as PTB-tokenised, lower-cased text such as the
CNN/DailyMail "See et al." release):

* a boundary candidate is a run of ``.``, ``!``, ``?`` or ``…`` (also the
  Arabic ``؟``, Urdu ``۔`` and Devanagari ``।``) followed by optional closing
  quotes/brackets and then white space or the end of text;
* Chinese and Japanese sentence ends ``。！？`` (and half-width ``｡``), with the closing
  quotes/brackets after them, always end a sentence: that text has no spaces;
* a candidate after a *title* abbreviation (``Mr.``, ``Dr.``, ``St.`` ...) or a
  single capital initial (``V. Stiviano``) is never a boundary;
* a candidate after another known abbreviation (``U.S.``, ``Jan.``, ``Inc.``,
  ``No.`` ...) is a boundary only when the next word is a typical sentence
  opener (``The``, ``He``, ``But`` ...);
* in cased text a candidate followed by a lower-case word is not a boundary
  (``"Help!" he said``); in text without any capital letter it is;
* numbers such as ``$2.6 million`` never produce a candidate (no white space
  after the point);
* a leading news dateline such as ``(CNN)``, ``Rome (CNN) --`` or
  ``washington ( cnn )`` is removed from the first sentence, but not a source
  named inside it (``The Associated Press (AP) reported ...``).

The splitter is identified in evaluation signatures by :data:`SPLITTER_NAME`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.text.profile import ENGLISH, LanguageProfile

if TYPE_CHECKING:
    import numpy as np

__all__ = ["SPLITTER_NAME", "sentence_spans", "split_sentences", "squeeze", "strip_dateline"]

#: Name and rule-set version recorded in every evaluation signature.  Bump the
#: version whenever a rule changes, because sentence boundaries change ROUGE-Lsum.
SPLITTER_NAME = "rules-v3"  # v3: CJK 。！？, Arabic ؟, Urdu ۔ and Devanagari । end sentences

# The next word, at most 100 characters: after a CJK stop the "word" runs to the next
# space, which may be the end of the text (unbounded, splitting became quadratic).
_WORD_AFTER = re.compile(r"\s*([^\s]{0,100})")
# PTB-tokenised text writes a closing double quote as a separate "''" token.
_PTB_CLOSE_QUOTE = re.compile(r"\s+''(?=\s|$)")
# Opening quotes and brackets before the next word, skipped by the boundary rules.
_OPENING = "'\"‘“(`["
# The quotes of _PTB_CLOSE_QUOTE (literal first: the engine finds them fast).
_PTB_QUOTE = re.compile(r"''(?<=\s'')(?=\s|$)")
_END = re.Match.end
# The word _word_before returns: \w is str.isalnum() or "_" (the tests check every character).
_WORD_AT_END = re.compile(r"[\w.'’-]++\Z")
_WORD_WINDOW = 40
# A letter or digit (str.isalnum() of one character).
_ALNUM = re.compile(r"[^\W_]")
# The last result of squeeze (a one-item cache: whatever it holds is squeezed).
_LAST_SQUEEZED = [""]


@dataclass(frozen=True)
class _Rules:
    """A profile's splitting rules, compiled once per profile."""

    profile: LanguageProfile
    candidate: re.Pattern[str]
    dateline: re.Pattern[str] | None
    # The candidates of text without CJK stops: group 1 the run of stops, group 2 the next word
    # (what _is_boundary reads); None when the profile's stops and CJK stops overlap.
    plain: re.Pattern[str] | None = None
    # The plain candidates that are a single "." after a word character (group 1 the next
    # word): in text without capitals, the only ones that may not end a sentence.
    after_word: re.Pattern[str] | None = None
    # The plain candidates without groups (their ends only), as two patterns: those that start with
    # "." (a literal first character: the engine scans for it without testing a set at every
    # character, several times faster) and the others (None when "." is the only stop).
    dot_ends: re.Pattern[str] | None = None
    other_ends: re.Pattern[str] | None = None
    # The stops other than "." and the CJK stops, all and the ASCII ones (the only ones ASCII text can hold).
    other_stops: str = ""
    ascii_other_stops: str = ""
    ascii_cjk_stops: str = ""


@lru_cache(maxsize=32)
def _rules(profile: LanguageProfile) -> _Rules:
    stops, cjk = profile.stops, profile.cjk_stops
    # A whole run of stops (then closing quotes/brackets) before white space or the end,
    # or a run of CJK stops anywhere.  The look-behinds (after the first mark, so that the
    # pattern still starts with a character set and the engine's fast scan for it applies:
    # 3x faster than a leading look-behind) start a match only at the first mark of a run,
    # and the possessive quantifiers never give characters back: a match can only end
    # after the longest run anyway, and backtracking made a long run of dots not followed
    # by a space cubic (2,000 dots took a minute; 100,000 now take milliseconds).
    s, c = re.escape(stops), re.escape(cjk)
    alternatives = [f"[{s}](?<![{s}][{s}])[{s}]*+[{re.escape(profile.closers)}]*+(?=\\s|$)"]
    if cjk:
        alternatives.append(f"[{c}](?<![{c}][{c}])[{c}]*+[{re.escape(profile.cjk_closers)}]*+")
    dateline = re.compile(profile.dateline, re.IGNORECASE | re.VERBOSE) if profile.dateline else None
    # The same first alternative alone (one leading character set: the engine scans for it
    # in C, where two alternatives make it try every position), capturing what the
    # boundary rules read: the stops (the match without its closers) and the next word
    # (_WORD_AFTER at the match's end).
    plain = after_word = dot_ends = other_ends = None
    separate = not set(stops) & set(cjk + profile.cjk_closers) and not set(profile.closers) - set(profile.cjk_closers)
    if stops and separate:
        closers = re.escape(profile.closers)
        plain = re.compile(f"([{s}](?<![{s}][{s}])[{s}]*+)[{closers}]*+(?=\\s|$)(?=\\s*([^\\s]{{0,100}}))")
        tail = f"(?<![{s}][{s}])[{s}]*+[{closers}]*+(?=\\s|$)"
        others = stops.replace(".", "")
        dot_ends = re.compile(f"\\.{tail}") if "." in stops else None
        other_ends = re.compile(f"[{re.escape(others)}]{tail}") if others else None
        if "." in stops:
            after_word = re.compile(f"\\.(?<![{s}]\\.)(?<=[\\w'’-]\\.)(?![{s}])[{closers}]*+(?=\\s|$)"
                                    f"(?=\\s*([^\\s]{{0,100}}))")
    other_stops = stops.replace(".", "")
    return _Rules(profile, re.compile("|".join(alternatives)), dateline, plain, after_word, dot_ends, other_ends,
                  other_stops, "".join(c for c in other_stops if c.isascii()), "".join(c for c in cjk if c.isascii()))


def strip_dateline(text: str, profile: LanguageProfile = ENGLISH) -> str:
    """Remove a leading news dateline such as ``(CNN)`` or ``Rome (CNN) --``.

    Parameters
    ----------
    text : str
        Article or first-sentence text.
    profile : LanguageProfile
        Its ``dateline`` pattern (none: nothing is removed).

    Returns
    -------
    str
        ``text`` without the dateline; unchanged when there is none.
    """
    pattern = _rules(profile).dateline
    match = pattern.match(text) if pattern is not None else None
    if match is None or match.end() == len(text):
        return text
    rest = text[match.end():]
    if match.group("dash") is None and (
        rest[0] in ",;:)" or (text != text.lower() and rest[0].islower())
    ):
        # A source named inside a sentence, not a dateline: "Speaking to Agence
        # France-Presse (AFP), the minister said ...", "The Associated Press (AP)
        # reported ...".  Stripping it would delete the start of the sentence.
        return text
    return rest


def _word_before(text: str, end: int) -> str:
    """Return the word (letters, digits, ``_.'’-``) that ends at ``end`` in ``text``."""
    # Search a bounded window before ``end`` rather than with a ``$``-anchored regex from
    # position 0 (which tried every start position: splitting was quadratic in the length
    # of the text, minutes for a long document); a word that may reach past the window's
    # start is found by scanning backwards character by character.
    low = end - _WORD_WINDOW
    if low <= 0:
        match = _WORD_AT_END.search(text, 0, end)
        return match.group() if match is not None else ""
    match = _WORD_AT_END.search(text, low, end)
    if match is None:
        return ""
    if match.start() > low:
        return match.group()
    start = low
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.'’-"):
        start -= 1
    return text[start:end]


def _is_boundary(text: str, match: re.Match[str], cased: bool, profile: LanguageProfile) -> bool:
    """Decide whether the punctuation run in ``match`` ends a sentence."""
    punct = match.group().rstrip(profile.cjk_closers)
    if punct[-1] in profile.cjk_stops:
        return True
    after = _WORD_AFTER.match(text, match.end())
    nxt = after.group(1) if after else ""
    if not nxt:
        return True
    nxt_clean = nxt.lstrip(_OPENING)
    if cased and nxt_clean[:1].islower():
        return False
    if punct != ".":
        # "!", "?", "!!!", "?!", an ellipsis: a boundary unless the next word is
        # lower-case (checked above).  An ellipsis glued to a word before a
        # capitalised name is still treated as a boundary: rare and harmless.
        return True
    return _ends_after_word(_word_before(text, match.start()), nxt_clean, profile)


def _ends_after_word(prev: str, nxt_clean: str, profile: LanguageProfile) -> bool:
    """Whether a single ``.`` after the word ``prev`` ends a sentence.

    ``nxt_clean`` is the next word, opening quotes stripped.
    """
    if not prev:
        # A stand-alone "." token, as in PTB-tokenised text: always a boundary.
        return True
    word = prev.rstrip(".").lower()
    if "." in word.strip("."):
        # Dotted acronym: U.S., e.g., a.m., D.C. -- ends a sentence only before an opener.
        return nxt_clean.lower() in profile.openers
    if word in profile.titles:
        return False
    if len(word) == 1 and word.isalpha() and prev[:1].isupper():
        # A capital initial: "V. Stiviano", "J. K. Rowling".
        return False
    if word in profile.abbreviations:
        if nxt_clean[:1].isdigit():
            return False  # "No. 10", "Jan. 5"
        return nxt_clean.lower() in profile.openers
    return True


def _uncased(text: str) -> bool:
    """``text == text.lower()``: no character that lower-casing changes.

    Every such character is upper or title case (the tests check them all), so
    ``str.islower()`` answers for text with a lower-case letter and no capital; text
    within the Basic Multilingual Plane is looked up in a table of those characters.
    """
    if text.isascii():
        return text == text.lower()  # ASCII lower-casing is a fast copy, str.islower() is not
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):  # no character outside the Basic Multilingual Plane
        import numpy as np  # here: splitting ASCII text (summarize score) needs no numpy

        return not np.take(_bmp_cased(), np.frombuffer(units, dtype="<u2")).any()
    return text.islower() or text == text.lower()


@lru_cache(maxsize=1)
def _bmp_cased() -> np.ndarray:
    """True for the code points ``0 .. 0xFFFF`` that lower-casing changes."""
    import numpy as np

    return np.array([chr(c).lower() != chr(c) for c in range(0x10000)])


def _boundary_ends(text: str, start: int, profile: LanguageProfile) -> list[int]:
    """Where the sentences of ``text[start:]`` end, but for the last one (its end is ``len(text)``).

    Each end is that of a boundary candidate that :func:`_is_boundary` accepts, moved
    past a PTB closing quote (``_PTB_CLOSE_QUOTE``) that follows it.
    """
    rules = _rules(profile)
    ends: list[int] = []
    plain = rules.plain
    ascii_text = text.isascii()  # (a flag of the string: no scan)
    if plain is None or any(stop in text for stop in (rules.ascii_cjk_stops if ascii_text else profile.cjk_stops)):
        cased = not _uncased(text)
        for match in rules.candidate.finditer(text, start):
            if match.end() > start and _is_boundary(text, match, cased, profile):
                ends.append(match.end())
    elif rules.after_word is not None and rules.dot_ends is not None and _uncased(text):
        # Without capitals (PTB-tokenised, lower-cased text), _is_boundary rejects only a
        # single "." after a word that the word rules reject: take every candidate's end
        # but theirs.  (Candidates never overlap: the ends of both patterns, merged, are
        # those of the one pattern that tries every stop.)
        ends = list(map(_END, rules.dot_ends.finditer(text, start)))
        others = rules.other_ends
        if others is not None and any(
                stop in text for stop in (rules.ascii_other_stops if ascii_text else rules.other_stops)):
            ends = sorted(ends + list(map(_END, others.finditer(text, start))))
        rejected = [match.end() for match in rules.after_word.finditer(text, start)
                    if match.group(1) and not _ends_after_word(
                        _word_before(text, match.start()), match.group(1).lstrip(_OPENING), profile)]
        if rejected:
            ends = [end for end in ends if end not in rejected]
    else:
        # _is_boundary without CJK stops, on the groups of the plain pattern; whether the
        # text has capitals is computed once it matters (a lower-case next word).
        cased = None
        append = ends.append
        for match in plain.finditer(text, start):
            nxt = match.group(2)
            if nxt:
                nxt_clean = nxt.lstrip(_OPENING)
                if nxt_clean[:1].islower():
                    if cased is None:
                        cased = not _uncased(text)
                    if cased:
                        continue
                if match.group(1) == ".":
                    at = match.start()
                    if at and (text[at - 1].isalnum() or text[at - 1] in "_.'’-") and not _ends_after_word(
                            _word_before(text, at), nxt_clean, profile):
                        continue
            append(match.end())
    if ends and "''" in text:
        # A PTB closing quote after a boundary: _PTB_CLOSE_QUOTE.match(text, end) for each
        # end, found from the quotes (rare) rather than tried at every end.  An end is
        # never white space (it follows a mark), so a white-space run after it starts there.
        after: dict[int, int] = {}
        for quote in _PTB_QUOTE.finditer(text, start):
            run = quote.start() - 1
            while run > 0 and text[run - 1].isspace():
                run -= 1
            after[run] = quote.end()
        if after:
            ends = [after.get(end, end) for end in ends]
    return ends


def squeeze(text: str) -> str:
    """``" ".join(text.split())``: white-space runs become one space, the ends are stripped."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Already squeezed: its only white space is single spaces (printable text has no other),
        # none at the ends.  Two scans instead of splitting into words and joining them.
        squeezed = text
    else:
        squeezed = " ".join(text.split())
    _LAST_SQUEEZED[0] = squeezed
    return squeezed


def _single_spaced(text: str) -> bool:
    """Whether the only white space in ``text`` is single spaces."""
    # The string squeeze returned last is (the parser squeezes a paragraph's lines, and a
    # one-line paragraph is its line: the same object, split next); others are scanned.
    return text is _LAST_SQUEEZED[0] or (text.isprintable() and "  " not in text)


def sentence_spans(text: str, profile: LanguageProfile = ENGLISH) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character spans of the sentences in ``text``.

    Spans exclude surrounding white space and a leading dateline; joining the
    spans' text with spaces gives back ``text`` up to white space and dateline.

    Parameters
    ----------
    text : str
        Any text; paragraphs should be split beforehand if their breaks matter.
    profile : LanguageProfile
        The language's sentence enders, abbreviations and dateline (default English).

    Returns
    -------
    list of tuple of int
        Spans in document order; empty for empty or white-space-only text.
    """
    start = len(text) - len(strip_dateline(text, profile))
    spans: list[tuple[int, int]] = []
    for end in _boundary_ends(text, start, profile):
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the stripped span ``text[start:end]`` if it holds a letter or digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return
    if _ALNUM.search(text, start, end) is None:
        # A stray closing quote or bullet: glue it to the previous sentence.
        if spans:
            spans[-1] = (spans[-1][0], end)
        return
    spans.append((start, end))


def split_sentences(text: str, profile: LanguageProfile = ENGLISH) -> list[str]:
    """Split ``text`` into sentences, normalising inner white space to one space.

    Parameters
    ----------
    text : str
        Any text.
    profile : LanguageProfile
        The language's rules (default English).

    Returns
    -------
    list of str
        The sentences in document order.

    Examples
    --------
    >>> split_sentences("Mr. Smith paid $2.6 million. He left at 5 p.m. on Jan. 3.")
    ['Mr. Smith paid $2.6 million.', 'He left at 5 p.m. on Jan. 3.']
    """
    # The text of each span of sentence_spans, " ".join(text[s:e].split()), without the spans:
    # a piece between two ends holds a sentence when it has a letter or digit, and is glued
    # to the sentence before it otherwise.
    start = len(text) - len(strip_dateline(text, profile))
    ends = _boundary_ends(text, start, profile)
    starts = [start, *ends]
    ends.append(len(text))
    pieces = map(text.__getitem__, map(slice, starts, ends))
    if _single_spaced(text):  # (printable text has no white space but the space): a stripped piece is squeezed
        sentences = list(map(str.strip, pieces))
    else:
        sentences = list(map(" ".join, map(str.split, pieces)))
    if sentences and not sentences[-1]:  # the text ends with a boundary: the last piece is empty
        sentences.pop()
    if all(sentences) and all(map(_ALNUM.search, sentences)):
        return sentences
    out: list[str] = []
    for begin, end, sentence in zip(starts, ends, sentences):
        if sentence:
            if _ALNUM.search(sentence) is not None:
                out.append(sentence)
                start = begin
            elif out:
                out[-1] = " ".join(text[start:end].split())
    return out
