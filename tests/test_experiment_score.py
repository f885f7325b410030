"""summarize.experiment.score: the scoring loop of ``summarize score``, its JSONL rows and its report."""

from __future__ import annotations

import json

import pytest
from rouge_score import rouge_scorer

from eval.results import aggregate
from eval.rouge.score import RougeConfig, Score, score_summary
from eval.signature import Signature
from eval.stats.bootstrap import BootstrapConfig
from summarize.experiment import score as loop
from summarize.experiment.score import jsonl_error_row, jsonl_row, score_pairs, score_report
from summarize.io.pairs import Pair, PairingIssue

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
PAIRS = [
    Pair(0, "a", ("The cat sat on the mat.", "It purred."), (("The cat sat.",),)),
    Pair(1, "b", ("A dog ran.", "It was fast."), (("A dog ran quickly.",), ("The dog was fast.",))),
    Pair(2, "ru", ("Москва большой город.",), (("Москва город.",),)),
]
ISSUES = [PairingIssue("c", "no reference with id 'c' in r.jsonl"),
          PairingIssue("c.jsonl:4", "c.jsonl:4: malformed JSON (Expecting value)", "c.jsonl", 4)]
BOOTSTRAP = BootstrapConfig(n_samples=30, seed=7)
SIGNATURE = Signature.create(RougeConfig(), BOOTSTRAP, splitter="rules-v3", reference="given")


def _dumps(ident, scores):
    """The row as the command wrote it before: json.dumps of the dict."""
    row = {"id": ident}
    row.update({t: {"precision": s.precision, "recall": s.recall, "fmeasure": s.fmeasure} for t, s in scores.items()})
    return json.dumps(row) + "\n"


def test_score_pairs_equal_rouge_score_and_warn_per_pair():
    warnings = []
    got = list(score_pairs(PAIRS, RougeConfig(), warn=warnings.append))
    assert [pair.id for pair, _ in got] == ["a", "b", "ru"]
    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    theirs = [scorer.score("The cat sat.", "The cat sat on the mat.\nIt purred."),
              scorer.score_multi(["A dog ran quickly.", "The dog was fast."], "A dog ran.\nIt was fast.")]
    for (_, ours), expected in zip(got, theirs):
        assert {t: tuple(s.__dict__.values()) for t, s in ours.items()} == {t: tuple(v) for t, v in expected.items()}
    assert got[0][1]["rouge1"] == Score(3 / 8, 1.0, 2 * (3 / 8) * 1.0 / (3 / 8 + 1.0))
    assert warnings == ["ru: 100% of the letters in the summary and references are not ASCII letters, which "
                        "rouge-score's default tokenizer drops (ROUGE would compare almost nothing): use "
                        "--tokenizer unicode"]
    scored = score_pairs(PAIRS, RougeConfig(tokenizer="unicode"), warn=warnings.append)
    assert [p.id for p, _ in scored] == ["a", "b", "ru"]
    assert len(warnings) == 1  # the unicode tokenizer keeps every script's words: no warning


@pytest.mark.parametrize("ident", ["a", 'q"uote\\é\n\u2028', "50%", "%s %r", "日本"])
def test_jsonl_row_is_json_dumps_byte_for_byte(ident):
    scores = {"rouge1": Score(0.375, 1.0, 0.5454545454545454), "rouge2": Score(0.0, 0.0, 0.0),
              "rougeLsum": Score(1 / 3, 2 / 3, 0.4444444444444445)}
    assert jsonl_row(ident, scores) == _dumps(ident, scores)
    assert jsonl_row(ident, scores) == jsonl_row(ident, scores)  # the second time from the repr memo
    assert jsonl_row(ident, {"rougeL": scores["rouge1"]}) == _dumps(ident, {"rougeL": scores["rouge1"]})


def test_jsonl_row_keeps_each_type_and_sign_of_a_number():
    floats = {"rouge1": Score(0.0, 1.0, 0.5)}
    ints = {"rouge1": Score(0, 1, 0.5)}  # rouge-score's engine gives int 0 for empty texts
    assert jsonl_row("x", floats).endswith('{"precision": 0.0, "recall": 1.0, "fmeasure": 0.5}}\n')
    assert jsonl_row("x", ints) == _dumps("x", ints)
    assert jsonl_row("x", ints).endswith('{"precision": 0, "recall": 1, "fmeasure": 0.5}}\n')
    negative = {"rouge1": Score(-0.0, 0.25, -0.25)}
    assert jsonl_row("x", negative) == _dumps("x", negative)
    assert '"precision": -0.0' in jsonl_row("x", negative)


