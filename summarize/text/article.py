"""The article record that flows from the readers to the summarizers and evaluation.

An :class:`Article` separates what the summarizer may read (``body``) from the
article's own summary paragraphs (``references``) and from page furniture
(``boilerplate``), so that a summary can never copy its reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from summarize.text.profile import get_profile
from summarize.text.sentences import split_sentences

__all__ = [
    "Article",
    "MissingReferenceError",
    "ReferenceSpec",
    "SUMMARY_KINDS",
    "TEXT_SUMMARY_KINDS",
    "parse_reference_spec",
]


class MissingReferenceError(ValueError):
    """Raised when a method that needs a reference (the oracle) gets none.

    Defined here, not with the oracle, so that scoring code can catch it
    without importing scikit-learn.
    """

#: Own-summary paragraphs that the plain-text parser can detect in article text.
TEXT_SUMMARY_KINDS = ("lead", "closing", "highlights")
#: Every source of a reference: detected paragraphs plus record fields.
SUMMARY_KINDS = TEXT_SUMMARY_KINDS + ("summary", "references")


@dataclass(frozen=True)
class ReferenceSpec:
    """Which own-summary sources count as references.

    Attributes
    ----------
    kinds : tuple of str
        Chosen kinds from :data:`SUMMARY_KINDS`; empty means no reference.
    auto : bool
        If true, use the record's ``summary`` field when present, otherwise its
        ``references`` field, otherwise every own-summary paragraph detected in
        the text (``lead``, ``closing`` and ``highlights`` together).
    language : str
        Language code whose markers ("En résumé", "总之") and sentence rules
        apply, or ``"auto"`` (:func:`summarize.text.languages.choose_language`).
    """

    kinds: tuple[str, ...] = ()
    auto: bool = True
    #: The language whose own-summary markers and sentence rules apply: a code of
    #: :data:`eval.languages.LANGUAGES` or ``"auto"`` (the record's ``language`` field, else detected).
    language: str = "auto"

    def __str__(self) -> str:
        if self.auto:
            return "auto"
        return ",".join(self.kinds) if self.kinds else "none"


def parse_reference_spec(value: str) -> ReferenceSpec:
    """Parse a ``--reference`` value such as ``"auto"``, ``"none"`` or ``"lead,closing"``.

    Raises
    ------
    ValueError
        If a name is not one of ``auto``, ``none`` or :data:`SUMMARY_KINDS`.
    """
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    if names == ["auto"]:
        return ReferenceSpec(auto=True)
    if names == ["none"]:
        return ReferenceSpec(kinds=(), auto=False)
    unknown = [name for name in names if name not in SUMMARY_KINDS]
    if unknown or not names:
        raise ValueError(
            f"invalid reference choice {value!r}: use 'auto', 'none' or a comma-separated "
            f"list of {', '.join(SUMMARY_KINDS)}"
        )
    ordered = tuple(kind for kind in SUMMARY_KINDS if kind in names)
    return ReferenceSpec(kinds=ordered, auto=False)


@dataclass(frozen=True)
class Article:
    """One article, split into the parts the toolkit treats differently.

    Attributes
    ----------
    id : str
        Record identifier (file name, record ``id`` field or line number).
    body : tuple of str
        Body paragraphs in document order: the only text summarizers read.
    title : str or None
        The title, when one was given or detected.
    references : tuple of tuple of str
        Alternative references, each a tuple of sentences.  Empty when the
        article has no own summary (it can still be summarized).
    reference_kinds : tuple of str
        Where each reference came from, e.g. ``"lead+closing"`` or ``"summary"``.
    boilerplate : tuple of str
        Lines removed as page furniture (comment counts, captions, source
        lines, comment forms); kept so users can check the parser.
    warnings : tuple of str
        Problems met while reading the record that did not stop it, each naming
        its file (and line) and what to check, e.g. ``"notes.txt: not valid
        UTF-8; read as cp1252 (check accented characters)"``.  The command line
        prints them on stderr.
    language : str
        ISO 639-1 code of the language whose rules split and analyse the text
        (:func:`summarize.text.profile.get_profile`; ``xx``: language-neutral).
    """

    id: str
    body: tuple[str, ...]
    title: str | None = None
    references: tuple[tuple[str, ...], ...] = ()
    reference_kinds: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = field(default=(), repr=False)
    warnings: tuple[str, ...] = field(default=(), repr=False)
    language: str = "en"

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """Body sentences in document order; paragraph breaks are sentence breaks."""
        profile = get_profile(self.language)
        return tuple(s for paragraph in self.body for s in split_sentences(paragraph, profile))

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.body)

    @classmethod
    def from_text(cls, text: str, *, id: str = "article", language: str = "en") -> Article:
        """Build an article whose whole ``text`` is body (no parsing, no reference)."""
        return cls(id=id, body=(text,), language=language)
