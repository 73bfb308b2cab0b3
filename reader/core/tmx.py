"""TMX 1.4b: writing an aligned text, and reading a translation memory as a parallel text.

Writing: one ``<tu>`` per bead, a ``<tuv xml:lang>`` for each side that has paragraphs (the
paragraphs of a side joined by a single space). Reading uses :mod:`defusedxml`: no entity
expansion, no external entities or DTDs are fetched; a malformed file, an entity bomb or a file
that is not TMX raises :class:`ReaderError` with a one-line message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element  # only for type hints: parsing goes via defusedxml
from xml.sax.saxutils import escape, quoteattr

import reader
from reader.core.document import Bead, Document, ParallelText
from reader.core.errors import ReaderError

__all__ = ["load_tmx", "parse_tmx", "tmx_text"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# characters XML 1.0 cannot carry
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WS = re.compile(r"\s+")
# inline elements whose content is native code, not text
_CODE_ELEMENTS = {"bpt", "ept", "it", "ph", "ut"}


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def tmx_text(
    beads: Sequence[Bead],
    left: Sequence[str],
    right: Sequence[str],
    *,
    left_lang: str,
    right_lang: str,
    segtype: str = "paragraph",
) -> str:
    """The TMX document for ``beads`` over the ``left`` and ``right`` paragraphs.

    ``segtype`` is ``"paragraph"``, or ``"sentence"`` when the units are sentences.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        '  <header creationtool="parallel-reader" '
        f"creationtoolversion={quoteattr(reader.__version__)} "
        f'datatype="plaintext" segtype={quoteattr(segtype)} adminlang="en" '
        f'srclang={quoteattr(left_lang)} o-tmf="parallel-reader"/>',
        "  <body>",
    ]
    for n, bead in enumerate(beads, start=1):
        lines.append(f'    <tu tuid="{n}">')
        for lang, indices, paragraphs in (
            (left_lang, bead.left, left),
            (right_lang, bead.right, right),
        ):
            if not indices:
                continue
            text = escape(_clean(" ".join(paragraphs[i] for i in indices)))
            lines.append(f"      <tuv xml:lang={quoteattr(lang)}><seg>{text}</seg></tuv>")
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def _seg_text(seg: Element) -> str:
    parts: list[str] = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag not in _CODE_ELEMENTS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_tmx(data: bytes, name: str = "input") -> ParallelText:
    """Parse TMX bytes into a parallel text whose rows are the translation units."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    try:
        root = safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as exc:
        raise ReaderError(f"{name}: refused: the TMX file uses {_refusal(exc)}") from None
    except safe_tree.ParseError as exc:
        raise ReaderError(f"{name}: not a well-formed TMX file ({exc})") from None
    except (ValueError, UnicodeError) as exc:
        raise ReaderError(f"{name}: not a readable TMX file ({exc})") from None
    if root.tag != "tmx":
        raise ReaderError(f"{name}: not a TMX file (its root element is <{root.tag}>)")
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise ReaderError(f"{name}: not a TMX file (no <body>)")
    srclang = header.get("srclang", "") if header is not None else ""
    units: list[dict[str, str]] = []
    languages: list[str] = []
    for tu in body.iter("tu"):
        unit: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if not lang or seg is None:
                continue
            text = _WS.sub(" ", _seg_text(seg)).strip()
            if not text:
                continue
            if lang not in unit:
                unit[lang] = text
                if lang not in languages:
                    languages.append(lang)
        if unit:
            units.append(unit)
    if not units:
        raise ReaderError(f"{name}: the TMX file has no translation units with text")
    warnings: list[str] = []
    lowered = {lang.lower(): lang for lang in languages}
    left_lang = lowered.get(srclang.lower(), languages[0])
    others = [lang for lang in languages if lang != left_lang]
    right_lang = others[0] if others else left_lang
    if len(languages) > 2:
        warnings.append(
            f"{name}: has {len(languages)} languages ({', '.join(languages)}); "
            f"showing {left_lang} and {right_lang}"
        )
    if not others:
        warnings.append(f"{name}: has only one language ({left_lang})")
    left: list[str] = []
    right: list[str] = []
    beads: list[Bead] = []
    for unit in units:
        lt = unit.get(left_lang)
        rt = unit.get(right_lang) if others else None
        if lt is None and rt is None:
            continue
        bead_left: tuple[int, ...] = ()
        bead_right: tuple[int, ...] = ()
        if lt is not None:
            bead_left = (len(left),)
            left.append(lt)
        if rt is not None:
            bead_right = (len(right),)
            right.append(rt)
        beads.append(Bead(bead_left, bead_right, 1.0))
    title = Path(name).stem
    return ParallelText(
        left=Document(tuple(left), lang=_code(left_lang), title=title, path=Path(name)),
        right=Document(tuple(right), lang=_code(right_lang), title=title, path=Path(name)),
        beads=beads,
        title=title,
        warnings=warnings,
    )


def _code(lang: str) -> str:
    """``de-DE`` → ``de``; the document model keys languages by their primary subtag."""
    return lang.split("-")[0].split("_")[0].lower() or "und"


def _refusal(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind == "EntitiesForbidden":
        return "entity declarations (not expanded, for safety)"
    if kind == "ExternalReferenceForbidden":
        return "external references (not fetched, for safety)"
    if kind == "DTDForbidden":
        return "a document type definition"
    return "a construct that is not allowed"


def load_tmx(path: str | Path) -> ParallelText:
    """Read a TMX file into a :class:`ParallelText`; raises :class:`ReaderError`."""
    p = Path(path)
    if not p.exists():
        raise ReaderError(f"{p}: no such file")
    if p.is_dir():
        raise ReaderError(f"{p}: is a directory, not a TMX file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReaderError(f"{p}: is empty")
    return parse_tmx(data, str(p))