def test_jsonl_row_spells_non_finite_numbers_as_json_dumps():
    scores = {"rouge1": Score(float("nan"), float("inf"), 0.5)}
    assert jsonl_row("x", scores) == _dumps("x", scores)
    assert '"precision": NaN, "recall": Infinity' in jsonl_row("x", scores)


def test_jsonl_row_repr_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(loop, "_REPRS", {})
    monkeypatch.setattr(loop, "_MAX_REPRS", 2)
    scores = {"rouge1": Score(0.1, 0.2, 0.3)}
    assert jsonl_row("x", scores) == _dumps("x", scores)
    assert loop._REPRS == {0.1: "0.1", 0.2: "0.2"}
    assert jsonl_row("x", scores) == _dumps("x", scores)


def test_jsonl_error_row():
    assert jsonl_error_row(ISSUES[0], 3) == ('{"id": "c", "index": 3, '
                                             '"error": "no reference with id \'c\' in r.jsonl"}\n')
    assert jsonl_error_row(ISSUES[1], 4) == ('{"file": "c.jsonl", "line": 4, "index": 4, '
                                             '"error": "c.jsonl:4: malformed JSON (Expecting value)"}\n')


def test_score_report_computes_the_same_numbers_whatever_it_keeps():
    rouge = RougeConfig()
    expected = [score_summary(p.summary, p.references, rouge) for p in PAIRS]
    chunks = []
    full = score_report(PAIRS, ISSUES, rouge, BOOTSTRAP, SIGNATURE, system={"method": "given summaries"},
                        rows=chunks.append)
    text = "".join(chunks)
    assert all(chunk.endswith("\n") for chunk in chunks)
    assert text == "".join(_dumps(p.id, s) for p, s in zip(PAIRS, expected)) + (
        '{"id": "c", "index": 3, "error": "no reference with id \'c\' in r.jsonl"}\n'
        '{"file": "c.jsonl", "line": 4, "index": 4, "error": "c.jsonl:4: malformed JSON (Expecting value)"}\n')
    assert [(r.index, r.id, r.scores) for r in full.scored] == [(k, p.id, s)
                                                                for k, (p, s) in enumerate(zip(PAIRS, expected))]
    assert full.scored[0].summary == PAIRS[0].summary and full.scored[0].reference_kinds == ("references",)
    assert [(r.index, r.id, r.skipped) for r in full.skipped] == [(3, "c", ISSUES[0].message),
                                                                 (4, "c.jsonl:4", ISSUES[1].message)]
    assert full.count == 3 and full.system == {"method": "given summaries"} and full.signature is SIGNATURE
    assert full.aggregate == aggregate(expected, rouge.types, BOOTSTRAP)

    lean = score_report(PAIRS, ISSUES, rouge, BOOTSTRAP, SIGNATURE, keep_results=False)
    assert lean.aggregate == full.aggregate and lean.count == 3 and lean.scored == []
    assert [r.id for r in lean.skipped] == ["c", "c.jsonl:4"] and lean.to_dict() == {**full.to_dict(), "system": {}}
    rows_only = score_report(PAIRS, ISSUES, rouge, BOOTSTRAP, SIGNATURE, keep_results=False, aggregate=False)
    assert rows_only.aggregate == {} and rows_only.count == 3 and [r.index for r in rows_only.skipped] == [3, 4]


def test_score_report_writes_rows_in_chunks_of_whole_lines(monkeypatch):
    monkeypatch.setattr(loop, "_ROWS_PER_WRITE", 2)
    chunks = []
    score_report(PAIRS, ISSUES, RougeConfig(), BOOTSTRAP, SIGNATURE, rows=chunks.append, aggregate=False)
    assert [chunk.count("\n") for chunk in chunks] == [2, 3]  # two pairs; the last pair and the two errors


def test_score_report_with_nothing_scored():
    report = score_report([], ISSUES[:1], RougeConfig(), BOOTSTRAP, SIGNATURE)
    assert report.count == 0 and [r.index for r in report.skipped] == [0]
    assert repr(report.aggregate) == repr(aggregate([], RougeConfig().types, BOOTSTRAP))  # all nan
