"""The self-contained HTML report: content, escaping, determinism, atomic writes, and a real browser.

The browser tests open the written file in headless Chromium (Debian's
``/usr/bin/chromium`` driven by playwright; nothing is downloaded).  Without
Chromium or playwright they are skipped locally and fail in CI (``CI`` set).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.report.html import (
    ArticleView,
    ReportData,
    SignificanceRow,
    SystemArticle,
    bigrams,
    format_interval,
    format_score,
    overlap_marks,
    relative_position,
    render_html,
    word_tokens,
    write_html,
)
from eval.stats.bootstrap import Interval

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

HOSTILE_SENTENCE = "<script>window.__pwned=1</script>"
HOSTILE_ID = '"><img src=x onerror="window.__pwned=1">'
SIGNATURE = "rouge:1+2+L|tok:test|stem:none|boot:100|ci:95|seed:7|v:test-<&>-\"q\""
MEASURES = ("rouge1_f", "rouge2_f", "rougeL_f", "coverage")


def _article(index: int) -> ArticleView:
    """Article ``index`` of the test corpus: 2 systems, varied hand-written text."""
    topics = ["harbour", "orchard", "glacier", "tramway", "lighthouse", "vineyard", "quarry", "observatory"]
    topic = topics[index % len(topics)]
    article = (
        f"The {topic} reopened on Monday after repairs.",
        f"Officials said the {topic} had been closed for two years.",
        "Local traders welcomed the decision.",
        f"Critics argued the cost of the {topic} was too high.",
        "A public meeting is planned for next month.",
    )
    reference = (f"The {topic} reopened on Monday.", "Critics said the cost was too high.")
    lead = SystemArticle(article[:2], (0, 1), {"rouge1_f": 0.30 + index / 100, "rouge2_f": 0.10 + index / 200,
                                              "rougeL_f": 0.25 + index / 150, "coverage": 0.95})
    picked = SystemArticle((article[0], article[3]), (0, 3), {"rouge1_f": 0.50 - index / 100, "rouge2_f": 0.20,
                                                              "rougeL_f": 0.40, "coverage": 0.97})
    return ArticleView(f"doc-{index:03d}", article, (reference,), {"lead-2": lead, "picked": picked})


def _articles() -> list[ArticleView]:
    articles = [_article(i) for i in range(8)]
    # Untrusted text: a script in an article sentence and a tag-breaking id.
    hostile = articles[1]
    articles[1] = ArticleView(HOSTILE_ID, (HOSTILE_SENTENCE,) + hostile.article[1:], hostile.references,
                              hostile.systems)
    # Astral characters before a shared bigram: the marks must still cover the
    # right characters in JavaScript's UTF-16 strings.
    emoji = ("🐈🐈 The zebra crossing opened today.", "Nothing else happened.")
    articles[2] = ArticleView("doc-emoji", emoji, (("A zebra crossing opened in town.",),), {
        "lead-2": SystemArticle(emoji[:1], (0,), {"rouge1_f": 0.6, "rouge2_f": math.nan, "rougeL_f": 0.5,
                                                  "coverage": 1.0}),
        # No positions known (e.g. summaries read from a file).
        "picked": SystemArticle(("The zebra crossing opened.",), (), {"rouge1_f": 0.7, "rouge2_f": 0.4,
                                                                      "rougeL_f": 0.6, "coverage": 1.0}),
    })
    # One system has no output for this article.
    articles[5] = ArticleView(articles[5].id, articles[5].article, articles[5].references,
                              {"lead-2": articles[5].systems["lead-2"]})
    return articles


def make_data(**changes: object) -> ReportData:
    articles = _articles()
    systems = ("lead-2", "picked")
    per_article = {s: {m: [a.systems[s].scores[m] for a in articles if s in a.systems] for m in MEASURES}
                   for s in systems}
    fields: dict[str, object] = {
        "title": "Test report <lead-2 & picked>",
        "signature": SIGNATURE,
        "systems": systems,
        "measures": MEASURES,
        "aggregate": {
            "lead-2": {"rouge1_f": Interval(0.41963, 0.40104, 0.43801), "rouge2_f": Interval(0.1234, 0.1111, 0.1357),
                       "rougeL_f": Interval(0.30, 0.28, 0.32), "coverage": Interval(0.95, 0.94, 0.96)},
            "picked": {"rouge1_f": Interval(0.45, 0.43, 0.47), "rouge2_f": Interval(0.2, 0.18, 0.22),
                       "rougeL_f": Interval(0.4, 0.38, 0.42), "coverage": Interval(0.97, 0.96, 0.98)},
        },
        "confidence": 0.95,
        "per_article": per_article,
        "positions": {s: [relative_position(i, len(a.article)) for a in articles if s in a.systems
                          for i in a.systems[s].selected] for s in systems},
        "significance": [SignificanceRow("picked", "lead-2", "rouge1_f", 0.0304, 0.002, 0.004)],
        "articles": articles,
        "n_articles": 10,
        "skipped": [("bad-1", "no reference <found>")],
    }
    fields.update(changes)
    return ReportData(**fields)  # type: ignore[arg-type]


class _TableText(HTMLParser):
    """Cell texts of the rows of one table, found by its id."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.depth, self.rows, self.section = table_id, 0, [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.depth = 1
        elif self.depth:
            if tag in ("thead", "tbody"):
                self.section = tag
            elif tag == "tr" and self.section == "tbody":
                self.rows.append([])
            elif tag == "td" and self.section == "tbody":
                self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth and self.section == "tbody" and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def table_rows(text: str, table_id: str) -> list[list[str]]:
    parser = _TableText(table_id)
    parser.feed(text)
    return [[cell.strip() for cell in row] for row in parser.rows]


