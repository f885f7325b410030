"""Turn raw article text (and optional record fields) into an :class:`Article`.

The plain-text parser recognises the shape of real web articles such as the
seed article: a title, page furniture (comment counts, image captions, source
lines, the comment form), the article's own summary paragraphs and the body.

Own-summary paragraphs
----------------------
``lead``
    The first paragraph after a title, when at least two more body paragraphs
    follow (a standfirst).  Only detected when the article has a title.
``closing``
    One of the last two content paragraphs, when it opens with a marker such
    as "In summary,", "In conclusion,", "To sum up,", "TL;DR" or "Key
    takeaways"; a bare marker heading takes the list that follows it.
``highlights``
    A "Highlights:" / "Key points:" block and its list items.

Detected paragraphs that the :class:`~summarize.text.article.ReferenceSpec` does not
choose go back into the body: the user has said they are article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.text import boilerplate as bp
from summarize.text.article import TEXT_SUMMARY_KINDS, Article, ReferenceSpec
from summarize.text.languages import choose_language
from summarize.text.profile import get_profile, summary_marker_pattern
from summarize.text.sentences import split_sentences, squeeze

__all__ = ["build_article", "parse_text", "as_sentences"]

_TITLE_MAX_WORDS = 30
# Closing quotes and brackets that may follow a sentence's final full stop.
_CLOSERS = "'\"’”)]»"


@dataclass
class _Para:
    """A paragraph after boilerplate removal; ``items`` is set for list paragraphs."""

    lines: list[str]
    kind: str = "body"
    heading: str | None = None  # the marker line of a "Key takeaways:" / "Highlights:" block

    @property
    def is_list(self) -> bool:
        return all(bp.is_list_item(line) for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def units(self) -> list[str]:
        """Body units: list items one by one (markers stripped), prose as one string."""
        if self.is_list or self.heading is not None:
            return [bp.strip_list_marker(line) for line in self.lines if bp.strip_list_marker(line)]
        return [self.text]


def as_sentences(value: object, field_name: str) -> tuple[str, ...]:
    """Normalise a summary value (a string or a list of sentences) to sentences.

    A string is split with the toolkit's sentence splitter; list items are kept
    as given (the user already split them), stripped, empty ones dropped.

    Raises
    ------
    TypeError
        If ``value`` is neither a string nor a list of strings.
    """
    if isinstance(value, str):
        return tuple(split_sentences(value))
    if type(value) is list:  # what JSON gives: normalised in C, as below ("" once split is what strips to "")
        try:
            return tuple(filter(None, map(" ".join, map(str.split, value))))
        except TypeError:
            pass  # an item that is not a string: the loop below names it
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        for k, item in enumerate(value):
            if not isinstance(item, str):
                raise TypeError(f"field {field_name!r}: item {k} must be a string, got {type(item).__name__}")
        return tuple(" ".join(item.split()) for item in value if item.strip())
    raise TypeError(
        f"field {field_name!r} must be a string or a list of strings, "
        f"got {type(value).__name__}"
    )


def _paragraphs(text: str) -> tuple[list[_Para], list[str]]:
    """Split ``text`` into paragraphs, dropping boilerplate lines and the page tail."""
    boiler: list[str] = []
    paras: list[_Para] = []
    in_tail = False
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    for block in text.split("\n\n"):
        kept: list[str] = []
        for raw in block.split("\n"):
            line = squeeze(raw)
            if not line:
                if kept:  # a white-space-only line also ends a paragraph
                    paras.append(_Para(kept))
                    kept = []
                continue
            if not in_tail and (paras or kept) and bp.starts_tail(line):
                in_tail = True
            if in_tail or bp.is_boilerplate_line(line):
                boiler.append(line)
            else:
                kept.append(line)
        if kept:
            paras.append(_Para(kept))
    return _merge_lists(paras), boiler


def _merge_lists(paras: list[_Para]) -> list[_Para]:
    """Join consecutive list paragraphs so a bulleted block is one paragraph."""
    merged: list[_Para] = []
    for para in paras:
        if merged and para.is_list and merged[-1].is_list:
            merged[-1].lines.extend(para.lines)
        else:
            merged.append(para)
    return merged


def _take_title(paras: list[_Para]) -> str | None:
    first = paras[0] if paras else None
    if (
        first is not None
        and len(paras) >= 3
        and len(first.lines) == 1
        and not first.is_list
        and len(first.text.split()) <= _TITLE_MAX_WORDS
        # A one-line opening sentence that ends in a quotation ('He said: "We
        # will rebuild."') is prose, not a title.
        and not first.text.rstrip(_CLOSERS).endswith(".")
        # Chinese/Japanese have no spaces to count words by: a line that ends like a sentence is prose.
        and not first.text.rstrip(_CLOSERS).endswith(("。", "！", "？"))
    ):
        paras.pop(0)
        return first.text
    return None


def _mark_highlights(paras: list[_Para]) -> None:
    for i, para in enumerate(paras):
        if not para.lines:
            continue  # a list moved into the heading before it
        rest = bp.highlights_heading(para.lines[0])
        if rest is None:
            continue
        para.kind, para.heading = "highlights", para.lines[0]
        para.lines = ([rest] if rest else []) + para.lines[1:]
        if not para.lines and i + 1 < len(paras) and paras[i + 1].is_list:
            follower = paras[i + 1]
            para.lines, follower.lines = follower.lines, []
    paras[:] = [para for para in paras if para.lines]


def _mark_closing(paras: list[_Para], markers: re.Pattern[str] | None = None) -> None:
    content = [i for i, para in enumerate(paras) if para.kind == "body"]
    for i in content[-2:]:
        marker = bp.closing_marker(paras[i].lines[0], markers)
        if marker is None:
            continue
        para = paras[i]
        para.kind = "closing"
        if marker == "heading":
            para.heading = para.lines[0]
            para.lines = para.lines[1:]
            if not para.lines and i + 1 < len(paras):
                para.lines, paras[i + 1].lines = paras[i + 1].lines, []
        break
    paras[:] = [para for para in paras if para.lines]


def _mark_lead(paras: list[_Para]) -> None:
    body = [para for para in paras if para.kind == "body"]
    if len(body) >= 3 and not body[0].is_list:
        body[0].kind = "lead"


def _chosen_kinds(spec: ReferenceSpec, has_summary: bool, has_references: bool) -> tuple[str, ...]:
    if not spec.auto:
        return spec.kinds
    if has_summary:
        return ("summary",)
    if has_references:
        return ("references",)
    return TEXT_SUMMARY_KINDS


def build_article(
    text: str,
    *,
    id: str,
    reference: ReferenceSpec = ReferenceSpec(),
    title: str | None = None,
    summary: object = None,
    references: object = None,
    highlights: Sequence[str] | None = None,
    lead: str | None = None,
    warnings: Sequence[str] = (),
    language_hint: object = None,
) -> Article:
    """Parse article ``text`` and attach its own summaries as references.

    Parameters
    ----------
    text : str
        Raw article text: plain text with blank lines between paragraphs, or
        one long line (CNN/DailyMail style).
    id : str
        Record identifier.
    reference : ReferenceSpec
        Which own-summary sources become references (default ``auto``).
    title : str, optional
        A title from a record field; otherwise a title line is detected.
    summary : str or list of str, optional
        The record's own summary (``summary`` kind).
    references : list of (str or list of str), optional
        Alternative references from the record (``references`` kind).
    highlights : list of str, optional
        Highlights kept outside the text, e.g. a ``.story`` file's
        ``@highlight`` lines (``highlights`` kind, like a detected block).
    lead : str, optional
        A standfirst kept outside the text, e.g. an HTML page's description
        (``lead`` kind).  When given, the first paragraph of ``text`` is never
        taken as the lead; when not chosen as a reference, it is dropped.
    warnings : sequence of str
        Reading problems to carry in :attr:`Article.warnings`.
    language_hint : object, optional
        The record's ``language`` field, used with ``reference.language == "auto"``
        (:func:`summarize.text.languages.choose_language`).

    Returns
    -------
    Article
        Body, title, chosen references and removed boilerplate.

    Raises
    ------
    TypeError
        If ``summary`` or ``references`` has the wrong type.
    """
    summary_sents = as_sentences(summary, "summary") if summary is not None else ()
    alternatives: list[tuple[str, ...]] = []
    if references is not None:
        if isinstance(references, str) or not isinstance(references, Sequence):
            raise TypeError(
                "field 'references' must be a list of references (each a string or a list "
                f"of strings), got {type(references).__name__}"
            )
        for k, ref in enumerate(references):
            sents = as_sentences(ref, f"references[{k}]")
            if sents:
                alternatives.append(sents)

    language, note = choose_language(reference.language, text, language_hint)
    if note is not None:
        warnings = (*warnings, f"{id}: {note}")
    profile = get_profile(language)
    paras, boiler = _paragraphs(text)
    if title is None:
        title = _take_title(paras)
    captions = [para for para in paras if bp.is_caption(para.text)]
    boiler.extend(para.text for para in captions)
    paras = [para for para in paras if para not in captions]
    _mark_highlights(paras)
    _mark_closing(paras, summary_marker_pattern(profile.summary_markers))
    lead = " ".join(lead.split()) if lead else None
    if title is not None and lead is None:
        _mark_lead(paras)

    chosen = _chosen_kinds(reference, bool(summary_sents), bool(alternatives))
    if highlights and "highlights" in chosen:
        # Story highlights are never article text: unchosen, they are dropped.
        paras.append(_Para(list(highlights), kind="highlights", heading="@highlight"))
    if lead and "lead" in chosen:
        paras.insert(0, _Para([lead], kind="lead"))
    refs: list[tuple[str, ...]] = []
    kinds: list[str] = []
    own = [p for p in paras if p.kind in chosen]
    if own:
        sentences = tuple(s for p in own for unit in p.units() for s in split_sentences(unit, profile))
        refs.append(sentences)
        kinds.append("+".join(k for k in TEXT_SUMMARY_KINDS if any(p.kind == k for p in own)))
    if "summary" in chosen and summary_sents:
        refs.append(summary_sents)
        kinds.append("summary")
    if "references" in chosen:
        refs.extend(alternatives)
        kinds.extend("references" for _ in alternatives)

    body = tuple(unit for p in paras if p.kind not in chosen for unit in p.units())
    return Article(
        id=id,
        body=body,
        title=title,
        references=tuple(refs),
        reference_kinds=tuple(kinds),
        boilerplate=tuple(boiler),
        warnings=tuple(warnings),
        language=language,
    )


def parse_text(text: str, *, id: str = "article", reference: ReferenceSpec = ReferenceSpec(),
               language: str | None = None) -> Article:
    """Parse a plain-text article; shorthand for :func:`build_article` without record fields.

    ``language``: a code or ``"auto"``, overriding ``reference.language``.
    """
    if language is not None:
        from dataclasses import replace

        reference = replace(reference, language=language)
    return build_article(text, id=id, reference=reference)
