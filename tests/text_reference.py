"""Reference implementations of text code that now has fast paths (the code before them).

The sentence splitter below is :mod:`summarize.text.sentences` as it was before
its fast paths (commit 8064cbb), unchanged; the tests compare the current code
with it on generated and real text.  Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarize.text.profile import ENGLISH, LanguageProfile

# The next word, at most 100 characters: after a CJK stop the "word" runs to the next
# space, which may be the end of the text (unbounded, splitting became quadratic).
_WORD_AFTER = re.compile(r"\s*([^\s]{0,100})")
# PTB-tokenised text writes a closing double quote as a separate "''" token.
_PTB_CLOSE_QUOTE = re.compile(r"\s+''(?=\s|$)")


@dataclass(frozen=True)
class _Rules:
    """A profile's splitting rules, compiled once per profile."""

    profile: LanguageProfile
    candidate: re.Pattern[str]
    dateline: re.Pattern[str] | None


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
    alternatives = [f"[{re.escape(stops)}](?<![{re.escape(stops)}][{re.escape(stops)}])[{re.escape(stops)}]*+"
                    f"[{re.escape(profile.closers)}]*+(?=\\s|$)"]
    if cjk:
        alternatives.append(f"[{re.escape(cjk)}](?<![{re.escape(cjk)}][{re.escape(cjk)}])[{re.escape(cjk)}]*+"
                            f"[{re.escape(profile.cjk_closers)}]*+")
    dateline = re.compile(profile.dateline, re.IGNORECASE | re.VERBOSE) if profile.dateline else None
    return _Rules(profile, re.compile("|".join(alternatives)), dateline)


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
    # Scan backwards rather than search with a ``$``-anchored regex: such a search
    # tries every start position from 0, which made splitting quadratic in the
    # length of the text (minutes for a long document).
    start = end
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
    nxt_clean = nxt.lstrip("'\"‘“(`[")
    first = nxt_clean[:1]
    if cased and first.islower():
        return False
    prev = _word_before(text, match.start())
    if punct != ".":
        # "!", "?", "!!!", "?!", an ellipsis: a boundary unless the next word is
        # lower-case (checked above).  An ellipsis glued to a word before a
        # capitalised name is still treated as a boundary: rare and harmless.
        return True
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
        if first.isdigit():
            return False  # "No. 10", "Jan. 5"
        return nxt_clean.lower() in profile.openers
    return True


def squeeze(text: str) -> str:
    """``" ".join(text.split())``: white-space runs become one space, the ends are stripped."""
    return " ".join(text.split())


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
    rules = _rules(profile)
    start = len(text) - len(strip_dateline(text, profile))
    cased = text != text.lower()
    spans: list[tuple[int, int]] = []
    for match in rules.candidate.finditer(text, start):
        if match.end() <= start or not _is_boundary(text, match, cased, profile):
            continue
        end = match.end()
        quote = _PTB_CLOSE_QUOTE.match(text, end)
        if quote is not None:
            end = quote.end()
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
    if not any(ch.isalnum() for ch in text[start:end]):
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
    return [" ".join(text[s:e].split()) for s, e in sentence_spans(text, profile)]
