"""Line patterns for page furniture and own-summary markers in plain-text articles.

Kept apart from the parser so the lists can grow without touching its logic.
Every pattern is matched case-insensitively against one stripped line or
paragraph.  Comments say why a pattern is anchored the way it is: the cost of
a false positive is losing a real body sentence.
"""

from __future__ import annotations

import re

__all__ = [
    "closing_marker",
    "highlights_heading",
    "is_boilerplate_line",
    "is_caption",
    "is_list_item",
    "starts_tail",
    "strip_list_marker",
]

_I = re.IGNORECASE

# Whole lines that are never article prose.
_BOILERPLATE_FULL = re.compile(
    r"""^(?:
        \d[\d,.]*\s*(?:comments?|responses?|replies|shares?|views?)?    # comment / share counts
      | (?:no|one)\s+comments?
      | (?:original\s+)?source\s*:.*                                   # "Original Source: abcnews.go.com"
      | (?:image|photo|picture|video|featured\s+image)?\s*(?:credit|courtesy|source)s?\s*:.*
      | via\s*:.*
      | leave\s+a\s+(?:reply|comment).*
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (?:comment|name|email|e-mail|website)\s*\*?
      | save\s+my\s+name,?\s+email.*
      | (?:post|submit)\s+comment | cancel\s+reply
      | advertisement | advert | sponsored(?:\s+content)? | story\s+continues\s+below.*
      | scroll\s+down\s+for\s+video
      | (?:copyright|©).*all\s+rights\s+reserved.*
      | all\s+rights\s+reserved.*
    )$""",
    _I | re.VERBOSE,
)
# Short calls to action; only short lines, so a long paragraph opening with one survives.
_BOILERPLATE_SHORT = re.compile(
    r"""^(?:tweet|pin\s+it|email\s+this|print\s+this|subscribe|sign\s+up|follow\s+us
      |click\s+here|read\s+more|also\s+read|you\s+may\s+also\s+like
      |filed\s+under|listen\s+to\s+this\s+article)\b""",
    _I | re.VERBOSE,
)
# Words that also open ordinary sentences ("Share prices fell 4 percent.", "Related
# research shows ..."): page furniture only before a colon ("Related: ...") or as
# a fragment ("Share this article"), so a line that ends like a sentence is kept.
_BOILERPLATE_FRAGMENT = re.compile(
    r"""^(?:share|related|recommended|tags|posted\s+in|watch)
      (?:\s*:|\b(?!.*[.!?]['"’”)\]]*$))""",
    _I | re.VERBOSE,
)
_SHORT_WORDS = 15
# From such a line on, the rest of the page is comment form or navigation.
_TAIL = re.compile(
    # The closing \b keeps "Related postal workers ..." from ending the article.
    r"^(?:leave\s+a\s+(?:reply|comment)|post\s+navigation|related\s+posts?|you\s+may\s+also\s+like"
    r"|comments\s+are\s+closed|\d+\s+thoughts\s+on)\b",
    _I,
)
# Image captions: a description of a picture, not prose of the story.
_CAPTION = re.compile(
    r"""^(?:
        (?:symbolic|artistic|representational|illustrative|conceptual|file)\s+
            (?:representation|illustration|image|photo|picture|rendering|depiction)
      | (?:an?\s+)?(?:image|photo|photograph|picture|illustration|graphic|rendering)\s+
            (?:of|showing|depicting|shows|illustrating)\b
      | (?:pictured|image|photo|caption|illustration)\s*:
    )""",
    _I | re.VERBOSE,
)
_CAPTION_MAX_WORDS = 40
# Paragraph openers that mark a closing summary.
_CLOSING = re.compile(
    r"^(?:(?:in\s+summary|in\s+conclusion|to\s+sum\s+(?:it\s+)?up|to\s+summari[sz]e|summing\s+up"
    r"|in\s+sum|tl;?\s?dr|key\s+takeaways?|the\s+bottom\s+line|bottom\s+line)\b"
    # Bare nouns also open prose ("Summary judgment was granted ...", "Conclusion
    # of the sale is expected ..."): a marker only as a heading or before a colon.
    r"|(?:summary|conclusion)\s*(?::|$))",
    _I,
)
_HEADING_ONLY = re.compile(r"^[\w ;'’-]{1,40}:?$")
_HIGHLIGHTS = re.compile(
    r"^(?:story\s+)?(?:highlights|key\s+points|at\s+a\s+glance)\s*:?\s*(?P<rest>.*)$", _I
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·‣–—]|\d{1,2}[.)])\s+")


def is_boilerplate_line(line: str) -> bool:
    """True if the stripped ``line`` is page furniture rather than article text."""
    if _BOILERPLATE_FULL.match(line):
        return True
    if len(line.split(None, _SHORT_WORDS)) > _SHORT_WORDS:  # more than 15 words, without splitting them all
        return False
    return bool(_BOILERPLATE_SHORT.match(line) or _BOILERPLATE_FRAGMENT.match(line))


def starts_tail(line: str) -> bool:
    """True if ``line`` starts the comment form / navigation at the end of a page."""
    return bool(_TAIL.match(line))


def is_caption(paragraph: str) -> bool:
    """True if ``paragraph`` is a short image caption (``"Symbolic representation of ..."``)."""
    return bool(_CAPTION.match(paragraph)) and len(paragraph.split()) <= _CAPTION_MAX_WORDS


def closing_marker(paragraph: str, markers: re.Pattern[str] | None = None) -> str | None:
    """Classify a closing-summary paragraph.

    ``markers``: another language's opening phrases (its profile's
    ``summary_markers``), tried after the English ones.

    Returns
    -------
    str or None
        ``"heading"`` for a bare marker such as ``"Key takeaways:"`` (the list
        that follows is the summary), ``"inline"`` for a paragraph that starts
        with a marker (``"In summary, ..."``), ``None`` otherwise.
    """
    if not _CLOSING.match(paragraph) and (markers is None or not markers.match(paragraph)):
        return None
    return "heading" if _HEADING_ONLY.match(paragraph) else "inline"


def highlights_heading(line: str) -> str | None:
    """If ``line`` opens a highlights block, return the text after the heading (maybe ``""``)."""
    match = _HIGHLIGHTS.match(line)
    if match is None:
        return None
    rest = match.group("rest").strip()
    # "Highlights of the season were ..." is prose, not a heading.
    if rest and not line.rstrip().split(None, 1)[0].endswith(":") and ":" not in line[:20]:
        return None
    return rest


def is_list_item(line: str) -> bool:
    """True if ``line`` starts with a bullet or a ``1.`` / ``1)`` number."""
    return bool(_LIST_ITEM.match(line))


def strip_list_marker(line: str) -> str:
    """Remove a leading bullet or list number from ``line``."""
    return _LIST_ITEM.sub("", line, count=1).strip()
