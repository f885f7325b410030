"""Pure-Python Porter stemmer equal to nltk's default PorterStemmer (rouge-score's stemmer).

``stem(word)`` returns exactly ``nltk.stem.porter.PorterStemmer().stem(word)``
(mode NLTK_EXTENSIONS, ``to_lowercase=True``) for every ``str``, including
non-ASCII words, words of 1-2 characters and words with punctuation or digits.
It exists because importing nltk costs ~1.3 s of start-up, and it is also
faster per call than nltk's own ``stem()``.  It imports only the standard library.

Steps follow Porter (1980), "An algorithm for suffix stripping", with nltk's
extensions (irregular-form pool, 'ies'/'ied' on 4-letter words, step 1c
(*c and not c) Y -> I, ALLI first then step 2 again, FULLI, LOGI, and the
2-letter *o case).  Characters outside a-z count as consonants, as in nltk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["stem"]

_VOWELS = "aeiou"
# nltk's irregular forms (NLTK_EXTENSIONS): word -> stem, looked up after lower-casing.
_POOL: dict[str, str] = {
    "sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
    "news": "news", "innings": "inning", "inning": "inning", "outings": "outing",
    "outing": "outing", "cannings": "canning", "canning": "canning", "howe": "howe",
    "proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

# One "VC" of the form [C](VC){m}[V] ends at each vowel followed by a consonant;
# matches cannot overlap, so m is the number of matches (after resolving 'y').
_find_vc = re.compile(r"[aeiou][^aeiou]").findall
# *v* (the stem contains a vowel): a, e, i, o, u, or a 'y' that is not the
# first character (the first 'y' after position 0 follows a consonant or a
# consonant 'y', so it is a vowel).
_has_vowel = re.compile(r"[aeiou]|.y", re.S).search


def _resolve_y(s: str) -> str:
    """Replace each 'y' by 'a' if it is a vowel, else by 'b'.

    A 'y' is a consonant at the start of a word or after a vowel, and a vowel
    after a consonant (the paper's definition; nltk's _is_consonant)."""
    out: list[str] = []
    prev_cons = False  # so that an initial 'y' is a consonant
    for ch in s:
        if ch == "y":
            ch = "a" if prev_cons else "b"
            prev_cons = not prev_cons
        else:
            prev_cons = ch not in _VOWELS
        out.append(ch)
    return "".join(out)


# ASCII: each vowel becomes "v", every other character "c"; the matches of _find_vc are then the "vc"s.
_VC = bytes.maketrans(bytes(range(128)), bytes(118 if chr(c) in _VOWELS else 99 for c in range(128)))


def _measure(s: str) -> int:
    """m in [C](VC){m}[V]."""
    if "y" in s:
        s = _resolve_y(s)
    if s.isascii():  # two C calls instead of a regex's list of matches
        return s.encode("ascii").translate(_VC).count(b"vc")
    return len(_find_vc(s))


def _is_cons(s: str, i: int) -> bool:
    """Whether s[i] is a consonant (i >= 0); depends on s[:i + 1] only."""
    ch = s[i]
    if ch in _VOWELS:
        return False
    if ch != "y":
        return True
    j = i
    while j > 0 and s[j] == "y":  # a run of 'y's alternates from its left end
        j -= 1
    return (s[j] not in _VOWELS) != ((i - j) & 1 == 1)


def _ends_cvc(s: str) -> bool:
    """*o: s ends consonant-vowel-consonant, the last not w, x or y; nltk also
    accepts a 2-letter vowel-consonant stem."""
    n = len(s)
    if n >= 3:
        return (s[-1] not in "wxy" and _is_cons(s, n - 1)
                and not _is_cons(s, n - 2) and _is_cons(s, n - 3))
    return n == 2 and not _is_cons(s, 0) and _is_cons(s, 1)


def _m0(stem: str) -> bool:
    return _measure(stem) > 0


def _m1(stem: str) -> bool:
    return _measure(stem) > 1


def _ion(stem: str) -> bool:  # (m>1 and (*S or *T))
    return stem[-1:] in ("s", "t") and _measure(stem) > 1


def _logi(stem: str) -> bool:  # nltk keeps the 'l' with the stem: m(word[:-3]) > 0
    return _measure(stem + "l") > 0


Rule = tuple[str, str, Callable[[str], bool]]


def _by_last_char(rules: list[Rule]) -> dict[str, tuple[tuple[str, ...], list[Rule]]]:
    """Group rules by their suffix's last character, keeping list order, so the
    first matching rule is found among the few that can match; with each group,
    its suffixes (one ``endswith`` tells whether any rule applies: most words
    match none)."""
    table: dict[str, list[Rule]] = {}
    for rule in rules:
        table.setdefault(rule[0][-1], []).append(rule)
    return {last: (tuple(rule[0] for rule in group), group) for last, group in table.items()}


# Step 2: (m>0) rules of the paper ('bli' instead of 'abli'), plus FULLI and LOGI.
_STEP2 = _by_last_char([
    ("ational", "ate", _m0), ("tional", "tion", _m0), ("enci", "ence", _m0),
    ("anci", "ance", _m0), ("izer", "ize", _m0), ("bli", "ble", _m0),
    ("alli", "al", _m0), ("entli", "ent", _m0), ("eli", "e", _m0),
    ("ousli", "ous", _m0), ("ization", "ize", _m0), ("ation", "ate", _m0),
    ("ator", "ate", _m0), ("alism", "al", _m0), ("iveness", "ive", _m0),
    ("fulness", "ful", _m0), ("ousness", "ous", _m0), ("aliti", "al", _m0),
    ("iviti", "ive", _m0), ("biliti", "ble", _m0), ("fulli", "ful", _m0),
    ("logi", "log", _logi),
])
# Step 3: (m>0) rules.
_STEP3 = _by_last_char([
    ("icate", "ic", _m0), ("ative", "", _m0), ("alize", "al", _m0),
    ("iciti", "ic", _m0), ("ical", "ic", _m0), ("ful", "", _m0), ("ness", "", _m0),
])
# Step 4: (m>1) rules; ION also needs *S or *T.
_STEP4 = _by_last_char([
    ("al", "", _m1), ("ance", "", _m1), ("ence", "", _m1), ("er", "", _m1),
    ("ic", "", _m1), ("able", "", _m1), ("ible", "", _m1), ("ant", "", _m1),
    ("ement", "", _m1), ("ment", "", _m1), ("ent", "", _m1), ("ion", "", _ion),
    ("ou", "", _m1), ("ism", "", _m1), ("ate", "", _m1), ("iti", "", _m1),
    ("ous", "", _m1), ("ive", "", _m1), ("ize", "", _m1),
])


def _apply(w: str, rules: list[Rule]) -> str:
    """The first rule whose suffix matches decides: it is applied if its
    condition holds, otherwise the word is returned unchanged."""
    for suffix, repl, cond in rules:
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            return stem + repl if cond(stem) else w
    return w


_STEPS_2_TO_4 = (_STEP2, _STEP3, _STEP4)


def _step1b(w: str) -> str:
    # nltk extension: 'died' -> 'die', 'spied' -> 'spi'.
    if w.endswith("ied"):
        return w[:-1] if len(w) == 4 else w[:-2]
    # (m>0) EED -> EE ('feed' stays: the ED rule is not tried).
    if w.endswith("eed"):
        return w[:-1] if _measure(w[:-3]) > 0 else w
    # (*v*) ED -> ; (*v*) ING -> .
    if w.endswith("ed") and _has_vowel(w, 0, len(w) - 2):
        s = w[:-2]
    elif w.endswith("ing") and _has_vowel(w, 0, len(w) - 3):
        s = w[:-3]
    else:
        return w
    # AT -> ATE, BL -> BLE, IZ -> IZE.
    if s.endswith(("at", "bl", "iz")):
        return s + "e"
    # (*d and not (*L or *S or *Z)) -> single letter; nltk stops here even if
    # the last letter is l, s or z.
    n = len(s)
    if n >= 2 and s[-1] == s[-2] and _is_cons(s, n - 1):
        return s if s[-1] in "lsz" else s[:-1]
    # nltk quirk: its rule list spells the *d rule as the suffix "*d", so a
    # stem literally ending in "*d" (not a double consonant) loses the '*'.
    if s.endswith("*d"):
        return s[:-2] + "d"
    # (m=1 and *o) -> E.
    if _measure(s) == 1 and _ends_cvc(s):
        return s + "e"
    return s


def stem(word: str) -> str:
    """The Porter stem of ``word``: ``nltk PorterStemmer().stem(word)``."""
    w = word.lower()
    irregular: str | None = _POOL.get(w)
    if irregular is not None:
        return irregular
    if len(word) <= 2:  # nltk tests the length of the word before lower-casing
        return w

    # Step 1a: SSES -> SS, IES -> I (nltk: 'ties' -> 'tie'), SS -> SS, S -> .
    if w[-1:] == "s":
        if w.endswith("ies"):
            w = w[:-1] if len(w) == 4 else w[:-2]
        elif w.endswith("sses"):
            w = w[:-2]
        elif not w.endswith("ss"):
            w = w[:-1]

    # Step 1b.
    if w[-1:] in ("d", "g"):
        w = _step1b(w)

    # Step 1c (nltk): (*c and not c) Y -> I, i.e. the 'y' follows a consonant
    # that is not the first letter.
    n = len(w)
    if w[-1:] == "y" and n > 2 and _is_cons(w, n - 2):
        w = w[:-1] + "i"

    # Step 2; nltk applies ALLI -> AL first and then step 2 to the result.
    if w.endswith("alli") and _measure(w[:-4]) > 0:
        w = w[:-2]
    # Step 2, then steps 3 and 4: a step's rules are tried only when one of their suffixes ends the word.
    for table in _STEPS_2_TO_4:
        group = table.get(w[-1:])
        if group is not None and w.endswith(group[0]):
            w = _apply(w, group[1])

    # Step 5a: (m>1) E -> ; (m=1 and not *o) E -> .
    if w[-1:] == "e":
        s = w[:-1]
        m = _measure(s)
        if m > 1 or (m == 1 and not _ends_cvc(s)):
            w = s
    # Step 5b: (m>1 and *d and *L) -> single letter.
    if w.endswith("ll") and _measure(w[:-1]) > 1:
        w = w[:-1]
    return w
