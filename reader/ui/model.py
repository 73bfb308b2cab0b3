"""The item model of the reading view: one row per bead of a :class:`ParallelText`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.document import Bead, ParallelText
from reader.core.lang import language_name

Index = QModelIndex | QPersistentModelIndex


class BeadModel(QAbstractListModel):
    """Rows are beads. Custom roles give each side's paragraphs and indices."""

    LeftTextsRole = Qt.ItemDataRole.UserRole + 1
    RightTextsRole = Qt.ItemDataRole.UserRole + 2
    LeftIndicesRole = Qt.ItemDataRole.UserRole + 3
    RightIndicesRole = Qt.ItemDataRole.UserRole + 4
    HeadingRole = Qt.ItemDataRole.UserRole + 5
    KindRole = Qt.ItemDataRole.UserRole + 6
    ScoreRole = Qt.ItemDataRole.UserRole + 7

    def __init__(self, text: ParallelText | None = None) -> None:
        super().__init__()
        self._text: ParallelText | None = text

    @property
    def text(self) -> ParallelText | None:
        return self._text

    def set_text(self, text: ParallelText | None) -> None:
        self.beginResetModel()
        self._text = text
        self.endResetModel()

    def set_beads(self, beads: list[Bead]) -> None:
        if self._text is None:
            return
        self.beginResetModel()
        self._text.beads = beads
        self._text.__dict__.pop("bead_of_paragraph", None)
        self.endResetModel()

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._text is None:
            return 0
        return len(self._text.beads)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        text = self._text
        if text is None or not index.isValid() or not 0 <= index.row() < len(text.beads):
            return None
        bead = text.beads[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            left = " ".join(text.left.paragraphs[i] for i in bead.left)
            right = " ".join(text.right.paragraphs[j] for j in bead.right)
            return f"{left}\t{right}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            left = " ".join(text.left.paragraphs[i] for i in bead.left) or "(nothing)"
            right = " ".join(text.right.paragraphs[j] for j in bead.right) or "(nothing)"
            return (
                f"Pair {index.row() + 1}. {language_name(text.left.lang)}: {left} "
                f"{language_name(text.right.lang)}: {right}"
            )
        if role == self.LeftTextsRole:
            return [text.left.paragraphs[i] for i in bead.left]
        if role == self.RightTextsRole:
            return [text.right.paragraphs[j] for j in bead.right]
        if role == self.LeftIndicesRole:
            return list(bead.left)
        if role == self.RightIndicesRole:
            return list(bead.right)
        if role == self.HeadingRole:
            return self.is_heading_row(index.row())
        if role == self.KindRole:
            return bead.kind
        if role == self.ScoreRole:
            return bead.score
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self._text is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._text.beads) else None
        return None

    # --- helpers for the view -----------------------------------------------------------------
    def is_heading_row(self, row: int) -> bool:
        text = self._text
        if text is None:
            return False
        bead = text.beads[row]
        flags = [i in text.left.headings for i in bead.left] + [
            j in text.right.headings for j in bead.right
        ]
        return bool(flags) and all(flags)