@pytest.fixture(scope="module")
def report() -> str:
    return render_html(make_data())


# --------------------------------------------------------------------------
# Content


def test_signature_title_and_counts(report: str) -> None:
    assert f'id="signature">{html.escape(SIGNATURE, quote=True)}</code>' in report
    assert "<title>Test report &lt;lead-2 &amp; picked&gt;</title>" in report
    assert "10 articles evaluated, 1 skipped; 2 systems" in report
    assert "The table holds the first 8 of 10 evaluated articles." in report
    assert "no reference &lt;found&gt;" in report


def test_one_aggregate_row_per_system_with_its_interval(report: str) -> None:
    rows = table_rows(report, "aggregate-table")
    assert [row[0].split()[0] for row in rows] == ["lead-2", "picked"]
    # ROUGE F x100 with two decimals, a share (coverage) with three: as ``summarize compare`` prints them.
    assert rows[0][1:] == ["41.96 [40.10, 43.80]", "12.34 [11.11, 13.57]", "30.00 [28.00, 32.00]",
                           "0.950 [0.940, 0.960]"]
    assert rows[1][1] == "45.00 [43.00, 47.00]"
    assert report.count("(95% CI)") == len(MEASURES)


def test_significance_rows(report: str) -> None:
    assert table_rows(report, "significance-table") == [["picked", "lead-2", "rouge1_f", "+3.04", "0.0020", "0.0040"]]
    assert 'class="sig"' in report  # both p-values below 0.05
    rows = [SignificanceRow("picked", "lead-2", "words", -12.5, 0.2, 0.3),
            SignificanceRow("picked", "lead-2", "coverage", 0.0123, 0.01, 0.2)]
    text = render_html(make_data(significance=rows, articles=[]))
    assert table_rows(text, "significance-table") == [["picked", "lead-2", "words", "-12.50", "0.2000", "0.3000"],
                                                      ["picked", "lead-2", "coverage", "+0.012", "0.0100", "0.2000"]]
    assert 'class="sig"' not in text


def test_per_article_table_has_one_row_per_shown_article(report: str) -> None:
    rows = table_rows(report, "articles-table")
    assert len(rows) == 8
    assert rows[0][:3] == ["1", "doc-000", "5"]
    assert rows[0][3:] == ["30.00", "10.00", "25.00", "0.950", "50.00", "20.00", "40.00", "0.970"]
    assert rows[2][4] == "\u2013"  # NaN rouge2_f
    assert rows[5][7:] == ["\u2013"] * 4  # no output of "picked"


def test_plots_are_embedded_png_images(report: str) -> None:
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', report)
    assert len(images) == 3
    for encoded in images:
        assert base64.b64decode(encoded).startswith(b"\x89PNG\r\n\x1a\n")
    assert len(re.findall(r"<img\b", report)) == 3


def test_no_network_resources(report: str) -> None:
    assert "http://" not in report and "https://" not in report
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", report, re.IGNORECASE)
    assert "<link" not in report and "@import" not in report and "url(" not in report
    srcs = re.findall(r'\bsrc="([^"]*)"', report)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "default-src 'none'" in report


