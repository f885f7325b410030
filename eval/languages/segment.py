"""Word segmenters for languages written without spaces (Chinese, Japanese).

* Chinese: jieba (its bundled dictionary, HMM for unknown words).
* Japanese: MeCab through fugashi with the UniDic-lite dictionary (bundled
  with the ``unidic-lite`` package), in "wakati" (words only) mode.

Both are loaded on first use (jieba builds its prefix dictionary in about a
second the first time and caches it in the temporary directory).  Each
segmenter returns the words of a text in order; white space is never part
of a word.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from eval.languages.codes import SEGMENTED

__all__ = ["segmenter", "segment"]


@cache
def segmenter(code: str) -> Callable[[str], list[str]]:
    """``text -> words`` for language ``code`` (``"zh"`` or ``"ja"``; ``KeyError`` otherwise)."""
    name = SEGMENTED[code]
    if name == "jieba":
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)  # its start-up messages are debug chatter
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()

        def jieba_words(text: str) -> list[str]:
            return [word for word in tokenizer.lcut(text) if not word.isspace()]

        return jieba_words
    import fugashi

    tagger = fugashi.Tagger("-Owakati")

    def mecab_words(text: str) -> list[str]:
        return tagger.parse(text).split()

    return mecab_words


def segment(text: str, code: str) -> list[str]:
    """The words of ``text`` in language ``code`` by its segmenter.

    Examples
    --------
    >>> segment("我们去公园散步", "zh")
    ['我们', '去', '公园', '散步']
    """
    return segmenter(code)(text)
