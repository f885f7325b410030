"""Signature strings that make every reported score reproducible (after sacrebleu).

A signature names everything that changes a ROUGE number: the metric types,
tokenizer, stemming, sentence splitter, reference choice, multi-reference
mode, bootstrap settings and package versions, e.g.::

    rouge:1+2+L+Lsum|tok:rouge-score-default|stem:porter|split:rules-v3|ref:auto|multi:best|boot:1000|ci:95|seed:12345|v:summarize-toolkit-0.2.0,rouge-score-0.1.2,nltk-3.9.1

The tokenizer field is ``tok:rouge-score-default`` or ``tok:unicode`` (``RougeConfig.tokenizer``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from eval.rouge.score import RougeConfig
from eval.stats.bootstrap import BootstrapConfig

__all__ = ["Signature", "package_versions"]

_PACKAGES = ("summarize-toolkit", "rouge-score", "nltk")


def package_versions() -> str:
    """``name-version`` of the packages that determine scores, comma-separated."""
    parts = []
    for name in _PACKAGES:
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

    @classmethod
    def create(cls, rouge: RougeConfig, bootstrap: BootstrapConfig, *, splitter: str, reference: str) -> Signature:
        """Build a signature with the installed package versions."""
        return cls(rouge, bootstrap, splitter, reference, package_versions())

    def __str__(self) -> str:
        fields = [
            "rouge:" + "+".join(_short_type(t) for t in self.rouge.types),
            "tok:" + ("rouge-score-default" if self.rouge.tokenizer == "rouge-score" else self.rouge.tokenizer),
            "stem:" + ("porter" if self.rouge.use_stemmer else "none"),
            f"split:{self.splitter}",
            f"ref:{self.reference}",
            f"multi:{self.rouge.multi_ref}",
            f"boot:{self.bootstrap.n_samples}",
            f"ci:{self.bootstrap.confidence * 100:g}",
            f"seed:{self.bootstrap.seed}",
            f"v:{self.versions}",
        ]
        return "|".join(fields)
