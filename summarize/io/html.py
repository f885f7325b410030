"""Articles from HTML pages: main text, title and the page's own summary.

The main text is extracted with trafilatura (offline: it is given the page as a
string and never fetches anything), which drops scripts, styles, navigation,
comment forms and page furniture.  Its paragraphs then go through the
plain-text parser (:func:`summarize.text.parse.build_article`), so "In summary,"
closing paragraphs, highlights blocks and boilerplate lines are found as in a
``.txt`` file.  The page's own summary:

* a standfirst paragraph (``<p class="lead">``, ``standfirst``, ``summary`` or
  ``intro``; also a ``<div>``/``<h2>`` of class ``standfirst``), else
* the ``og:description`` / ``<meta name="description">`` text, unless it merely
  repeats (the start of) one of the first paragraphs,

becomes the ``lead`` own summary; the page title (trafilatura's choice among
``og:title``, ``<title>`` and ``<h1>``) becomes the article's title.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from eval.extras import require
from summarize.text.article import Article, ReferenceSpec

__all__ = ["HtmlPage", "NoTextError", "extract_html", "looks_like_html", "parse_html"]

_HTML_START = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
# Class names of a standfirst, as whole words of a class token: "lead", "article-standfirst",
# "c-intro"; not "leaderboard" or "introduction-video".
_STANDFIRST_CLASS = re.compile(r"(?:^|[-_])(?:lead|standfirst|summary|intro)(?:$|[-_])", re.IGNORECASE)
_STANDFIRST_MIN_WORDS = 5
# Never a standfirst inside these (related-article teasers, footers, comment forms).
_OUTSIDE_ARTICLE = frozenset({"nav", "aside", "footer", "form", "menu"})
# trafilatura's XML element names for text blocks.
_BLOCKS = frozenset({"p", "head", "quote", "code"})
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
_NO_TEXT = ("no article text in the HTML page (only markup, scripts or navigation); if the text is "
            "loaded by JavaScript, save the page after it has loaded, or give the article as text")


class NoTextError(ValueError):
    """The page holds no article text (only markup, scripts or navigation)."""


@dataclass(frozen=True)
class HtmlPage:
    """What :func:`extract_html` found on a page.

    Attributes
    ----------
    text : str
        The main text as plain text, paragraphs separated by blank lines, list
        items as ``- item`` lines (the input of the plain-text parser).
    title : str or None
    lead : str or None
        The page's own summary (standfirst or description), not part of ``text``.
    """

    text: str
    title: str | None = None
    lead: str | None = None


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML page (``<!doctype html`` or ``<html``, case-insensitive)."""
    return bool(_HTML_START.match(text[:2048].lstrip("\ufeff")))


def _quiet() -> None:
    # trafilatura and htmldate log warnings about odd pages; without a handler anywhere,
    # Python would print them on stderr ("last resort"), in the middle of our output.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _norm(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    """Comparison form: white space collapsed, case folded, a trailing ellipsis removed."""
    return _ELLIPSIS.sub("", _norm(text)).casefold().rstrip(" .")


def _text_of(element: Any) -> str:
    return _norm("".join(element.itertext()))


def _standfirst(tree: Any) -> str | None:
    """Text of the first standfirst element outside navigation, asides and footers."""
    for element in tree.iter("p", "div", "h2"):
        classes = (element.get("class") or "").split()
        if element.tag == "p":
            if not any(_STANDFIRST_CLASS.search(c) for c in classes):
                continue
        elif not any(c.lower() == "standfirst" or c.lower().endswith("-standfirst") for c in classes):
            continue
        if any(parent.tag in _OUTSIDE_ARTICLE for parent in element.iterancestors()):
            continue
        text = _text_of(element)
        if len(text.split()) >= _STANDFIRST_MIN_WORDS:
            return text
    return None


def _blocks(element: Any) -> list[str]:
    """Paragraph texts of trafilatura's output tree, in document order."""
    out: list[str] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS:
            text = _text_of(child)
            if text:
                out.append(text)
        elif tag == "list":
            items = [_text_of(item) for item in child.iter("item")]
            items = [item for item in items if item]
            if items:
                out.append("\n".join("- " + item for item in items))
        elif tag == "table":
            continue  # tables are not prose (and are not extracted)
        else:
            out.extend(_blocks(child))
    return out


def _field(document: Any, name: str) -> Any:
    # trafilatura >= 2 returns a Document, 1.x a dict.
    if isinstance(document, dict):
        return document.get(name)
    return getattr(document, name, None)


def extract_html(html: str) -> HtmlPage:
    """Extract the main text, title and own summary of an HTML page.

    Parameters
    ----------
    html : str
        The whole page (already decoded).

    Returns
    -------
    HtmlPage

    Raises
    ------
    NoTextError
        If the page holds no article text.
    """
    trafilatura = require("trafilatura", "html", "HTML input")
    from trafilatura.utils import load_html

    _quiet()
    tree = load_html(html)
    if tree is None:
        raise NoTextError("no article text in the HTML page (it holds no HTML body); give the saved page or its text")
    for element in list(tree.iter("noscript")):
        element.drop_tree()  # "Please enable JavaScript" is not article text
    standfirst = _standfirst(tree)
    options: dict[str, Any] = {}
    meta: Any = None
    if int(trafilatura.__version__.split(".")[0]) >= 2:
        # Only the title and the description are used: read them as trafilatura's metadata step
        # does, but without its date search (htmldate), which took seconds on large pages.
        # Read before the extraction, which cleans the tree in place.
        meta = _title_and_description(tree)
    else:
        options["output_format"] = "xml"  # 1.x keeps the text tree only for non-"python" outputs
    document = trafilatura.bare_extraction(
        tree, include_comments=False, include_tables=False, include_images=False, include_links=False,
        deduplicate=False, **options,
    )
    if meta is None:
        meta = document
    body = _field(document, "body") if document is not None else None
    blocks = _blocks(body) if body is not None else []
    if not blocks:
        raise NoTextError(_NO_TEXT)
    title = _norm(_field(meta, "title") or "") or None
    if title is not None and _key(blocks[0]) == _key(title):
        blocks.pop(0)  # the <h1> heading repeats the title
    lead = None
    if standfirst is not None:
        lead = standfirst
        blocks = [block for block in blocks if _key(block) != _key(standfirst)]
    else:
        description = _norm(_field(meta, "description") or "")
        if description and not _repeats_opening(description, blocks):
            lead = description
    if not blocks:  # only a heading, or only the standfirst
        raise NoTextError(_NO_TEXT)
    return HtmlPage(text="\n\n".join(blocks), title=title, lead=lead)


def _title_and_description(tree: Any) -> Any:
    """trafilatura's title and description of the page (its metadata rules, without the date search)."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura guards its JSON-LD parser the same way
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    meta.clean_and_trim()
    return meta


def _repeats_opening(description: str, blocks: list[str]) -> bool:
    """True if ``description`` is (the start of) one of the first paragraphs, or the other way round."""
    wanted = _key(description)
    for block in blocks[:3]:
        have = _key(block)
        if have.startswith(wanted) or (len(have) > 40 and wanted.startswith(have)):
            return True
    return False


def parse_html(html: str, *, id: str = "article", reference: ReferenceSpec = ReferenceSpec()) -> Article:
    """Parse an HTML page into an :class:`Article` (like :func:`summarize.text.parse.parse_text`).

    Raises
    ------
    NoTextError
        If the page holds no article text.
    """
    from summarize.text.parse import build_article

    page = extract_html(html)
    return build_article(page.text, id=id, reference=reference, title=page.title, lead=page.lead)
