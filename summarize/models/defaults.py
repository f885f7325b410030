"""The ``tfidf`` summarizer's defaults per language: what its ``"auto"`` parameters become.

``TfidfModel(model="auto", position_weight="auto", max_sentence_words="auto")``
(the defaults) takes these settings from the table below for each article's
language (``--language auto``: the record's or the detected one).  A value
given explicitly always wins.

How the table was chosen (``bench/train_learned.py``, ``bench/tune_multilingual.py``,
``bench/bench_multilingual.py``; numbers in the README, "Languages"): on the
development halves of five news collections (French OrangeSum, Vietnamese
VietNews, Chinese LCSTS, Indonesian IndoSum, English Inshorts) and the
CNN/DailyMail dev part, with 2-fold cross-validation inside the dev halves (by
``sha1(id)``) and leave-one-collection-out runs (train on the others, score the
one left out: how a language without training data fares):

* English keeps release 0.2.0's settings (the CNN/DailyMail-trained model,
  no position prior, 60-word maximum): every English variant that did better
  on Inshorts did worse on CNN/DailyMail, and the English CNN/DailyMail and
  SummEval numbers must not drop.
* Every other language gets the multilingual model ``lr-news-dev-v3``
  (language-independent features only: no weight on English ``said``/``told``),
  trained on all six collections, blended with the position prior
  ``1 / sqrt(1 + i)`` at weight 0.3, and no word maximum (sentence "words" are
  syllables in Vietnamese and segmenter words in Chinese: 60 of them demoted
  one Vietnamese first sentence in nine).
* Short articles (at most 5 sentences) get the weight 0.6: with so few
  sentences the article's own TF-IDF statistics say little (with two sentences
  both are equally central), and the first sentence is the better bet.  This
  one rule, not a Chinese setting, is what kept the Chinese Weibo posts (2-4
  sentences) above LEAD-1 when LCSTS was left out of training.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AUTO", "LANGUAGE_DEFAULTS", "OTHER_LANGUAGES", "TfidfDefaults", "tfidf_defaults"]

#: The parameter value that means "the article language's default".
AUTO = "auto"


@dataclass(frozen=True)
class TfidfDefaults:
    """The settings that ``"auto"`` stands for in one language.

    Attributes
    ----------
    model : str
        Shipped model of ``scoring="learned"``.
    position_weight : float
        Weight ``w`` of the position prior in ``(1 - w) * r_i / max(r) + w / sqrt(1 + i)``.
    max_sentence_words : int or None
        Longer sentences are a last resort (``None``: no maximum).
    short_article : int
        Articles of at most this many sentences are short (0: none is).
    short_position_weight : float
        The position prior's weight in short articles.
    """

    model: str
    position_weight: float
    max_sentence_words: int | None
    short_article: int = 0
    short_position_weight: float = 0.0

    def weight(self, n_sentences: int) -> float:
        """The position prior's weight in an article of ``n_sentences`` sentences."""
        return self.short_position_weight if n_sentences <= self.short_article else self.position_weight


#: English: release 0.2.0's settings (the summaries are the same, see ``bench/bench_identity.py``).
ENGLISH = TfidfDefaults(model="lr-cnndm-dev-v2", position_weight=0.0, max_sentence_words=60)

#: Every language without an entry of its own in :data:`LANGUAGE_DEFAULTS` (``xx`` too).
OTHER_LANGUAGES = TfidfDefaults(model="lr-news-dev-v3", position_weight=0.3, max_sentence_words=None,
                                short_article=5, short_position_weight=0.6)

#: Languages with settings of their own.
LANGUAGE_DEFAULTS: dict[str, TfidfDefaults] = {"en": ENGLISH}


def tfidf_defaults(language: str) -> TfidfDefaults:
    """The settings of ``language`` (an ISO 639-1 code): its own entry, else :data:`OTHER_LANGUAGES`."""
    return LANGUAGE_DEFAULTS.get(language, OTHER_LANGUAGES)
