"""Sentence and own-summary data of the languages other than English (:func:`summarize.text.profile.get_profile`).

Per language (ISO 639-1 code):

* ``SUMMARY_MARKERS``: phrases that open an article's own closing summary
  ("En résumé, ...", "总之，..."), matched case-insensitively at the start of
  one of the last two paragraphs and followed by punctuation, a space or the
  end of the line;
* ``TITLES``: lower-cased abbreviations after which a period never ends a
  sentence (they precede a name: "M. Dupont", "Dr. Müller");
* ``EXTRA_STOPS``: sentence-ending characters beyond the shared ones (Greek's
  question mark ";", Armenian's full stop "։").

Stop words come from stopwords-iso (the ``stopwordsiso`` package) and stems
from Snowball (:mod:`eval.languages`); neither is repeated here.
"""

from __future__ import annotations

__all__ = ["EXTRA_STOPS", "SUMMARY_MARKERS", "TITLES"]

SUMMARY_MARKERS: dict[str, tuple[str, ...]] = {
    "ar": ("باختصار", "في الختام", "خلاصة القول", "الخلاصة", "ختاما", "ختامًا"),
    "bg": ("в обобщение", "накратко", "в заключение"),
    "ca": ("en resum", "en conclusió", "en definitiva"),
    "cs": ("shrnuto", "stručně řečeno", "závěrem"),
    "da": ("sammenfattende", "kort sagt", "opsummerende"),
    "de": ("zusammenfassend", "zusammengefasst", "kurz gesagt", "fazit", "abschließend", "unterm strich"),
    "el": ("συνοψίζοντας", "εν κατακλείδι", "συνοπτικά", "εν ολίγοις"),
    "es": ("en resumen", "en conclusión", "en síntesis", "para resumir", "en definitiva", "resumiendo"),
    "fa": ("به طور خلاصه", "در نتیجه", "خلاصه اینکه"),
    "fi": ("yhteenvetona", "lyhyesti", "tiivistettynä"),
    "fr": ("en résumé", "en conclusion", "pour résumer", "en bref", "pour conclure", "bref", "en somme"),
    "he": ("לסיכום", "בקיצור"),
    "hi": ("सारांश में", "संक्षेप में", "निष्कर्ष में", "कुल मिलाकर"),
    "hu": ("összefoglalva", "röviden", "összegezve"),
    "id": ("singkatnya", "kesimpulannya", "ringkasnya", "sebagai kesimpulan", "intinya", "kesimpulan"),
    "it": ("in sintesi", "in conclusione", "in breve", "riassumendo", "per riassumere", "in definitiva"),
    "ja": ("要するに", "まとめると", "結論として", "要約すると", "まとめ"),
    "ko": ("요약하면", "결론적으로", "요컨대", "한마디로", "요약"),
    "ms": ("ringkasnya", "kesimpulannya", "secara ringkas", "sebagai kesimpulan"),
    "nl": ("samenvattend", "samengevat", "kortom", "concluderend", "tot slot"),
    "no": ("oppsummert", "kort sagt", "oppsummering"),
    "pl": ("podsumowując", "w skrócie", "reasumując"),
    "pt": ("em resumo", "em conclusão", "em suma", "resumindo", "para resumir"),
    "ro": ("pe scurt", "în concluzie", "în rezumat", "pe scurt"),
    "ru": ("в итоге", "в заключение", "итак", "подводя итоги", "подводя итог", "короче говоря", "резюмируя"),
    "sv": ("sammanfattningsvis", "kort sagt", "sammanfattning"),
    "tr": ("özetle", "sonuç olarak", "kısacası", "özetlemek gerekirse"),
    "uk": ("підсумовуючи", "отже", "коротко кажучи", "на завершення"),
    "vi": ("tóm lại", "nói tóm lại", "kết luận", "tóm tắt"),
    "zh": ("总之", "总而言之", "综上所述", "简而言之", "总结", "總之", "總而言之", "綜上所述"),
}

TITLES: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "fr": "m mm mme mmes mlle dr pr me st ste",
        "de": "hr hrn fr dr prof st nr bzw vgl ca",
        "es": "sr sra srta dr dra d dña prof sto sta",
        "it": "sig sigg dott prof ing avv on",
        "pt": "sr sra dr dra prof eng",
        "nl": "dhr mevr mr dr prof drs ir",
        "ru": "г гг им ул т тт",
        "id": "bpk dr ir prof drs h",
        "ms": "en dr prof",
        "tr": "dr prof av",
        "pl": "dr prof inż mgr",
        "sv": "dr prof",
        "da": "dr prof hr",
        "no": "dr prof",
        "cs": "dr prof ing mudr",
        "ro": "dl dna dr prof",
        "ca": "sr sra dr dra",
    }.items()
}

EXTRA_STOPS: dict[str, str] = {"el": ";", "hy": "։"}
