"""English: the data of the English language profile (:data:`summarize.text.profile.ENGLISH`).

Sentence rules are tuned for news text (raw, cased text as well as
PTB-tokenised, lower-cased text such as the CNN/DailyMail "See et al."
release).  Stop words are scikit-learn's ``ENGLISH_STOP_WORDS`` (BSD-3-Clause;
the Glasgow Information Retrieval Group's list), written here so that the
summarizer does not import scikit-learn to read 318 words (a test checks the
two are equal).
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "DATELINE", "OPENERS", "STOP_WORDS", "TITLES"]

#: Abbreviations after which a period never ends a sentence: they precede a name.
TITLES = frozenset(
    """mr mrs ms messrs mme dr prof st sen rep gov gen lt col sgt capt cpl pvt
    maj adm cmdr cdr rev hon pres supt det insp fr sr jr mt ft ste""".split()
)
#: Abbreviations that may end a sentence; they do so only before a sentence opener.
ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun no nos vs etc inc ltd co corp llc plc bros dept est approx
    fig figs vol vols ave blvd rd hwy univ assn al cf ca op""".split()
)
#: Words that typically open a sentence; used to decide after an abbreviation.
OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these
    those there but and so yet however meanwhile in on at after before when
    while if as for from to with by since although though now then still
    also police officials authorities mr mrs ms dr""".split()
)
#: A leading news dateline such as ``(CNN)``, ``Rome (CNN) --`` or ``washington ( cnn )``.
DATELINE = r"""^\s*
    (?:[^\s()][^()\n.!?]{0,60}?\s*)?     # optional place, e.g. "Rome" or "LONDON, England"
    \(\s*(?:cnn|ap|reuters|afp)\s*\)     # the wire tag
    \s*(?P<dash>-+|—|–)?\s*              # optional dash; Reuters uses a single "-"
    """
#: Stop words (scikit-learn's ``ENGLISH_STOP_WORDS``), dropped from the summarizer's terms.
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although always am
    among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at
    back be became because become becomes becoming been before beforehand behind being below beside besides
    between beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do
    done down due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone
    everything everywhere except few fifteen fifty fill find fire first five for former formerly forty found
    four from front full further get give go had has hasnt have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into is it its
    itself keep last latter latterly least less ltd made many may me meanwhile might mill mine more moreover
    most mostly move much must my myself name namely neither never nevertheless next nine no nobody none noone
    nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves
    out over own part per perhaps please put rather re same see seem seemed seeming seems serious several she
    should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere
    still such system take ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they thick thin third this those though three through throughout thru thus
    to together too top toward towards twelve twenty two un under until up upon us very via was we well were
    what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which
    while whither who whoever whole whom whose why will with within without would yet you your yours yourself
    yourselves
    """.split()
)
