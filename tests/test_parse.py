"""Tests for the plain-text article parser (:mod:`summarize.text.parse`, :mod:`summarize.text.boilerplate`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarize.text.article import ReferenceSpec, parse_reference_spec
from summarize.text.parse import build_article, parse_text
from summarize.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_eee3009524595d1e.txt"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _assert_nowhere(article, lines) -> None:
    """No removed line survives in the body or a reference (short ones compared whole)."""
    kept = list(article.body) + [s for ref in article.references for s in ref]
    for line in lines:
        assert not any(line == text or (len(line) > 3 and line in text) for text in kept), line


def _parse_fixture(name: str, reference: str = "auto"):
    return parse_text(_read(FIXTURES / name), id=name, reference=parse_reference_spec(reference))


# --------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed_paras() -> list[str]:
    return _paragraphs(_read(SEED))


def test_seed_auto(seed_paras: list[str]) -> None:
    # seed_paras: title, "0" + caption, lead, 6 body, "In summary", source, reply, form.
    assert len(seed_paras) == 13
    lead, body, closing = seed_paras[2], seed_paras[3:9], seed_paras[9]
    assert closing.startswith("In summary,")
    article = parse_text(_read(SEED), id="seed")
    assert article.title == _read(SEED).splitlines()[0]
    assert article.reference_kinds == ("lead+closing",)
    assert len(article.references) == 1
    lead_sents, closing_sents = split_sentences(lead), split_sentences(closing)
    assert len(lead_sents) == 3 and len(closing_sents) == 3
    assert article.references[0] == tuple(lead_sents + closing_sents)
    assert article.body == tuple(body)
    assert article.sentences == tuple(s for p in body for s in split_sentences(p))


def test_seed_boilerplate_removed() -> None:
    article = parse_text(_read(SEED))
    furniture = [
        "0",
        "Symbolic representation of North Korea and Russia cooperation with flags and military symbols.",
        "Original Source: abcnews.go.com",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert sorted(article.boilerplate) == sorted(furniture)
    _assert_nowhere(article, furniture)


def test_seed_reference_closing_returns_lead_to_body(seed_paras: list[str]) -> None:
    article = parse_text(_read(SEED), reference=parse_reference_spec("closing"))
    assert article.reference_kinds == ("closing",)
    assert article.references == (tuple(split_sentences(seed_paras[9])),)
    assert article.body == tuple(seed_paras[2:9])


def test_seed_reference_lead_returns_closing_to_body(seed_paras: list[str]) -> None:
    article = parse_text(_read(SEED), reference=parse_reference_spec("lead"))
    assert article.reference_kinds == ("lead",)
    assert article.body == tuple(seed_paras[3:10])


def test_seed_reference_none(seed_paras: list[str]) -> None:
    article = parse_text(_read(SEED), reference=parse_reference_spec("none"))
    assert article.references == () and article.reference_kinds == ()
    assert article.title == seed_paras[0]
    assert article.body == tuple(seed_paras[2:10])


# ----------------------------------------------------------------- the fixtures

@pytest.mark.parametrize(
    ("name", "title", "kinds", "n_body", "n_ref_sents", "removed"),
    [
        (
            "blog_lead_and_closing.txt",
            "Coastal Town Votes to Restore Its Historic Lighthouse",
            ("lead+closing",), 4, 6,
            {"4", "Photo of the Harlow Point lighthouse at dusk, seen from the harbour wall.",
             "Source: harlowpointgazette.example", "Leave a Reply",
             "Your email address will not be published. Required fields are marked *"},
        ),
        ("titled_no_summary.txt", "Library Extends Weekend Opening Hours", (), 2, 0, set()),
        ("untitled_one_paragraph.txt", None, (), 1, 0, set()),
        ("closing_only_untitled.txt", None, ("closing",), 4, 3, set()),
        ("highlights_block.txt", None, ("highlights",), 3, 3, set()),
        ("key_takeaways_list.txt", "How to Keep Houseplants Alive Through Winter", ("lead+closing",), 2, 5, set()),
        ("very_short.txt", None, (), 1, 0, set()),
        (
            "share_and_comments.txt", "Volunteers Plant 2,000 Trees Along the Ring Road", ("lead",), 2, 2,
            {"Share this article", "12 Comments", "Read more: Why street trees cool cities in summer",
             "Subscribe to our newsletter for weekly local news.", "Tweet"},
        ),
    ],
)
def test_fixture_shape(name, title, kinds, n_body, n_ref_sents, removed) -> None:
    article = _parse_fixture(name)
    assert article.id == name
    assert article.title == title
    assert article.reference_kinds == kinds
    assert len(article.body) == n_body
    assert sum(len(ref) for ref in article.references) == n_ref_sents
    assert set(article.boilerplate) == removed
    _assert_nowhere(article, removed)


def test_blog_closing_and_lead_sentences() -> None:
    (ref,) = _parse_fixture("blog_lead_and_closing.txt").references
    assert ref[0] == "Residents of Harlow Point have voted to restore the town's 140-year-old lighthouse."
    assert ref[3] == "In conclusion, the people of Harlow Point have chosen to save their lighthouse."
    assert ref[-1] == "The debate over the harbour road is likely to continue."


def test_highlights_items_become_reference() -> None:
    article = _parse_fixture("highlights_block.txt")
    assert article.references == ((
        "The ferry service will resume on May 1.",
        "Tickets will cost $4 for adults and $2 for children.",
        "Boats will run every 40 minutes at peak times.",
    ),)
    assert article.body[0].startswith("The island ferry, suspended since")
    assert not any("Highlights" in p for p in article.body)


def test_key_takeaways_list_without_markers() -> None:
    article = _parse_fixture("key_takeaways_list.txt", reference="closing")
    assert article.references == ((
        "Water less often in winter.",
        "Give plants more light but keep them off cold glass.",
        "Skip most feeding until spring.",
    ),)
    assert len(article.body) == 3
    assert not any("Key takeaways" in p or p.startswith("-") for p in article.body)


def test_unchosen_highlights_return_to_body_as_items() -> None:
    article = _parse_fixture("highlights_block.txt", reference="closing")
    assert article.references == ()
    assert article.body[:3] == (
        "The ferry service will resume on May 1.",
        "Tickets will cost $4 for adults and $2 for children.",
        "Boats will run every 40 minutes at peak times.",
    )


def test_cnn_story_highlights() -> None:
    text = _read(FIXTURES / "cnn_style.story")
    story, _, rest = text.partition("@highlight")
    highlights = [" ".join(p.split()) for p in rest.split("@highlight") if p.strip()]
    article = build_article(story, id="story", highlights=highlights)
    assert article.title is None
    assert article.reference_kinds == ("highlights",)
    assert article.references == (tuple(highlights),)
    assert len(highlights) == 3 and len(article.body) == 3
    assert article.sentences[0] == (
        "A rare white kangaroo has been spotted in a national park in Western Australia, "
        "rangers said on Tuesday."
    )
    # Unchosen story highlights are dropped, never read as article text.
    none = build_article(story, id="story", highlights=highlights, reference=parse_reference_spec("none"))
    assert none.references == () and none.body == article.body


# ------------------------------------------------ false positives that lose text

@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 4 percent on Monday.",  # not a "Share" button
        "Related research shows the effect is small.",  # not a "Related:" link
        # Not a "Related posts" tail (long enough to pass the short-line rules).
        "Related postal workers in three cities went on strike on Monday over pay, pensions "
        "and the closure of rural offices.",
        "Summary judgment in the case is expected next month.",  # not a closing summary
        "Conclusion of the sale is expected in March.",
    ],
)
def test_prose_that_looks_like_furniture_is_kept(line: str) -> None:
    text = f"Opening paragraph is here. It is long.\n\n{line}\n\nLast paragraph here."
    article = parse_text(text)
    assert article.boilerplate == () and article.references == ()
    assert article.body == tuple(_paragraphs(text))


def test_quoted_first_sentence_is_not_a_title() -> None:
    text = 'The mayor said: "We will rebuild the pier."\n\nWork starts in May.\n\nIt will take a year.'
    article = parse_text(text)
    assert article.title is None
    assert article.body == tuple(_paragraphs(text))


def test_tldr_and_bare_heading_closings() -> None:
    body = "First part is here. It is long.\n\nSecond part is here.\n\n"
    tldr = parse_text(body + "TL;DR: the bridge shuts on Monday.")
    assert tldr.reference_kinds == ("closing",)
    assert tldr.references == (("TL;DR: the bridge shuts on Monday.",),)
    heading = parse_text(body + "Conclusion\n\nThe bridge shuts on Monday. Use the bypass.")
    assert heading.references == (("The bridge shuts on Monday.", "Use the bypass."),)
    assert "Conclusion" not in " ".join(heading.body)


# ------------------------------------------------------- reference spec and fields

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("auto", ReferenceSpec()),
        ("none", ReferenceSpec(kinds=(), auto=False)),
        ("closing, LEAD", ReferenceSpec(kinds=("lead", "closing"), auto=False)),
        ("summary,references", ReferenceSpec(kinds=("summary", "references"), auto=False)),
    ],
)
def test_parse_reference_spec(value: str, expected: ReferenceSpec) -> None:
    assert parse_reference_spec(value) == expected


@pytest.mark.parametrize("value", ["", " ", ",", "bogus", "lead,bogus", "auto,lead", "none,closing"])
def test_parse_reference_spec_errors(value: str) -> None:
    with pytest.raises(ValueError, match=r"invalid reference choice .*use 'auto', 'none'"):
        parse_reference_spec(value)


def test_summary_field_as_string_and_list() -> None:
    text = _read(FIXTURES / "blog_lead_and_closing.txt")
    as_str = build_article(text, id="a", summary="The town keeps its lighthouse. Work starts in spring.")
    assert as_str.reference_kinds == ("summary",)
    assert as_str.references == (("The town keeps its lighthouse.", "Work starts in spring."),)
    # The record's summary wins under auto, so lead and closing stay in the body.
    assert len(as_str.body) == 6
    as_list = build_article(text, id="a", summary=["  Town keeps  lighthouse ", "", "Work in spring"])
    assert as_list.references == (("Town keeps lighthouse", "Work in spring"),)


def test_references_field() -> None:
    article = build_article("Body text here. More of it.", id="r", references=["One. Two.", ["three", "four"], []])
    assert article.reference_kinds == ("references", "references")
    assert article.references == (("One.", "Two."), ("three", "four"))
    both = build_article(
        "Body text.", id="r", summary="S.", references=["R."], reference=parse_reference_spec("summary,references")
    )
    assert both.reference_kinds == ("summary", "references")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"summary": 3}, r"field 'summary' must be a string or a list of strings, got int"),
        ({"summary": [1, 2]}, r"field 'summary': item 0 must be a string, got int"),
        ({"summary": {"a": "b"}}, r"field 'summary' .* got dict"),
        ({"references": "abc"}, r"field 'references' must be a list .* got str"),
        ({"references": 7}, r"field 'references' .* got int"),
        ({"references": ["ok", 5]}, r"field 'references\[1\]' .* got int"),
    ],
)
def test_wrong_field_types(fields: dict, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        build_article("Body.", id="x", **fields)


# ------------------------------------------------------------------- robustness

_LINES = st.sampled_from(
    [
        "Title Line", "In summary, it works.", "Key takeaways:", "Highlights:", "- item one", "2) item",
        "Leave a Reply", "12 Comments", "Share this", "Photo of a cat.", "Conclusion", "TL;DR", "",
        "Body sentence. Another one.", "(CNN) -- Lead.", "\u00a0", "\r", "\ufeff", "@highlight",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("Highlights:\n\n- item one")  # found by hypothesis: a heading alone, then its list
@given(st.one_of(st.text(max_size=300), st.lists(st.one_of(_LINES, st.text(max_size=20)), max_size=25).map("\n".join)))
def test_parse_text_never_raises(text: str) -> None:
    for spec in ("auto", "none", "lead,closing,highlights"):
        article = parse_text(text, reference=parse_reference_spec(spec))
        assert all(p.strip() for p in article.body)
        assert all(s.strip() for ref in article.references for s in ref)
        assert len(article.references) == len(article.reference_kinds)
