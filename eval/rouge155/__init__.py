"""ROUGE-1.5.5, exactly as the Perl script computes it, without Perl.

Modules: :mod:`~eval.rouge155.flags` (the script's flags),
:mod:`~eval.rouge155.porter` (its ``-m`` stemmer and WordNet exceptions),
:mod:`~eval.rouge155.text` (how it reads and tokenizes a summary),
:mod:`~eval.rouge155.measures` (ROUGE-N, L, W, S, SU of one summary),
:mod:`~eval.rouge155.bootstrap` (its averages and resampled intervals),
:mod:`~eval.rouge155.score` (all of it over a set of summaries).
Data (``data/``, see ``data/NOTICE.txt``): the SMART stop words and the
WordNet 2.0 exception list the script uses.
"""

from eval.rouge155.bootstrap import Average
from eval.rouge155.flags import FlagError, Rouge155Config, parse_flags
from eval.rouge155.measures import Rouge155Score
from eval.rouge155.score import Rouge155Result, Rouge155Scorer, average_scores, rouge155

__all__ = ["Average", "FlagError", "Rouge155Config", "Rouge155Result", "Rouge155Score", "Rouge155Scorer",
           "average_scores", "parse_flags", "rouge155"]