def test_hostile_text_appears_only_escaped(report: str) -> None:
    assert HOSTILE_SENTENCE not in report
    assert "<img src=x" not in report and "onerror=\"window" not in report
    assert html.escape(HOSTILE_ID, quote=True) in report  # the table cell and the title attribute
    assert len(re.findall(r"<script\b", report, re.IGNORECASE)) == 2  # the JSON data and the report's own script
    payload = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', report, re.DOTALL)
    assert payload is not None
    assert not set("<>&") & set(payload.group(1))  # nothing in the JSON can close the element
    data = json.loads(payload.group(1))
    assert data["articles"][1]["id"] == HOSTILE_ID
    assert data["articles"][1]["a"][0] == HOSTILE_SENTENCE


def test_json_cannot_break_out_of_its_script_element() -> None:
    nasty = "</script><script>alert(1)</script><!-- & </SCRIPT >"
    view = ArticleView("x", (nasty, "Plain."), ((nasty,),), {"lead-2": SystemArticle((nasty,), (0,), {})})
    text = render_html(make_data(articles=[view], n_articles=1))
    assert "alert(1)</script>" not in text and "</SCRIPT" not in text and "<!--" not in text
    payload = re.search(r'id="report-data">(.*?)</script>', text, re.DOTALL)
    assert payload is not None and json.loads(payload.group(1))["articles"][0]["a"][0] == nasty


