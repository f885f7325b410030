"""Tests for summarize.io.readers: every format, record fields, and bad input.

Every input file is written here, inside ``tmp_path``.  The contract under test:
one :class:`Article` or :class:`RecordError` per input record, in input order,
and never an exception for bad data (only for bad arguments).
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import re
import sys
import warnings
from pathlib import Path

import pytest

from summarize.io.readers import FieldNames, RecordError, detect_format, read_articles
from summarize.text.article import Article, ReferenceSpec

# Sentences without abbreviations, numbers or quotes, so any splitter agrees on them.
ART_SENTENCES = (
    "The town council met on Monday evening to vote on the new budget.",
    "Members argued for several hours about the cost of repairing the roads.",
    "The mayor said that the plan would be paid for without raising taxes.",
    "The budget finally passed by a single vote shortly after midnight.",
)
ART = " ".join(ART_SENTENCES)
OTHER_SENTENCES = (
    "A small bakery on the main street has won a regional prize for its bread.",
    "The owner started baking at home before opening the shop ten years ago.",
)
OTHER = " ".join(OTHER_SENTENCES)


def read(paths: list[str | Path], **kwargs: object) -> list[Article | RecordError]:
    return list(read_articles([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[object]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def one_error(items: list[Article | RecordError], pattern: str) -> RecordError:
    """The single item must be a RecordError whose message matches ``pattern``."""
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, RecordError), item
    assert re.search(pattern, item.message), item.message
    return item


# --------------------------------------------------------------------------- formats


def test_plain_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "council.txt", ART + "\n\n" + OTHER + "\n")
    (item,) = read([path])
    assert isinstance(item, Article)
    assert item.id == "council"
    assert item.sentences == ART_SENTENCES + OTHER_SENTENCES
    assert item.references == ()  # no title, no "In summary": no own summary


def test_plain_text_with_own_summary_paragraph(tmp_path: Path) -> None:
    closing = "In summary, the council approved the budget after a long debate."
    path = write(tmp_path / "a.txt", ART + "\n\n" + OTHER + "\n\n" + closing + "\n")
    (item,) = read([path])
    assert isinstance(item, Article)
    assert item.references == ((closing,),)
    assert item.reference_kinds == ("closing",)
    assert closing not in item.sentences


def test_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "README", ART)
    (item,) = read([path])
    assert isinstance(item, Article)
    assert item.id == "README"
    assert item.sentences == ART_SENTENCES


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.md", "text"), ("a.story", "story"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"),
     ("a.json", "jsonl"), ("a.csv", "csv"), ("a.tsv", "csv"), ("a.parquet", "parquet"), ("a.pq", "parquet"),
     ("a.jsonl.gz", "jsonl"), ("A.CSV.gz", "csv"), ("a.bin", "text"), ("noext", "text")],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_directory_sorted_recursive_hidden_ignored(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    # Created out of order on purpose.
    write(root / "sub2" / "e.txt", OTHER)
    write(root / "b.txt", ART)
    write(root / "sub1" / "d.jsonl", json.dumps({"id": "d-record", "article": ART}) + "\n")
    write(root / "a.txt", OTHER)
    write(root / "sub1" / "c.txt", ART)
    write(root / ".hidden.txt", ART)
    write(root / ".git" / "x.txt", ART)
    write(root / "notes.pdf", "not an article format")  # unknown suffix: skipped inside directories
    items = read([root])
    assert all(isinstance(i, Article) for i in items), items
    assert [i.id for i in items] == ["a", "b", "c", "d-record", "e"]


def test_story_file(tmp_path: Path) -> None:
    story = (
        ART + "\n\n" + OTHER + "\n\n"
        "@highlight\n\nThe council passed the budget by one vote\n\n"
        "@highlight\n\nTaxes will not rise\n"
    )
    path = write(tmp_path / "cnn.story", story)
    (item,) = read([path])
    assert isinstance(item, Article)
    assert item.id == "cnn"
    assert item.sentences == ART_SENTENCES + OTHER_SENTENCES
    assert item.references == (("The council passed the budget by one vote", "Taxes will not rise"),)
    assert item.reference_kinds == ("highlights",)


def test_story_highlights_never_become_body(tmp_path: Path) -> None:
    path = write(tmp_path / "cnn.story", ART + "\n\n@highlight\n\nTaxes will not rise\n")
    (item,) = read([path], reference=ReferenceSpec(kinds=("lead",), auto=False))
    assert isinstance(item, Article)
    assert item.sentences == ART_SENTENCES
    assert item.references == ()


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "s", "article": ART, "summary": "The budget passed. Taxes stay the same."},
        {"id": "l", "article": ART, "summary": ["The budget passed", "Taxes stay  the same."]},
        {"id": "r", "article": ART, "references": ["First reference text.", ["Second one.", "In two parts."]]},
        {"id": "t", "article": OTHER, "title": "Bakery wins prize"},
    ])
    s, lst, r, t = read([path])
    assert isinstance(s, Article) and isinstance(lst, Article) and isinstance(r, Article) and isinstance(t, Article)
    # A string summary is split into sentences; list items are kept as given (white space normalised).
    assert s.references == (("The budget passed.", "Taxes stay the same."),)
    assert s.reference_kinds == ("summary",)
    assert lst.references == (("The budget passed", "Taxes stay the same."),)
    assert r.references == (("First reference text.",), ("Second one.", "In two parts."))
    assert r.reference_kinds == ("references", "references")
    assert t.title == "Bakery wins prize"
    assert t.references == ()
    assert [x.id for x in (s, lst, r, t)] == ["s", "l", "r", "t"]
    assert s.sentences == ART_SENTENCES  # the summary is never body text


def test_jsonl_id_is_stringified_and_falls_back_to_file_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "docs.jsonl",
        json.dumps({"id": 42, "article": ART}) + "\n"
        + "\n"  # blank lines are skipped but still counted
        + json.dumps({"article": ART}) + "\n"
        + json.dumps({"id": "", "article": ART}) + "\n"
        + json.dumps({"id": None, "article": ART}) + "\n",
    )
    assert [i.id for i in read([path])] == ["42", f"{path}:3", f"{path}:4", f"{path}:5"]


def test_custom_field_names(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "custom.jsonl", [
        {"key": "k1", "text": ART, "abstract": "The budget passed.", "headline": "Budget vote",
         "article": "ignored: not the article field here"},
        {"key": "k2", "text": OTHER, "refs": ["A bakery won a prize."]},
    ])
    fields = FieldNames(article="text", summary="abstract", references="refs", title="headline", id="key")
    a, b = read([path], fields=fields)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.id, a.title, a.sentences, a.references) == ("k1", "Budget vote", ART_SENTENCES,
                                                          (("The budget passed.",),))
    assert (b.id, b.sentences, b.references) == ("k2", OTHER_SENTENCES, (("A bakery won a prize.",),))


def test_custom_article_field_missing_names_it(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": ART}])
    item = one_error(read([path], fields=FieldNames(article="body")), r"missing field 'body'.*--article-field")
    assert item.id == "x"


def test_csv_records(tmp_path: Path) -> None:
    rows = [
        ["id", "article", "summary", "references", "title"],
        ["c1", ART, json.dumps(["The budget passed.", "Taxes stay the same."]), "", "Budget vote"],
        ["c2", ART, "", json.dumps(["One reference.", ["Two.", "Parts."]]), ""],
        ["c3", OTHER, "A bakery won. It is on the main street.", "", ""],
        ["", OTHER, "[Updated] A bakery won.", "", ""],  # '[' but not JSON: kept as text
    ]
    import csv

    with open(tmp_path / "docs.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    c1, c2, c3, c4 = read([tmp_path / "docs.csv"])
    assert all(isinstance(i, Article) for i in (c1, c2, c3, c4))
    assert c1.references == (("The budget passed.", "Taxes stay the same."),)  # JSON list text in a cell
    assert c1.title == "Budget vote"
    assert c2.references == (("One reference.",), ("Two.", "Parts."))
    assert c2.title is None  # empty cell
    assert c3.references == (("A bakery won.", "It is on the main street."),)
    assert c4.references == (("[Updated] A bakery won.",),)
    assert c4.id == f"{tmp_path / 'docs.csv'}:5"
    assert c1.sentences == ART_SENTENCES


def test_csv_id_fallback_is_the_physical_line_of_the_row(tmp_path: Path) -> None:
    # Articles in CSV cells have paragraphs: a quoted cell spans several lines.
    multi = "\n\n".join(ART_SENTENCES)
    path = write(tmp_path / "docs.csv", f'article\n"{multi}"\n"{OTHER}"\n')
    first, second = read([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == f"{path}:2"
    assert first.sentences == ART_SENTENCES
    assert second.id == f"{path}:9"  # the row starts on line 9, though it is the second row


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "docs.tsv", f"id\tarticle\tsummary\nt1\t{ART}\tThe budget passed.\n")
    (item,) = read([path])
    assert isinstance(item, Article)
    assert (item.id, item.sentences, item.references) == ("t1", ART_SENTENCES, (("The budget passed.",),))


def test_parquet_records(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "docs.parquet"
    table = pa.table({
        "id": ["p1", None, "p3"],
        "article": [ART, OTHER, None],
        "summary": [["The budget passed.", "Taxes stay the same."], None, None],
        "title": ["Budget vote", None, None],
    })
    pq.write_table(table, path, row_group_size=2)  # two row groups: rows keep their order across them
    p1, p2, p3 = read([path])
    assert isinstance(p1, Article) and isinstance(p2, Article)
    assert (p1.id, p1.title, p1.sentences) == ("p1", "Budget vote", ART_SENTENCES)
    assert p1.references == (("The budget passed.", "Taxes stay the same."),)
    assert (p2.id, p2.sentences, p2.references) == (f"{path}:row 1", OTHER_SENTENCES, ())
    assert isinstance(p3, RecordError)
    assert p3.id == "p3"
    assert re.search(r"field 'article' has no value", p3.message)


def test_parquet_gz_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    plain = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"id": ["g1"], "article": [ART]}), plain)
    packed = tmp_path / "docs.parquet.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    (item,) = read([packed])
    assert isinstance(item, Article) and (item.id, item.sentences) == ("g1", ART_SENTENCES)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(plain.read_bytes())))
    (item,) = read(["-"], input_format="parquet")
    assert isinstance(item, Article) and item.id == "g1"


def test_unreadable_parquet_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    one_error(read([path]), r"unreadable Parquet file")


@pytest.mark.parametrize("suffix", [".txt", ".story"])
def test_gzip_text_and_story(tmp_path: Path, suffix: str) -> None:
    text = ART + ("\n\n@highlight\n\nTaxes will not rise\n" if suffix == ".story" else "\n")
    path = tmp_path / f"doc{suffix}.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    (item,) = read([path])
    assert isinstance(item, Article)
    assert item.id == "doc"
    assert item.sentences == ART_SENTENCES
    assert item.references == ((("Taxes will not rise",),) if suffix == ".story" else ())


def test_gzip_jsonl_and_csv(tmp_path: Path) -> None:
    jpath = tmp_path / "docs.jsonl.gz"
    with gzip.open(jpath, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"article": ART, "summary": "The budget passed."}) + "\n")
        handle.write(json.dumps({"id": "two", "article": OTHER}) + "\n")
    cpath = tmp_path / "docs.csv.gz"
    with gzip.open(cpath, "wt", encoding="utf-8", newline="") as handle:
        handle.write(f'id,article\ncsv1,"{OTHER}"\n')
    items = read([jpath, cpath])
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", f"{jpath}:1"), ("Article", "two"), ("Article", "csv1"),
    ]
    assert items[0].references == (("The budget passed.",),)  # type: ignore[union-attr]
    assert items[2].sentences == OTHER_SENTENCES  # type: ignore[union-attr]


def test_gzip_files_are_closed(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(ART)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = read([path])
        gc.collect()
    assert isinstance(items[0], Article)
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, *, buffered: bool = False) -> None:
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw) if buffered else raw))


@pytest.mark.parametrize("buffered", [False, True], ids=["bytesio", "bufferedreader"])
def test_stdin_jsonl_is_detected(monkeypatch: pytest.MonkeyPatch, buffered: bool) -> None:
    data = b"  \n" + (json.dumps({"id": "a", "article": ART}) + "\n" + json.dumps({"article": OTHER}) + "\n").encode()
    _stdin(monkeypatch, data, buffered=buffered)
    items = read(["-"])
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a"), ("Article", "<stdin>:3")]
    assert items[1].sentences == OTHER_SENTENCES  # type: ignore[union-attr]
    assert not sys.stdin.buffer.closed  # stdin belongs to the process: readers leave it open


@pytest.mark.parametrize("buffered", [False, True], ids=["bytesio", "bufferedreader"])
def test_stdin_text_is_detected(monkeypatch: pytest.MonkeyPatch, buffered: bool) -> None:
    _stdin(monkeypatch, (ART + "\n\n" + OTHER).encode(), buffered=buffered)
    (item,) = read(["-"])
    assert isinstance(item, Article)
    assert item.id == "stdin"
    assert item.sentences == ART_SENTENCES + OTHER_SENTENCES


def test_stdin_explicit_format_overrides_sniffing(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, f"id,article\nx,{OTHER}\n".encode())
    (item,) = read(["-"], input_format="csv")
    assert isinstance(item, Article)
    assert (item.id, item.sentences) == ("x", OTHER_SENTENCES)


def test_stdin_read_twice_gives_an_error_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, ART.encode())
    first, second = read(["-", "-"])
    assert isinstance(first, Article)
    assert isinstance(second, RecordError)
    assert re.search(r"empty article", second.message)


# --------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path) -> None:
    item = one_error(read([write(tmp_path / "empty.txt", "")]), r"^empty article: no text to summarize$")
    assert item.id == "empty"
    assert item.source == str(tmp_path / "empty.txt")


def test_whitespace_only_file(tmp_path: Path) -> None:
    one_error(read([write(tmp_path / "blank.txt", " \n\n\t \n  ")]), r"^empty article")


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.csv", "header_only.csv", "blank_lines.jsonl"])
def test_empty_record_file_is_reported(tmp_path: Path, name: str) -> None:
    content = {"header_only.csv": "id,article\n", "blank_lines.jsonl": "\n  \n\n"}.get(name, "")
    item = one_error(read([write(tmp_path / name, content)]), r"^no records: the (jsonl|csv) file is empty")
    assert item.source == str(tmp_path / name)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    one_error(read([path]), r"^binary data, not text")


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 society met again on Monday.".encode("latin-1"))
    (article,) = read([path])
    assert article.sentences == ("Caf\u00e9 society met again on Monday.",)
    assert article.warnings == (f"{path}: not valid UTF-8 (byte 0xe9 at offset 3); read as cp1252 "
                                "(check accented characters)",)


def test_invalid_utf8_line_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"article": "caf\xe9"}\n' + (json.dumps({"id": "ok", "article": ART}) + "\n").encode())
    bad, good = read([path])
    assert isinstance(bad, RecordError) and re.search(r"not valid UTF-8", bad.message)
    assert isinstance(good, Article) and good.id == "ok"


def test_malformed_json_line_then_good_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "docs.jsonl",
        json.dumps({"id": "one", "article": ART}) + "\n"
        + '{"id": "two", "article": "unterminated\n'
        + json.dumps({"id": "three", "article": OTHER}) + "\n"
        + json.dumps({"id": "four", "article": ART}) + "\n",
    )
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Article", "RecordError", "Article", "Article"]
    bad = items[1]
    assert isinstance(bad, RecordError)
    assert (bad.id, bad.source) == (f"{path}:2", f"{path}:2")
    assert re.search(r"^malformed JSON \(.+ at column \d+\)$", bad.message)
    assert str(bad) == f"{path}:2: {bad.message}"
    assert [i.id for i in items] == ["one", f"{path}:2", "three", "four"]


@pytest.mark.parametrize("value", [[1, 2], "just a string", 7, None])
def test_json_line_not_an_object(tmp_path: Path, value: object) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [value])
    kind = type(value).__name__
    item = one_error(read([path]), rf"^expected an object with an 'article' field, got {kind}$")
    assert item.id == f"{path}:1"


def test_missing_article_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "m1", "text": ART, "summary": "A summary."}])
    item = one_error(
        read([path]),
        r"^missing field 'article' \(fields present: id, summary, text\); name the article field with --article-field$",
    )
    assert item.id == "m1"


def test_null_article_is_not_called_missing(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "n1", "article": None}])
    item = one_error(read([path]), r"^field 'article' has no value")
    assert "missing" not in item.message


@pytest.mark.parametrize(("value", "kind"), [(12, "int"), (["a list"], "list"), ({"a": 1}, "dict"), (True, "bool")])
def test_non_string_article(tmp_path: Path, value: object, kind: str) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": value}])
    one_error(read([path]), rf"^field 'article' must be a string, got {kind}$")


@pytest.mark.parametrize(("value", "kind"), [(5, "int"), ({"text": "x"}, "dict"), (1.5, "float")])
def test_summary_of_wrong_type(tmp_path: Path, value: object, kind: str) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": ART, "summary": value}])
    item = one_error(read([path]), rf"^field 'summary' must be a string or a list of strings, got {kind}$")
    assert item.id == "x"


def test_summary_list_with_a_bad_item_names_the_item(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": ART, "summary": ["fine", 3]}])
    one_error(read([path]), r"^field 'summary': item 1 must be a string, got int$")


def test_title_of_wrong_type(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": ART, "title": 5}])
    one_error(read([path]), r"^field 'title' must be a string, got int$")


def test_missing_field_message_shortens_long_names(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text("x" * 200 + "\nvalue\n", encoding="utf-8")
    item = one_error(read([path]), r"missing field 'article' \(fields present: 'x{27}\.\.\.'\)")
    assert len(item.message) < 150


def test_references_of_wrong_type(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [{"id": "x", "article": ART, "references": "one string"}])
    one_error(read([path]), r"^field 'references' must be a list of references")


def test_truncated_gzip(tmp_path: Path) -> None:
    whole = gzip.compress((ART + "\n\n" + OTHER).encode() * 20)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[: len(whole) // 2])
    one_error(read([path]), r"^cannot read file \(Compressed file ended before the end-of-stream marker")


def test_not_gzip_with_gz_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.jsonl.gz", json.dumps({"article": ART}) + "\n")
    one_error(read([path]), r"^cannot read file \(Not a gzipped file")


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "nothing" / ".hidden.txt", ART)
    write(tmp_path / "nothing" / "image.png", "x")
    item = one_error(read([tmp_path / "nothing"]),
                     r"^directory holds no \.txt, \.story, \.jsonl, \.csv or \.parquet files$")
    assert item.id == str(tmp_path / "nothing")


def test_unknown_input_format_raises_value_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ART)
    with pytest.raises(ValueError,
                       match=r"unknown input format 'xml'; choose one of auto, text, story, jsonl, csv, parquet"):
        read_articles([str(path)], input_format="xml")  # at the call, not at the first next()


def test_missing_path_raises_before_reading_anything(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", ART)
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        read_articles([str(good), str(missing)])


def test_forced_format_applies_to_every_file(tmp_path: Path) -> None:
    path = write(tmp_path / "records.txt", json.dumps({"id": "j", "article": ART}) + "\n")
    (item,) = read([path], input_format="jsonl")
    assert isinstance(item, Article) and item.id == "j"
    (as_text,) = read([path])
    assert isinstance(as_text, Article) and as_text.id == "records"


# --------------------------------------------------------------------------- count invariant


def test_count_invariant_and_order(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": "r1", "article": ART}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r4", "text": ART}),
        json.dumps({"id": "r5", "article": 3}),
        json.dumps({"id": "r6", "article": ART, "summary": 9}),
        json.dumps({"id": "r7", "article": "   "}),
        json.dumps({"id": "r8", "article": OTHER, "summary": "A bakery won."}),
    ]
    jpath = write(tmp_path / "batch.jsonl", "\n".join(records) + "\n")
    tpath = write(tmp_path / "one.txt", ART)
    (tmp_path / "empty_dir").mkdir()
    cpath = write(tmp_path / "rows.csv", f'id,article\nc1,"{ART}"\nc2,\n')
    items = read([tpath, jpath, tmp_path / "empty_dir", cpath])
    expected = [
        ("Article", "one"),
        ("Article", "r1"),
        ("RecordError", f"{jpath}:2"),
        ("RecordError", f"{jpath}:3"),
        ("RecordError", "r4"),
        ("RecordError", "r5"),
        ("RecordError", "r6"),
        ("RecordError", "r7"),
        ("Article", "r8"),
        ("RecordError", str(tmp_path / "empty_dir")),
        ("Article", "c1"),
        ("RecordError", "c2"),
    ]
    assert [(type(i).__name__, i.id) for i in items] == expected
