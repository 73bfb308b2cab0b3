"""HTML export: standalone, escaped, no external references, highlights in their colours."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.annotations import COLOURS
from reader.core.export import export
from tests.core.export_support import FRAKTUR, SCRIPT_NOTE, make_annotations, make_text


class _Collector(HTMLParser):
    """Tags, attributes and text of a page (text of <style> kept apart)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._mark_class: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)
        if tag == "mark":
            self._mark_class = dict(attrs).get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag == "mark":
            self._mark_class = None

    def handle_data(self, data: str) -> None:
        if "style" in self._stack or "title" in self._stack:
            return
        self.text.append(data)
        if self._mark_class is not None:
            self.marks.append((self._mark_class, data))


@pytest.fixture
def page(tmp_path: Path) -> str:
    text = make_text(tmp_path)
    return export(text, make_annotations(text), "html")


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_standalone_without_scripts_or_external_resources(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    parsed = _parse(page)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for _tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            if name in ("href", "src", "action", "srcset"):
                assert value is not None and value.startswith("#"), (name, value)
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style and "url(" not in style
    assert "@media print" in style
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?\s*(https?:|//|javascript:)", page)


def test_user_text_is_escaped(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>no</b>" not in page
    shown = "".join(_parse(page).text)
    assert SCRIPT_NOTE in shown  # shown literally (newline kept by white-space: pre-wrap)
    assert 'He said "yes", then <b>no</b> & [a link](http://example.com)' in shown


def test_pairs_side_by_side_with_coloured_highlights(page: str, tmp_path: Path) -> None:
    parsed = _parse(page)
    h2 = re.findall(r"<h2>(.*?)</h2>", page)
    assert h2 == ["Pair 1", "Pair 3", "Pair 4", "Pair 11", "Unplaced annotations"]
    section = page.split('id="pair-3"')[1].split("</section>")[0]
    assert 'lang="de"' in section and 'lang="id"' in section  # both sides of the pair
    marks = parsed.marks
    assert ("c-pink", FRAKTUR + "🙂 Über diese „greif") in marks
    assert ("c-pink", "ar “hasil nyata” ini") in marks
    assert ("c-blue", "🙂𝔘 Jembatan ") in marks
    # Overlapping highlights in pair 1 are cut into pieces; the overlap is outlined.
    pair1 = [m for m in marks if m[0].split()[0] in ("c-green", "c-orange")]
    assert "".join(t for _, t in pair1) == "15. Dezember 2025 fand in Chongqing das Tr"
    assert any("overlap" in cls for cls, _ in pair1)
    for name, value in COLOURS.items():
        assert f"mark.c-{name} {{ background: {value}; }}" in page
    # Every note is beside its pair, numbered, with its tags and colour.
    assert page.count('class="note ') == 6
    assert "#politics #to check · Colour: green" in page
    assert "The text changed; this quote was not found again." in page


def test_unknown_colour_falls_back_to_a_palette_class(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    annotation = make_annotations(text)[1]
    odd = type(annotation)(targets=annotation.targets, colour='x" onload="alert(1)', note="n")
    page = export(text, [odd], "html")
    assert "onload" not in page.replace("onload=&quot;", "")
    assert 'class="c-yellow"' in page or 'class="c-yellow ' in page