def test_script_only_uses_dom_apis() -> None:
    from eval.report import html as html_report

    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert forbidden not in html_report._JS
    digest = base64.b64encode(hashlib.sha256(html_report._JS.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in render_html(make_data())


def test_summary_sentences_equal_to_article_sentences_are_stored_once(report: str) -> None:
    payload = json.loads(re.search(r'id="report-data">(.*?)</script>', report, re.DOTALL).group(1))  # type: ignore[union-attr]
    first = payload["articles"][0]
    assert first["s"][0]["t"] == [0, 1] and first["s"][0]["p"] == [0, 1]
    assert payload["articles"][2]["s"][1]["t"] == ["The zebra crossing opened."]  # no positions: text kept


def test_render_is_deterministic_across_processes(report: str) -> None:
    assert render_html(make_data()) == report
    script = ("import hashlib, sys; sys.path.insert(0, sys.argv[1]); from test_html_report import make_data; "
              "from eval.report.html import render_html; "
              "print(hashlib.sha256(render_html(make_data()).encode()).hexdigest())")
    # Another process with another string-hash seed: set order must not leak into the output.
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run([sys.executable, "-c", script, str(REPO / "tests")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}, check=True, cwd=REPO)
    assert done.stdout.strip() == hashlib.sha256(report.encode()).hexdigest()


def test_nan_and_empty_data_give_notes_instead_of_plots() -> None:
    nan = Interval(math.nan, math.nan, math.nan)
    data = make_data(
        aggregate={"lead-2": {m: nan for m in MEASURES}},  # "picked" missing entirely
        per_article={"lead-2": {m: [math.nan, math.nan] for m in MEASURES}, "picked": {}},
        positions={"lead-2": [], "picked": [math.nan]},
        significance=[SignificanceRow("picked", "lead-2", "rouge1_f", math.nan, math.nan, math.nan)],
        articles=[], n_articles=0, skipped=[],
    )
    text = render_html(data)
    assert "<img" not in text
    for note in ("No finite per-article scores to plot.", "No finite aggregate scores to plot.",
                 "No sentence positions to plot"):
        assert note in text
    assert table_rows(text, "aggregate-table") == [["lead-2 (baseline)", "\u2013", "\u2013", "\u2013", "\u2013"],
                                                   ["picked", "\u2013", "\u2013", "\u2013", "\u2013"]]
    assert 'id="articles-table"' not in text and "<script" not in text


def test_plot_labels_with_dollar_signs_do_not_break_matplotlib() -> None:
    data = make_data(systems=("lead-2", "$picked"), articles=[], significance=[],
                     aggregate={"lead-2": make_data().aggregate["lead-2"], "$picked": make_data().aggregate["picked"]},
                     per_article={"lead-2": make_data().per_article["lead-2"],
                                  "$picked": make_data().per_article["picked"]},
                     positions={"$picked": [0.0, 0.5, 1.0]})
    assert render_html(data).count("data:image/png;base64,") == 3


# --------------------------------------------------------------------------
# Numbers and the overlap rule


def test_number_formats() -> None:
    assert format_score(0.41963) == "41.96" == format_score(0.41963, "rouge1_f")
    assert format_score(0.41963, "coverage") == "0.420"
    assert format_score(4235.0, "words") == "4235.00"
    assert format_score(math.nan, "words") == "\u2013"
    assert format_interval(Interval(0.5, 0.25, 0.75), "novel_2") == "0.500 [0.250, 0.750]"
    assert format_score(math.nan) == "\u2013"
    assert format_interval(Interval(0.41963, 0.401, 0.438)) == "41.96 [40.10, 43.80]"
    assert format_interval(Interval(0.5, math.nan, math.nan)) == "50.00"
    assert format_interval(Interval(math.nan, 0.1, 0.2)) == "\u2013"


def test_relative_position() -> None:
    assert [relative_position(i, 5) for i in range(5)] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert relative_position(0, 1) == 0.0
    with pytest.raises(ValueError):
        relative_position(5, 5)


def test_word_tokens_match_rouge_score_tokenizer() -> None:
    from rouge_score import tokenize

    text = "Don't PANIC: café-style 3D printing, e.g. U.S.A.!"
    assert [t for _, _, t in word_tokens(text)] == tokenize.tokenize(text, None)


def _marked(sentence: str, spans: list[tuple[int, int]]) -> list[str]:
    return [sentence[s:e] for s, e in spans]


def test_overlap_marks_cover_runs_of_shared_bigrams() -> None:
    reference = ["The cat sat on the mat.", "A b.", "C d"]
    summary = ["Yesterday THE CAT, sat quietly on the mat", "a b c d", "cat"]
    marks = overlap_marks(summary, reference)
    assert _marked(summary[0], marks[0]) == ["THE CAT, sat", "on the mat"]
    # "a b" and "c d" are shared, "b c" is not: two marks and the gap unmarked.
    assert _marked(summary[1], marks[1]) == ["a b", "c d"]
    assert marks[2] == []  # a shared word alone is not marked
    # Bigrams never span sentences: "b c" is not a bigram of the reference.
    assert ("b", "c") not in bigrams(reference) and ("a", "b") in bigrams(reference)


def test_overlap_marks_follow_the_unicode_tokenizer() -> None:
    # rouge-score's tokenizer sees no words in Cyrillic or Chinese text, so nothing is marked;
    # the unicode tokenizer marks the shared bigrams (spans index the original text, case kept).
    summary = ["Путин сказал, что мир важен.", "北京很大。"]
    reference = ["путин сказал вчера", "北京很"]
    assert overlap_marks(summary, reference) == [[], []]
    assert overlap_marks(summary, reference, "unicode") == [[(0, 12)], [(0, 3)]]
    assert word_tokens("Ｗｏｒｄ Café", "unicode") == [(0, 4, "word"), (5, 9, "café")]
    with pytest.raises(ValueError, match="tokenizer must be one of auto, rouge-score, unicode, words, chars"):
        word_tokens("x", "spaces")


def test_comparison_report_data_carries_the_rouge_tokenizer() -> None:
    from eval import BootstrapConfig, RougeConfig
    from eval.report.compare import comparison_report_data
    from summarize import Article, LeadSummarizer
    from summarize.experiment.compare import compare

    article = Article(id="a", body=("Путин сказал, что мир важен. Второе предложение.",),
                      references=(("Путин сказал вчера.",),))
    for tokenizer in ("rouge-score", "unicode"):
        result = compare([article], {"lead": LeadSummarizer(n_sentences=1)}, measures=(),
                         rouge=RougeConfig(types=("rouge2",), tokenizer=tokenizer),
                         bootstrap=BootstrapConfig(n_samples=10, seed=1), n_permutations=10, keep_articles=1)
        data = comparison_report_data(result, title="t")
        assert data.tokenizer == tokenizer
    assert data.per_article["lead"]["rouge2_f"][0] > 0  # "путин сказал" is a shared bigram under unicode


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab .,\U0001F408", max_size=25), max_size=4),
       st.lists(st.text(alphabet="ab .,", max_size=25), max_size=4))
def test_overlap_marks_properties(summary: list[str], reference: list[str]) -> None:
    shared = bigrams(reference)
    for sentence, spans in zip(summary, overlap_marks(summary, reference), strict=True):
        assert spans == sorted(spans)
        assert all(s < e for s, e in spans)
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))  # disjoint, with a gap
        tokens = word_tokens(sentence)
        starts, ends = {s for s, _, _ in tokens}, {e for _, e, _ in tokens}
        assert all(s in starts and e in ends for s, e in spans)  # marks start and end on token edges
        # A token is inside a mark exactly when it is part of a shared bigram.
        in_pair = [False] * len(tokens)
        for k in range(len(tokens) - 1):
            if (tokens[k][2], tokens[k + 1][2]) in shared:
                in_pair[k] = in_pair[k + 1] = True
        assert in_pair == [any(s <= ts and te <= e for s, e in spans) for ts, te, _ in tokens]


