"""Markdown export: CommonMark structure parsed back with markdown-it-py, and escaping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.export import export
from reader.core.export.markdown import escape_block, escape_inline
from tests.core.export_support import (
    FORMULA_NOTE,
    FRAKTUR,
    SCRIPT_NOTE,
    make_annotations,
    make_text,
)

markdown_it = pytest.importorskip("markdown_it")


def _parse(source: str) -> list[Any]:
    return markdown_it.MarkdownIt("commonmark").parse(source)


def _rendered_text(source: str) -> str:
    """The text a reader sees: inline content with escapes resolved and breaks as newlines."""
    parts: list[str] = []
    for token in _parse(source):
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "text":
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type in ("em_open", "em_close", "strong_open", "strong_close"):
                    continue  # the export's own emphasis (labels, file names)
                else:
                    parts.append(f"<{child.type}>")
            parts.append("\n\n")
    return "".join(parts).strip()


@pytest.fixture
def markdown(tmp_path: Path) -> str:
    text = make_text(tmp_path)
    return export(text, make_annotations(text), "md")


def test_structure_headings_per_pair_and_blockquotes(markdown: str) -> None:
    tokens = _parse(markdown)
    headings = [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]
    assert headings == [
        ("h1", "Chongqing Connectivity Initiative: ten years of soft connectivity"),
        ("h2", "Pair 1"),
        ("h2", "Pair 3"),
        ("h2", "Pair 4"),
        ("h2", "Pair 11"),
        ("h2", "Unplaced annotations"),
    ]
    # One block quote per quoted side: 5 one-sided annotations + 2 for the bilingual one.
    assert sum(tok.type == "blockquote_open" for tok in tokens) == 7
    # Nothing a note contains turns into HTML, lists, code or links.
    kinds = {tok.type for tok in tokens}
    assert not kinds & {"html_block", "code_block", "fence", "bullet_list_open"}
    assert "ordered_list_open" not in kinds
    assert sum(tok.type == "hr" for tok in tokens) == 1  # between the two annotations of pair 1
    inline_kinds = {c.type for tok in tokens if tok.type == "inline" for c in tok.children or []}
    assert not inline_kinds & {"html_inline", "link_open", "code_inline", "image"}


def test_sources_labels_tags_and_colours(markdown: str) -> None:
    shown = _rendered_text(markdown)
    assert "chongqing-connectivity.de.txt" in shown
    assert "chongqing-connectivity.id.txt" in shown
    assert "German: " + FRAKTUR + "🙂 Über" in shown  # bilingual: both quotes labelled
    assert "Indonesian: ar “hasil nyata” ini" in shown
    assert "Tags: #politics #to check · Colour: green" in shown
    assert "Tags: #𝔘nicode #=cmd · Colour: blue" in shown
    assert "Colour: pink" in shown


def test_notes_are_shown_literally(markdown: str) -> None:
    shown = _rendered_text(markdown)
    assert SCRIPT_NOTE in shown  # newline kept as a hard break, <script> as text
    assert "=1+1 looks like a formula\n\n# not a heading\n- not a list\nnot code" in shown
    assert FORMULA_NOTE.split("\n")[0] in shown
    assert "*emphasis* `code` \\ backslash | pipe _under_ 1. list" in shown
    assert 'He said "yes", then <b>no</b> & [a link](http://example.com)' in shown
    assert not re.search(r"(?<!\\)<", markdown)  # every < is escaped in the source too


def test_bilingual_quotes_are_in_the_same_pair(markdown: str) -> None:
    section = markdown.split("## Pair 3")[1].split("## Pair 4")[0]
    assert "> **German:**" in section and "> **Indonesian:**" in section


def test_escape_helpers_neutralise_block_syntax() -> None:
    for hostile in ["# h", "## h", "> q", "- l", "+ l", "1. l", "2) l", "    code", "===", "---"]:
        tokens = _parse("Intro\n\n" + "\n".join(escape_block(hostile)))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] * 2
    assert _rendered_text(escape_inline("a\nb <i>c</i>")) == "a b <i>c</i>"


def test_pair_filter(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    only = export(text, make_annotations(text), "md", pair=3)
    assert "## Pair 3" in only and "## Pair 1" not in only
    assert "1 annotation." in only


_HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\n\t #>-+=*_`[]()<>&|~!\\:;.)0123456789ab")),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_HOSTILE)
def test_any_text_renders_literally_as_paragraphs(note: str) -> None:
    """Whatever a note contains, it becomes plain paragraphs showing exactly its text, line by
    line (white space at the ends of lines and runs of blank lines aside)."""
    source = "Intro\n\n" + "\n".join(escape_block(note)) + "\n"
    tokens = _parse(source)
    assert {t.type for t in tokens} <= {"paragraph_open", "inline", "paragraph_close"}

    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.split("\n") if line.strip()]

    assert lines(_rendered_text(source)) == ["Intro", *lines(note)]
