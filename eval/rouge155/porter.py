"""ROUGE-1.5.5's ``-m`` stemming: the WordNet 2.0 exception list, then the script's Porter stemmer.

The script stems a token of more than three characters with ``MorphStem``:
the WordNet exception database gives the base form of an irregular word
(``children -> child``, ``better -> well``); any other word goes through the
Porter stemmer embedded in the script, the Perl version of Porter's 1980
algorithm with its own details (a leading ``y`` is treated as a consonant by
upper-casing it; step 1b's ``eed`` rule; step 4's ``ment`` and ``ent`` tested
one after the other).  :func:`porter_stem` follows that version step by step,
with the same regular expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["exceptions", "morph_stem", "porter_stem"]

_C = "[^aeiou][^aeiouy]*"  # consonant sequence
_V = "[aeiouy][aeiou]*"  # vowel sequence
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # [C]VC... is m>0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # [C]VC[V] is m=1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # [C]VCVC... is m>1
_VOWEL_IN_STEM = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")

_STEP1A_IES = re.compile("(ss|i)es$")
_STEP1A_S = re.compile("([^s])s$")
_EED = re.compile("eed$")
_ED_ING = re.compile("(ed|ing)$")
_AT_BL_IZ = re.compile("(at|bl|iz)$")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_STEP2 = re.compile("(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness"
                    "|fulness|ousness|aliti|iviti|biliti|logi)$")
_STEP2_LIST = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
               "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
               "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
               "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_STEP3_LIST = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_STEP4_ION = re.compile("(s|t)(ion)$")


def porter_stem(word: str) -> str:
    """The script's ``stem``: Porter's algorithm as ROUGE-1.5.5.pl applies it (lower-case input)."""
    if len(word) < 3:
        return word
    w = word
    leading_y = w[0] == "y"
    if leading_y:  # a leading y is a consonant: upper case keeps it out of [aeiouy]
        w = "Y" + w[1:]
    # Step 1a: plurals.
    m = _STEP1A_IES.search(w)
    if m:
        w = w[:m.start()] + m.group(1)
    else:
        m = _STEP1A_S.search(w)
        if m:
            w = w[:m.start()] + m.group(1)
    # Step 1b: -eed, -ed, -ing.
    m = _EED.search(w)
    if m:
        if _MGR0.search(w[:m.start()]):
            w = w[:-1]
    else:
        m = _ED_ING.search(w)
        if m:
            stem = w[:m.start()]
            if _VOWEL_IN_STEM.search(stem):
                w = stem
                if _AT_BL_IZ.search(w):
                    w += "e"
                elif _DOUBLE.search(w):
                    w = w[:-1]
                elif _CVC.search(w):
                    w += "e"
    # Step 1c: y -> i after a vowel in the stem.
    if w.endswith("y"):
        stem = w[:-1]
        if _VOWEL_IN_STEM.search(stem):
            w = stem + "i"
    # Step 2 and step 3: double and single suffixes, when m > 0.
    m = _STEP2.search(w)
    if m:
        stem = w[:m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2_LIST[m.group(1)]
    m = _STEP3.search(w)
    if m:
        stem = w[:m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3_LIST[m.group(1)]
    # Step 4: suffixes removed when m > 1 (the script tests -ment and -ent after the list).
    m = _STEP4.search(w)
    if m:
        stem = w[:m.start()]
        if _MGR1.search(stem):
            w = stem
    if w.endswith("ment"):
        stem = w[:-4]
        if _MGR1.search(stem):
            w = stem
    if w.endswith("ent"):
        stem = w[:-3]
        if _MGR1.search(stem):
            w = stem
    else:
        m = _STEP4_ION.search(w)
        if m:
            stem = w[:m.start()] + m.group(1)
            if _MGR1.search(stem):
                w = stem
    # Step 5: final -e and -ll.
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if leading_y:
        w = w[0].lower() + w[1:]
    return w


@lru_cache(maxsize=1)
def exceptions() -> dict[str, str]:
    """The WordNet 2.0 exception map the script looks up (``data/wordnet_exceptions.txt``)."""
    text = resources.files("eval.rouge155").joinpath("data/wordnet_exceptions.txt").read_text("ascii")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            inflected, base = line.split(" ")
            table[inflected] = base
    return table


def morph_stem(token: str) -> str:
    """The script's ``MorphStem``: the WordNet base form of an irregular word, else :func:`porter_stem`."""
    base = exceptions().get(token)
    return base if base is not None else porter_stem(token)