# --------------------------------------------------------------------------
# Writing


def test_write_html_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("keep me")
    with pytest.raises(FileExistsError, match=re.escape(f"{path} exists; use --force to overwrite or pick another "
                                                        "--html path")):
        write_html(make_data(), path)
    assert path.read_text() == "keep me"
    assert write_html(make_data(), path, force=True) == path
    assert path.read_text(encoding="utf-8") == render_html(make_data())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


def test_write_html_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sub" / "report.html"
    assert write_html(make_data(), path) == path
    assert sorted(p.name for p in path.parent.iterdir()) == ["report.html"]
    assert (path.stat().st_mode & 0o777) == 0o644

    # A failure while writing leaves neither a partial report nor a temporary file.
    import eval.report.html as module

    real_fdopen = os.fdopen

    class Broken:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Broken:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, text: str) -> None:
            self.handle.write(text[:100])  # type: ignore[attr-defined]
            raise OSError("disk full")

    monkeypatch.setattr(module.os, "fdopen", lambda *a, **k: Broken(real_fdopen(*a, **k)))
    with pytest.raises(OSError, match="disk full"):
        write_html(make_data(), tmp_path / "other.html")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]
    with pytest.raises(IsADirectoryError):
        write_html(make_data(), tmp_path)


def test_lone_surrogates_do_not_break_writing(tmp_path: Path) -> None:
    view = ArticleView("bad\udce9id", ("Broken \udcff byte.",), (), {})
    path = write_html(make_data(articles=[view]), tmp_path / "r.html")
    assert "bad?id" in path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# In a real browser


