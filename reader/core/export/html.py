"""HTML export: one standalone, printable page showing each annotated pair side by side.

For every aligned pair that has annotations, the pair's paragraphs of both sides are shown next to
each other with the highlights in their colours (numbered), and the notes in a third column
beside them. The page has inline CSS only: no scripts, no external style sheets, fonts or images,
and no links except to anchors within the page. Every piece of user and document text is
HTML-escaped. Highlights whose quote is no longer at its position (the text changed) are not
drawn; their notes are still listed, with the quote.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import pairwise

from reader.core.annotations import COLOURS, Annotation
from reader.core.document import ParallelText
from reader.core.export.common import (
    by_pair,
    colour_name,
    side_document,
    side_label,
    source_name,
    target_matches,
)

_CSS = """
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; margin: 2rem auto;
       max-width: 80rem; padding: 0 1rem; color: #1d1d1d; background: #fff; }
header p { color: #555; }
h2 { font-size: 1.1rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr 0.8fr; gap: 1.5rem; }
.side h3, .notes h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em;
       color: #666; margin: 0 0 0.5rem; }
.side p { margin: 0 0 0.75rem; white-space: pre-wrap; }
mark { padding: 0 0.1em; border-radius: 0.15em; }
mark.overlap { outline: 1px solid #555; }
mark sup, .note .num { font-family: sans-serif; font-size: 0.7em; font-weight: bold; }
.note { border-left: 0.4rem solid #ccc; padding: 0.25rem 0.5rem; margin: 0 0 0.75rem;
        font-family: sans-serif; font-size: 0.9rem; }
.note blockquote { margin: 0.25rem 0; font-style: italic; white-space: pre-wrap; }
.note blockquote .lang { font-style: normal; color: #666; }
.note .text { white-space: pre-wrap; margin: 0.25rem 0; }
.note .meta { color: #555; font-size: 0.8rem; margin: 0.25rem 0 0; }
.note .orphaned { color: #a33; font-size: 0.8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .note, .side p { break-inside: avoid; page-break-inside: avoid; }
  mark, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _colour_css() -> str:
    rules = []
    for name, value in COLOURS.items():
        rules.append(f"mark.c-{name} {{ background: {value}; }}")
        rules.append(f".note.c-{name} {{ border-left-color: {value}; }}")
    return "\n".join(rules)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _highlighted(paragraph: str, spans: list[tuple[int, int, int, str]]) -> str:
    """``paragraph`` escaped, with ``<mark>`` around the spans ``(start, end, number, colour)``.

    Overlapping spans are cut at every boundary; a piece covered by several highlights takes
    the colour of the last one and is outlined. Each highlight's number follows its end.
    """
    cuts = sorted({0, len(paragraph)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = _e(paragraph[a:b])
        covering = [span for span in spans if span[0] <= a and b <= span[1]]
        if covering:
            top = covering[-1]
            cls = f"c-{top[3]}" + (" overlap" if len(covering) > 1 else "")
            piece = f'<mark class="{cls}">{piece}</mark>'
        out.append(piece)
        for _s, e, number, _c in spans:
            if e == b:
                out.append(f'<sup><a href="#note-{number}">{number}</a></sup>')
    return "".join(out)


def _side(
    text: ParallelText,
    side: str,
    paragraphs: Sequence[int],
    numbered: list[tuple[int, Annotation]],
) -> str:
    doc = side_document(text, side)
    parts = [f'<div class="side" lang="{_e(doc.lang)}">', f"<h3>{_e(side_label(text, side))}</h3>"]
    for index in paragraphs:
        spans = []
        for number, annotation in numbered:
            for target in annotation.targets:
                if (
                    target.side == side
                    and target.paragraph == index
                    and target.end > target.start
                    and target_matches(text, target)
                ):
                    spans.append((target.start, target.end, number, colour_name(annotation)))
        parts.append(f"<p>{_highlighted(doc.paragraphs[index], spans)}</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _note(text: ParallelText, number: int, annotation: Annotation) -> str:
    parts = [
        f'<div class="note c-{colour_name(annotation)}" id="note-{number}">',
        f'<span class="num">{number}</span>',
    ]
    for target in annotation.targets:
        lang = side_document(text, target.side).lang
        parts.append(
            f'<blockquote><span class="lang">{_e(side_label(text, target.side))}:</span> '
            f'<span lang="{_e(lang)}">{_e(target.exact)}</span></blockquote>'
        )
    if annotation.orphaned or not all(target_matches(text, t) for t in annotation.targets):
        parts.append('<p class="orphaned">The text changed; this quote was not found again.</p>')
    if annotation.note:
        parts.append(f'<p class="text">{_e(annotation.note)}</p>')
    meta = [" ".join(_e("#" + tag) for tag in annotation.tags)] if annotation.tags else []
    meta.append(f"Colour: {_e(annotation.colour)}")
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def export_html(text: ParallelText, annotations: Sequence[Annotation]) -> str:
    """The annotations of ``text`` as a standalone HTML page (see the module docstring)."""
    title = text.title or text.left.title or "Parallel text"
    count = len(annotations)
    body: list[str] = [
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f"<p>Annotations on <cite>{_e(source_name(text, 'left'))}</cite> "
        f"({_e(side_label(text, 'left'))}) and <cite>{_e(source_name(text, 'right'))}</cite> "
        f"({_e(side_label(text, 'right'))}): {count} annotation{'' if count == 1 else 's'}.</p>",
        "</header>",
    ]
    number = 0
    for pair, group in by_pair(text, annotations):
        numbered = []
        for annotation in group:
            number += 1
            numbered.append((number, annotation))
        if pair is None:
            body.append('<section id="unplaced">\n<h2>Unplaced annotations</h2>')
            body.append('<div class="pair"><div></div><div></div><div class="notes">')
        else:
            bead = text.beads[pair - 1]
            body.append(f'<section id="pair-{pair}">\n<h2>Pair {pair}</h2>\n<div class="pair">')
            body.append(_side(text, "left", bead.left, numbered))
            body.append(_side(text, "right", bead.right, numbered))
            body.append('<div class="notes">')
        body.append("<h3>Notes</h3>")
        body.extend(_note(text, n, a) for n, a in numbered)
        body.append("</div>\n</div>\n</section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Parallel Reader">\n'
        f"<title>{_e(title)} – annotations</title>\n"
        f"<style>{_CSS}{_colour_css()}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
