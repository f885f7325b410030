"""evaluate(): per-record outcomes, aggregation, JSON shape."""

from __future__ import annotations

import json

import pytest

from eval import BootstrapConfig, RougeConfig, aggregate, score_summary
from summarize import Article, LeadSummarizer, RecordError, evaluate

WITH_REF = Article(id="a", body=("The dam burst at dawn. Farms were flooded.",), references=(("The dam burst.",),))
NO_REF = Article(id="b", body=("Nothing to compare with here.",))
BAD = RecordError("c", "file.jsonl:3", "malformed JSON")


class _Failing:
    method = "failing"

    def summarize(self, article):
        raise ValueError("cannot handle this article")


def test_every_record_is_accounted_for_in_input_order():
    report = evaluate([WITH_REF, NO_REF, BAD], LeadSummarizer(n_sentences=1))
    assert [r.index for r in report.results] == [0, 1, 2]
    assert [r.id for r in report.scored] == ["a"]
    assert [(r.id, r.skipped) for r in report.skipped] == [
        ("b", "no reference (no own summary found; see --reference)"),
        ("c", "malformed JSON"),
    ]
    assert report.results[1].summary == ("Nothing to compare with here.",)  # summarized all the same
    # LEAD-1 is "The dam burst at dawn." vs "The dam burst.": P = 3/5, R = 3/3.
    assert report.aggregate["rouge1"].precision.mean == pytest.approx(3 / 5)
    assert report.aggregate["rouge1"].recall.mean == pytest.approx(1.0)


def test_summarizer_errors_become_skipped_records():
    report = evaluate([WITH_REF, NO_REF], _Failing())
    assert [r.skipped for r in report.results][0] == "cannot summarize: cannot handle this article"
    assert report.to_dict()["n"] == 0


def test_json_has_no_nan_when_nothing_is_scored():
    data = report_dict = evaluate([NO_REF], LeadSummarizer()).to_dict()
    text = json.dumps(report_dict, allow_nan=False)
    assert json.loads(text)["rouge1"]["fmeasure"] is None
    assert data["rouge1"]["fmeasure_ci"] == [None, None]


def test_aggregate_is_the_mean_of_per_article_scores():
    config = RougeConfig(types=("rouge1",))
    per = [score_summary(["a b"], [["a b"]], config), score_summary(["a b"], [["c d"]], config)]
    agg = aggregate(per, ("rouge1",), BootstrapConfig(n_samples=200, seed=3))
    assert agg["rouge1"].fmeasure.mean == pytest.approx(0.5)
    assert agg["rouge1"].fmeasure.low == pytest.approx(0.0) and agg["rouge1"].fmeasure.high == pytest.approx(1.0)


def test_report_dict_records_the_system_and_signature():
    data = evaluate([WITH_REF], LeadSummarizer(n_sentences=1), bootstrap=BootstrapConfig(seed=9)).to_dict()
    assert data["system"] == {"method": "lead", "params": {"language": "auto", "max_words": None, "n_sentences": 1,
                                                         "ratio": None}}
    assert "|seed:9|" in data["signature"] and data["signature"].startswith("rouge:1+2+L+Lsum|")


def test_streaming_keeps_scores_not_results_and_aggregates_the_same():
    items = [WITH_REF, NO_REF, BAD, WITH_REF]
    kept = evaluate(items, LeadSummarizer(n_sentences=1))
    seen = []
    light = evaluate(items, LeadSummarizer(n_sentences=1), keep_results=False, on_result=seen.append)
    assert [r.index for r in seen] == [0, 1, 2, 3]  # on_result still sees every full result, in order
    assert seen[3].summary == ("The dam burst at dawn.",)
    assert light.count == kept.count == 2 and light.scored == [] and len(kept.scored) == 2
    # Skipped records stay (with their reasons) but without their summaries.
    assert [(r.index, r.id, r.skipped, r.summary) for r in light.results] == [
        (1, "b", "no reference (no own summary found; see --reference)", ()),
        (2, "c", "malformed JSON", ()),
    ]
    assert light.aggregate == kept.aggregate
    assert light.to_dict() == kept.to_dict()


def test_streaming_with_nothing_scored():
    report = evaluate([NO_REF], LeadSummarizer(), keep_results=False)
    assert report.count == 0 and report.to_dict()["rouge1"]["fmeasure"] is None
