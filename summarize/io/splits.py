"""Honest dev/report splits: tune on one part of a collection, report on the other.

The split is a pure function of each article's id, so it is the same in every
run, process and machine, and needs no stored list:

* ``dev``: ids whose first character (case-insensitive) is one of
  ``dev_prefixes`` (default ``0``, ``1``, ``2``: 3/16 of hex ids such as
  CNN/DailyMail's sha1 story ids), minus the ids in ``exclude_from_dev``
  (e.g. the 100 SummEval articles, which are reported on separately);
* ``report``: every other article.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["IdPrefixSplit", "PARTS", "load_ids", "parse_prefixes"]

PARTS = ("dev", "report")


def parse_prefixes(text: str) -> tuple[str, ...]:
    """Parse ``"0,1,2"`` into ``("0", "1", "2")``.

    Raises
    ------
    ValueError
        If no prefix is given.
    """
    prefixes = tuple(p.strip().lower() for p in text.split(",") if p.strip())
    if not prefixes:
        raise ValueError(f"expected a comma-separated list of id prefixes such as 0,1,2; got {text!r}")
    return prefixes


def load_ids(path: str | Path, *, field_name: str = "id") -> frozenset[str]:
    """Ids from a text file (one per line) or a JSONL file (``.jsonl``/``.jsonl.gz``, field ``field_name``).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If a JSONL line is malformed or lacks ``field_name``.
    """
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    ids: set[str] = set()
    with opener(path, "rt", encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            if not line.startswith("{"):
                ids.add(line)
                continue
            try:
                value = json.loads(line)[field_name]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ValueError(f"{path}:{lineno}: expected a JSON object with field {field_name!r}") from None
            ids.add(str(value))
    return frozenset(ids)


@dataclass(frozen=True)
class IdPrefixSplit:
    """Assign articles to ``dev`` or ``report`` by id prefix (see module docstring)."""

    dev_prefixes: tuple[str, ...] = ("0", "1", "2")
    exclude_from_dev: frozenset[str] = field(default_factory=frozenset)

    def part(self, article_id: str) -> str:
        """``"dev"`` or ``"report"`` for ``article_id``."""
        is_dev = article_id.lower().startswith(self.dev_prefixes) and article_id not in self.exclude_from_dev
        return "dev" if is_dev else "report"

    def select(self, articles: Iterable, part: str) -> list:
        """The articles (anything with an ``id``) of ``part``, in input order.

        Raises
        ------
        ValueError
            If ``part`` is not ``"dev"`` or ``"report"``.
        """
        if part not in PARTS:
            raise ValueError(f"part must be one of {', '.join(PARTS)}; got {part!r}")
        return [a for a in articles if self.part(a.id) == part]

    def __str__(self) -> str:
        return f"id-prefix:{'+'.join(self.dev_prefixes)}|excluded:{len(self.exclude_from_dev)}"