def _need_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed"
    if problem is None and not CHROMIUM.is_file():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = write_html(make_data(), tmp_path / "report.html")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.goto(path.as_uri(), wait_until="load")
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _column(page, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(f"#articles-table tbody tr td:nth-child({column})",
                                     "cells => cells.map(c => c.textContent)")


def test_browser_renders_the_report(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert page.text_content("#signature") == SIGNATURE
    rows = page.locator("#aggregate-table tbody tr")
    assert rows.count() == 2
    assert "41.96 [40.10, 43.80]" in rows.nth(0).inner_text()
    sizes = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
    assert len(sizes) == 3 and all(done and w > 100 and h > 100 for done, w, h in sizes)
    assert page.locator("#articles-table tbody tr").count() == 8
    assert page.text_content("#article-count") == "8 articles"
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1280 and height > 900
    assert page.errors == []


def test_browser_sorts_on_header_click(page) -> None:  # type: ignore[no-untyped-def]
    header = page.locator("#articles-table th[data-column='4']")  # rouge2_f of lead-2 (has one NaN)
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = _column(page, 5)
    numbers = [float(v) for v in values if v != "\u2013"]
    assert numbers == sorted(numbers) and values[-1] == "\u2013"  # NaN last
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    values = _column(page, 5)
    numbers = [float(v) for v in values if v != "\u2013"]
    assert numbers == sorted(numbers, reverse=True) and values[-1] == "\u2013"
    page.locator("#articles-table th[data-column='1']").click()  # id, as text
    ids = _column(page, 2)
    assert ids == sorted(ids, key=str.lower)
    page.locator("#articles-table th[data-column='0']").click()
    assert _column(page, 1) == [str(i) for i in range(1, 9)]
    assert page.errors == []


def test_browser_filters_rows(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#article-filter", "QUARRY")  # article text, case-insensitive
    visible = page.locator("#articles-table tbody tr:visible")
    assert visible.count() == 1 and "doc-006" in visible.inner_text()
    assert page.text_content("#article-count") == "1 of 8 articles"
    page.fill("#article-filter", "doc-00")  # ids
    assert page.locator("#articles-table tbody tr:visible").count() == 6
    page.fill("#article-filter", "no such text anywhere")
    assert page.locator("#articles-table tbody tr:visible").count() == 0
    page.fill("#article-filter", "")
    assert page.locator("#articles-table tbody tr:visible").count() == 8
    assert page.errors == []


def test_browser_article_detail_highlights_and_marks(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("#article-detail").is_hidden()
    page.locator("#articles-table tbody tr", has_text="doc-004").locator("button.open").click()
    detail = page.locator("#article-detail")
    assert detail.is_visible()
    assert page.text_content("#detail-title") == "Article doc-004"
    # lead-2 selected sentences 1 and 2.
    assert page.eval_on_selector_all("#article-detail ol.sentences li.selected",
                                     "lis => lis.map(li => li.firstChild.textContent)") == [
        "The lighthouse reopened on Monday after repairs.",
        "Officials said the lighthouse had been closed for two years."]
    # "said the" is shared with the second reference sentence, "the lighthouse" with the first one.
    marks = page.eval_on_selector_all("#article-detail .summary mark", "ms => ms.map(m => m.textContent)")
    assert marks == ["The lighthouse reopened on Monday", "said the lighthouse"]
    assert page.eval_on_selector_all("#article-detail .summary p", "ps => ps.map(p => p.textContent)") == [
        "[1] The lighthouse reopened on Monday after repairs.",
        "[2] Officials said the lighthouse had been closed for two years."]
    assert page.eval_on_selector_all("#article-detail .reference p", "ps => ps.map(p => p.textContent)") == [
        "The lighthouse reopened on Monday.", "Critics said the cost was too high."]
    assert page.eval_on_selector_all("#article-detail .reference mark", "ms => ms.map(m => m.textContent)") == [
        "The lighthouse reopened on Monday", "said the"]
    # Another system: other sentences highlighted, other marks.
    page.select_option("#detail-system", "1")
    assert page.locator("#article-detail ol.sentences li.selected").count() == 2
    assert page.eval_on_selector_all("#article-detail .summary mark", "ms => ms.map(m => m.textContent)") == [
        "The lighthouse reopened on Monday", "the cost", "the lighthouse", "was too high"]
    assert page.errors == []


def test_browser_marks_after_astral_characters(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#articles-table tbody tr", has_text="doc-emoji").locator("button.open").click()
    assert page.eval_on_selector_all("#article-detail .summary mark", "ms => ms.map(m => m.textContent)") == [
        "zebra crossing opened"]
    assert page.text_content("#article-detail .summary p") == "[1] 🐈🐈 The zebra crossing opened today."
    page.select_option("#detail-system", "1")  # no known positions: nothing highlighted
    assert page.locator("#article-detail ol.sentences li.selected").count() == 0
    assert "unknown" in page.inner_text("#article-detail")
    assert page.errors == []


def test_browser_hostile_article_stays_inert(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#articles-table tbody tr").nth(1).locator("button.open").click()
    assert page.text_content("#detail-title") == f"Article {HOSTILE_ID}"
    assert page.locator("#article-detail ol.sentences li").first.text_content().startswith(HOSTILE_SENTENCE)
    page.fill("#article-filter", "pwned")
    page.select_option("#detail-system", "1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[onerror]").count() == 0
    assert page.locator("img").count() == 3
    assert page.evaluate("document.scripts.length") == 2
    assert page.errors == []


# --------------------------------------------------------------------------
# tools/screenshot.py


def _screenshot_tool():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("screenshot_tool", REPO / "tools" / "screenshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_tool_reports_missing_chromium(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = write_html(make_data(articles=[]), tmp_path / "r.html")
    code = _screenshot_tool().main([str(report), str(tmp_path / "r.png"), "--chromium", str(tmp_path / "nope")])
    assert code == 2
    assert "no Chromium at" in capsys.readouterr().err
    assert not (tmp_path / "r.png").exists()


def test_screenshot_tool_writes_png(tmp_path: Path) -> None:
    _need_browser()
    report = write_html(make_data(), tmp_path / "r.html")
    out = tmp_path / "shots" / "r.png"
    # A separate process, as the README runs it (and playwright's sync API
    # cannot start inside the module's running browser session).
    done = subprocess.run([sys.executable, str(REPO / "tools" / "screenshot.py"), str(report), str(out), "--width",
                           "900", "--height", "700", "--chromium", str(CHROMIUM), "--fail-on-console-error"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and int.from_bytes(data[16:20], "big") == 900
    assert int.from_bytes(data[20:24], "big") == 700
