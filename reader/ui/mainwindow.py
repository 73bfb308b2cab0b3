"""The main window: the reading view, menus from the action registry, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.document import Bead, LoadedPair, ParallelText, read_pair
from reader.core.errors import ReaderError
from reader.core.lang import language_name
from reader.core.offsets import u16_to_cp
from reader.core.paths import data_dir as default_data_dir
from reader.core.paths import seed_pair
from reader.ui.actions import ACTIONS, ActionSet
from reader.ui.model import BeadModel
from reader.ui.overview import OverviewStrip
from reader.ui.settings import Settings
from reader.ui.theme import THEMES, apply_theme
from reader.ui.view import NO_DOCUMENT, ReadingView

if TYPE_CHECKING:  # imported where used: start-up shows text before loading these
    from reader.core.alignjob import PairWorker
    from reader.ui.alignment import AlignmentEditor, SentenceMarker
    from reader.ui.annotations import AnnotationController, AnnotationPanel
    from reader.ui.entities import EntityController, FindingsList, LegendWidget
    from reader.ui.search import SearchBar, SearchController
    from reader.ui.tasks import AlignTask

# Pairs up to this many paragraphs a side are aligned on the spot (under ~0.3 s here; measured
# 0.55 s for 1,000 repetitive paragraphs); larger ones in the background.
SYNC_ALIGN_PARAGRAPHS = 400


class MainWindow(QMainWindow):
    """One parallel text at a time, read in a :class:`ReadingView`."""

    alignmentFinished = Signal()

    # built by ensure_ready(), after the first frame when start-up defers them
    search_bar: SearchBar
    search: SearchController
    sentences: SentenceMarker
    alignment: AlignmentEditor
    entities: EntityController
    legend: LegendWidget
    findings_list: FindingsList
    annotations: AnnotationController
    annotation_panel: AnnotationPanel

    def __init__(
        self,
        text: ParallelText | LoadedPair | None = None,
        data_dir: Path | None = None,
        *,
        defer_setup: bool = False,
        worker: PairWorker | None = None,
    ) -> None:
        """``defer_setup``: build only what the first frame needs (view, menus, status bar) and
        show ``text``'s rows; the rest (entities, annotations, search, alignment, docks) is set up
        right after that frame has been painted, or as soon as anything needs it. Start-up
        takes this path so that the reader sees text as early as possible.

        ``worker``: the process that read ``text`` (a :class:`LoadedPair`) at start-up; it aligns
        the pair too."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.settings = Settings(self.data_dir)
        self.model = BeadModel()
        self.view = ReadingView(self)
        self.view.setModel(self.model)
        # the right-hand view of unsynchronised mode: same model, decorators and gutter marks
        self.view2 = ReadingView(self)
        self.view2.setObjectName("readingViewRight")
        self.view2.setAccessibleName("Reading view, right text")
        self.view2.setModel(self.model)
        self.view2.decorators = self.view.decorators
        self.view2.gutter_providers = self.view.gutter_providers
        self.view2.hide()
        central = QWidget(self)
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.overview = OverviewStrip(self.view, central)
        self.view.overview = self.overview  # type: ignore[attr-defined]
        reading_row = QHBoxLayout()
        reading_row.setContentsMargins(0, 0, 0, 0)
        reading_row.setSpacing(0)
        reading_row.addWidget(self.view, 1)
        reading_row.addWidget(self.view2, 1)
        reading_row.addWidget(self.overview)
        self._column.addLayout(reading_row, 1)
        self.setCentralWidget(central)
        self.text: ParallelText | None = None
        self.notices: list[str] = []  # every non-blocking message shown (tests read it)
        self.provisional = False  # rows paired in order while the aligner runs
        self._align_task: AlignTask | None = None
        self._align_dialog: QProgressDialog | None = None
        self._undo_kinds: list[str] = []
        self._redo_kinds: list[str] = []
        self._ready = False  # the second part of the set-up (see ensure_ready) has run
        self._pending: ParallelText | LoadedPair | None = None
        self._first: ParallelText | None = None
        self._worker = worker

        self.pair_label = QLabel()
        self.pair_label.setObjectName("pairLabel")
        self.lang_label = QLabel()
        self.lang_label.setObjectName("langLabel")
        self.statusBar().addWidget(self.pair_label)
        self.statusBar().addPermanentWidget(self.lang_label)

        # every handler finishes the set-up first, so an early keypress is never lost
        handlers = {key: self._when_ready(fn) for key, fn in self._handlers().items()}
        self.action_set = ActionSet(self, self.view, handlers)
        self.action_set.populate(self.menuBar())
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setObjectName("menu_recent")
        file_menu = self.action_set.menus["File"]
        file_menu.insertMenu(self.action_set["open_seed"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for view in (self.view, self.view2):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
        self.view.currentChanged.connect(self._on_current_changed)
        self.view2.currentChanged.connect(self._on_current_changed)
        for spec in ACTIONS:
            if spec.view_only:
                self.view2.addAction(self.action_set[spec.id])

        self._restore_view_options()
        self.view.set_zoom(int(self.settings.get("view/zoom")))
        geometry = self.settings.get("window/geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1180, 800)
        self._worker_timer: QTimer | None = None
        if defer_setup:
            self._pending = text
            if text is not None:
                self._show_first(text)
            if text is None and worker is not None:
                # the worker is still splitting a large pair: the window shows at once and
                # takes the pair when it arrives
                self.view.placeholder = "Opening…"
                self._worker_timer = QTimer(self)
                self._worker_timer.setInterval(15)
                self._worker_timer.timeout.connect(self._poll_worker)
                self._worker_timer.start()
            else:
                self.view.call_after_paint(self.ensure_ready)
        else:
            self.ensure_ready()
            if isinstance(text, LoadedPair):
                self.open_loaded(text, worker=self._take_worker())
            elif text is not None:
                self.set_text(text)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_first(self, text: ParallelText | LoadedPair) -> None:
        """The rows of ``text`` for the first frame: in order for a pair still to be aligned,
        at the reader's last position; nothing else is set up yet."""
        if isinstance(text, LoadedPair):
            first = text.aligned() if text.size <= SYNC_ALIGN_PARAGRAPHS else text.in_order()
        else:
            first = text
        self._first = first
        self.model.set_text(first)
        self.setWindowTitle(f"{APP_NAME} — {first.title}")
        self.view.set_current(self._last_position(first), notify=False)
        self._on_current_changed(self.view.current)

    def ensure_ready(self) -> None:
        """Finish setting up the window (a no-op once done): entity highlighting, annotations,
        search, alignment corrections, the docks; then open the text given to the window."""
        if self._ready:
            return
        self._ready = True
        from reader.ui.alignment import AlignmentEditor, SentenceMarker
        from reader.ui.annotations import AnnotationController, AnnotationPanel
        from reader.ui.entities import EntityController, FindingsList, LegendWidget
        from reader.ui.search import SearchBar, SearchController

        self.search_bar = SearchBar(self)
        self.search_bar.hide()
        self._column.addWidget(self.search_bar)
        self.results_list = QListView(self)
        self.results_list.setObjectName("searchResults")
        self.results_list.setAccessibleName("Search results")
        self.results_list.setUniformItemSizes(True)
        self.results_dock = QDockWidget("Search results", self)
        self.results_dock.setObjectName("searchResultsDock")
        self.results_dock.setWidget(self.results_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.results_dock)
        self.results_dock.hide()
        self.search = SearchController(self, self.search_bar, self.results_list)
        self.sentences = SentenceMarker(self)
        self.alignment = AlignmentEditor(self)
        self.entities = EntityController(self)
        self.legend = LegendWidget(self.entities, self)
        self.legend_dock = self._dock("Entities", "entityLegendDock", self.legend, right=True)
        self.findings_list = FindingsList(self.entities, self)
        self.findings_dock = self._dock("Check findings", "findingsDock", self.findings_list)
        self.annotations = AnnotationController(self)
        self.annotation_panel = AnnotationPanel(self.annotations, self)
        self.annotation_dock = self._dock(
            "Annotations", "annotationDock", self.annotation_panel, right=True
        )
        # paint order: sentence marks under entities under annotations under search hits
        self.view.decorators[:] = [
            self.sentences.decorate,
            self.entities.decorate,
            self.annotations.decorate,
            self.search.decorate,
        ]
        self.overview.providers.append(self.annotations.overview_marks)
        self.overview.providers.append(self.entities.overview_marks)
        self.overview.providers.append(self.search.overview_marks)
        self.overview.providers.append(self._bead_marks)
        self.results_dock.visibilityChanged.connect(self.action_set["search_results"].setChecked)
        self.legend_dock.visibilityChanged.connect(self.action_set["entity_legend"].setChecked)
        self.annotation_dock.visibilityChanged.connect(
            self.action_set["annotation_panel"].setChecked
        )
        self.annotations.changed.connect(self.overview.marks_changed)
        self.update_undo_actions()
        self.findings_dock.visibilityChanged.connect(self.action_set["findings"].setChecked)
        self.legend.changed.connect(self._on_legend_changed)
        self.entities.findingsChanged.connect(self.overview.marks_changed)
        self.entities.enabled = bool(self.settings.get("entities/enabled"))
        self.entities.hidden = set(self.settings.get("entities/hidden"))
        self.legend.sync()
        self.action_set["highlight_entities"].setChecked(self.entities.enabled)
        self.restoreState(self.settings.get("window/state"))
        pending, self._pending = self._pending, None
        first, self._first = self._first, None
        if isinstance(pending, LoadedPair):
            self.open_loaded(pending, first=first, worker=self._take_worker())
        elif pending is not None:
            self.set_text(pending)
        else:
            self.refresh_views()
        self.overview.marks_changed()

    def _poll_worker(self) -> None:
        worker = self._worker
        if worker is None or self._worker_timer is None:
            return
        try:
            loaded = worker.poll_result()
        except ReaderError as exc:
            self._worker_timer.stop()
            self._worker = None
            self.view.placeholder = NO_DOCUMENT
            self.ensure_ready()
            self.show_error("Cannot open the pair", str(exc))
            return
        if loaded is None:
            return
        self._worker_timer.stop()
        self.view.placeholder = NO_DOCUMENT
        if self._ready:  # an action finished the set-up meanwhile
            self.open_loaded(loaded, worker=self._take_worker())
            return
        self._pending = loaded
        self._show_first(loaded)
        self.view.call_after_paint(self.ensure_ready)

    def _last_position(self, text: ParallelText) -> int:
        """The row where the reader left ``text`` last time (within its rows)."""
        return min(self.settings.position(text.id), max(0, len(text.beads) - 1))

    def _take_worker(self) -> PairWorker | None:
        worker, self._worker = self._worker, None
        return worker

    def _when_ready(self, handler: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            self.ensure_ready()
            return handler()

        return run

    # --- documents ----------------------------------------------------------------------------
    def set_text(self, text: ParallelText, provisional: bool = False) -> None:
        """Show ``text`` and go to the pair where the reader left it last time."""
        self.ensure_ready()
        if self.text is not None and not self.provisional:
            self.settings.set_position(self.text.id, self.view.current)
        self.provisional = provisional
        self.text = text
        if self.model.text is not text:  # (the first frame may show it already)
            self.model.set_text(text)
        self.search.restart()
        self.entities.reset()
        self.sentences.reset()
        if self.annotations.store is None or self.annotations.store.text is not text:
            self.annotations.open()
        self._undo_kinds.clear()
        self._redo_kinds.clear()
        pins = self._stored_pins()
        self.alignment.reset(pins)
        if pins and not provisional:
            from reader.core.corrections import realign

            self.replace_beads(realign(text.left, text.right, pins), self.view.current)
        self.setWindowTitle(f"{APP_NAME} — {text.title}")
        self.lang_label.setText(
            f"{language_name(text.left.lang)} – {language_name(text.right.lang)}"
        )
        self.view.set_current(self._last_position(text))
        self._on_current_changed(self.view.current)
        for warning in text.warnings:
            self.statusBar().showMessage(warning, 10000)
        if text.left.path is not None and text.right.path is not None:
            self.settings.add_recent(str(text.left.path), str(text.right.path))

    def open_files(
        self,
        left: str,
        right: str,
        split: str = "auto",
        left_lang: str | None = None,
        right_lang: str | None = None,
    ) -> bool:
        """Load and show a pair; on bad input show a dialog and keep the current document."""
        try:
            loaded = read_pair(left, right, split=split, left_lang=left_lang, right_lang=right_lang)
        except ReaderError as exc:
            self.show_error("Cannot open the pair", str(exc))
            return False
        self.open_loaded(loaded)
        return True

    def open_loaded(
        self,
        loaded: LoadedPair,
        first: ParallelText | None = None,
        worker: PairWorker | None = None,
    ) -> None:
        """Align and show ``loaded``. Large pairs are aligned off the GUI thread: meanwhile the
        paragraphs are shown paired in order and a cancellable progress dialog is open.
        ``first``: the rows already shown for ``loaded`` (see ``defer_setup``); ``worker``: the
        process that read it, which then aligns it."""
        from reader.ui.tasks import AlignTask

        self.ensure_ready()
        self._cancel_alignment()
        if loaded.size <= SYNC_ALIGN_PARAGRAPHS:
            if worker is not None:
                worker.close()
            self.set_text(first or loaded.aligned())
            return
        self.set_text(first or loaded.in_order(), provisional=True)
        task = AlignTask(loaded, self, pins=self._stored_pins(), worker=worker)
        dialog = QProgressDialog(
            f"Aligning {len(loaded.left):,} × {len(loaded.right):,} paragraphs…",
            "Cancel",
            0,
            1000,
            self,
        )
        dialog.setObjectName("alignProgress")
        dialog.setWindowTitle("Aligning")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # shown by us after 0.3 s, never by Qt itself: a dialog flashing up and hiding again would
        # take the keyboard from the reading view
        dialog.setMinimumDuration(2**30)
        dialog.hide()
        QTimer.singleShot(300, lambda: self._show_align_dialog(task))
        task.progressed.connect(lambda f: dialog.setValue(int(f * 1000)))
        task.succeeded.connect(lambda beads: self._alignment_done(task, beads))
        task.failed.connect(lambda msg: self._alignment_failed(task, msg))
        dialog.canceled.connect(self._cancel_alignment)
        self._align_task = task
        self._align_dialog = dialog
        self.statusBar().showMessage("Aligning… (paragraphs are shown in order until it is done)")
        task.start()

    def _show_align_dialog(self, task: AlignTask) -> None:
        if task is self._align_task and self._align_dialog is not None:
            self._align_dialog.show()

    def _alignment_done(self, task: AlignTask, beads: list[Bead]) -> None:
        if task is not self._align_task or self.text is None:
            return
        left_para = self._first_left_paragraph(self.view.current)
        self._close_align_dialog()
        self.provisional = False
        self.replace_beads(beads, self.view.current)
        if left_para is not None:
            self.view.set_current(self.text.bead_of_paragraph[0].get(left_para, 0))
        else:
            self.view.set_current(self._last_position(self.text))
        self.statusBar().showMessage(f"Aligned: {len(beads):,} rows", 4000)
        self.alignmentFinished.emit()

    def _alignment_failed(self, task: AlignTask, message: str) -> None:
        if task is not self._align_task:
            return
        self._close_align_dialog()
        self.show_error("Alignment failed", message + " — paragraphs stay paired in order.")

    def _cancel_alignment(self) -> None:
        if self._align_task is None:
            return
        self._align_task.cancel()
        self._close_align_dialog()
        self.statusBar().showMessage("Alignment cancelled: paragraphs are paired in order.", 8000)

    def _close_align_dialog(self) -> None:
        self._align_task = None
        if self._align_dialog is not None:
            dialog = self._align_dialog
            self._align_dialog = None
            was_shown = dialog.isVisible()
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()
            if was_shown:  # give the keyboard back to the reading view
                self.activateWindow()
                self.nav_view().setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_left_paragraph(self, row: int) -> int | None:
        if self.text is None or not self.text.beads:
            return None
        bead = self.text.beads[min(row, len(self.text.beads) - 1)]
        return bead.left[0] if bead.left else None

    def run_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog, then give the keyboard back to the reading view."""
        result = dialog.exec()
        self.activateWindow()
        self.nav_view().setFocus(Qt.FocusReason.OtherFocusReason)
        return int(result)

    def show_notice(self, title: str, message: str) -> QMessageBox:
        """A message that does not block: shown window-modal once the window is up."""
        box = QMessageBox(
            QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("noticeDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        QTimer.singleShot(0, box.open)
        self.notices.append(message)
        return box

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.run_dialog(box)

    # --- actions ------------------------------------------------------------------------------
    def _handlers(self) -> dict[str, Callable[[], object]]:
        def nav(method: str, *args: object) -> Callable[[], object]:
            def run() -> object:
                view = self.nav_view()
                if method == "step":
                    view.set_current(view.current + int(args[0]))  # type: ignore[call-overload]
                elif method == "first":
                    view.set_current(0)
                elif method == "last":
                    view.set_current(view.row_count() - 1)
                else:
                    getattr(view, method)()
                return None

            return run

        return {
            "open": self.open_dialog,
            "open_seed": lambda: self.open_files(*map(str, seed_pair())),
            "quit": self.close,
            "next_pair": nav("step", 1),
            "prev_pair": nav("step", -1),
            "page_down": nav("page_down"),
            "page_up": nav("page_up"),
            "first_pair": nav("first"),
            "last_pair": nav("last"),
            "sync_scroll": lambda: self.set_synchronised(
                self.action_set["sync_scroll"].isChecked()
            ),
            "next_heading": lambda: self.jump_heading(+1),
            "prev_heading": lambda: self.jump_heading(-1),
            "goto_pair": self.goto_dialog,
            "zoom_in": lambda: self.zoom(+1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(None),
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
            "copy": self.copy_selection,
            "copy_pair": self.copy_pair,
            "find": self.show_search,
            "find_next": lambda: self.search.step(+1),
            "find_prev": lambda: self.search.step(-1),
            "swap_columns": lambda: self.set_swapped(self.action_set["swap_columns"].isChecked()),
            "show_both": lambda: self.set_sides("both"),
            "show_left": lambda: self.set_sides("left"),
            "show_right": lambda: self.set_sides("right"),
            "theme_system": lambda: self.set_theme("system"),
            "theme_light": lambda: self.set_theme("light"),
            "theme_dark": lambda: self.set_theme("dark"),
            "font": self.choose_font,
            "spacing_more": lambda: self.change_spacing(+10),
            "spacing_less": lambda: self.change_spacing(-10),
            "highlight_entities": lambda: self.set_entities_enabled(
                self.action_set["highlight_entities"].isChecked()
            ),
            "entity_legend": lambda: self.legend_dock.setVisible(
                self.action_set["entity_legend"].isChecked()
            ),
            "findings": lambda: self.findings_dock.setVisible(
                self.action_set["findings"].isChecked()
            ),
            "next_finding": lambda: self.entities.jump_finding(+1),
            "prev_finding": lambda: self.entities.jump_finding(-1),
            "mark_entity": self.mark_entity,
            "highlight": lambda: self.annotations.highlight(),
            "note": lambda: self.annotations.note(),
            "edit_annotation": lambda: self.annotations.edit(),
            "delete_annotation": lambda: self.annotations.delete(),
            "next_annotation": lambda: self.annotations.jump(+1),
            "prev_annotation": lambda: self.annotations.jump(-1),
            "undo": self.undo,
            "redo": self.redo,
            "merge_rows": lambda: self.alignment.merge(),
            "split_row": lambda: self.alignment.split(),
            "left_first_up": lambda: self.alignment.move_first_up("left"),
            "left_last_down": lambda: self.alignment.move_last_down("left"),
            "right_first_up": lambda: self.alignment.move_first_up("right"),
            "right_last_down": lambda: self.alignment.move_last_down("right"),
            "confirm_row": lambda: self.alignment.toggle_confirmed(),
            "open_tmx": self.open_tmx_dialog,
            "annotation_panel": lambda: self.annotation_dock.setVisible(
                self.action_set["annotation_panel"].isChecked()
            ),
            "export": lambda: self.export_dialog(pair=None),
            "export_pair": lambda: self.export_dialog(pair=self.nav_view().current + 1),
            "import": self.import_dialog,
            "glossary": self.edit_glossary,
            "search_results": lambda: self.results_dock.setVisible(
                self.action_set["search_results"].isChecked()
            ),
        }

    # --- beads, corrections and one undo history --------------------------------------------
    def _stored_pins(self) -> list[Bead]:
        """The reader's alignment corrections for the open text, as far as they still fit."""
        from reader.core import corrections as corr

        store = self.annotations.store
        if store is None or self.text is None:
            return []
        try:
            pins = corr.pins_from_json(store.alignment)
        except ReaderError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return []
        usable, warnings = corr.usable_pins(pins, len(self.text.left), len(self.text.right))
        for warning in warnings:
            self.statusBar().showMessage(warning, 8000)
        return usable

    def replace_beads(self, beads: list[Bead], row: int) -> None:
        """Show new beads for the open text (alignment done, a correction, an undo)."""
        self.model.set_beads(beads)
        self.entities.reset()
        self.sentences.reset()
        self.annotations.beads_changed()
        self.search.restart()
        for view in (self.view, self.view2):
            view.set_current(min(row, len(beads) - 1), notify=False)
        self._on_current_changed(self.view.current)
        self.overview.marks_changed()

    def record_undo(self, kind: str) -> None:
        """A new user change of ``kind`` ("annotation" or "correction") can be undone."""
        self._undo_kinds.append(kind)
        self._redo_kinds.clear()
        self.update_undo_actions()

    def undo(self) -> None:
        if not self._undo_kinds:
            return
        kind = self._undo_kinds.pop()
        if kind == "annotation":
            self.annotations.undo()
        else:
            self.alignment.undo()
        self._redo_kinds.append(kind)
        self.update_undo_actions()

    def redo(self) -> None:
        if not self._redo_kinds:
            return
        kind = self._redo_kinds.pop()
        if kind == "annotation":
            self.annotations.redo()
        else:
            self.alignment.redo()
        self._undo_kinds.append(kind)
        self.update_undo_actions()

    def update_undo_actions(self) -> None:
        store = self.annotations.store
        undo, redo = self.action_set["undo"], self.action_set["redo"]
        undo.setEnabled(bool(self._undo_kinds))
        redo.setEnabled(bool(self._redo_kinds))
        names = {"correction": "alignment correction", "annotation": "annotation change"}
        if self._undo_kinds:
            kind = self._undo_kinds[-1]
            label = store.undo_label if kind == "annotation" and store is not None else names[kind]
            undo.setText(f"&Undo {label.lower()}")
        else:
            undo.setText("&Undo")
        if self._redo_kinds:
            kind = self._redo_kinds[-1]
            label = store.redo_label if kind == "annotation" and store is not None else names[kind]
            redo.setText(f"&Redo {label.lower()}")
        else:
            redo.setText("&Redo")

    # --- annotations: context menu, export and import -----------------------------------------

    def _context_menu(self, view: ReadingView, pos: QPoint) -> None:
        self.ensure_ready()
        row, side, para, offset = view.hit_test(pos.x(), pos.y())
        if side is not None and para >= 0 and view.selection is None:
            cp = u16_to_cp(view._paragraph_text(side, para), offset)
            self.annotations.on_click(row, side, para, cp)
        menu = QMenu(self)
        for action_id in ("highlight", "note", "edit_annotation", "delete_annotation"):
            menu.addAction(self.action_set[action_id])
        menu.addSeparator()
        for action_id in ("copy", "copy_pair", "mark_entity"):
            menu.addAction(self.action_set[action_id])
        menu.exec(view.viewport().mapToGlobal(pos))

    def export_dialog(self, pair: int | None) -> None:
        from reader.core.export import FORMATS, write_export

        if self.text is None or self.annotations.store is None:
            return
        annotations = self.annotations.store.all()
        if pair is not None:
            annotations = [
                a
                for a in annotations
                if (p := self.annotations.store.position_of(a)) and p[0] + 1 == pair
            ]
        scope = f"pair {pair}" if pair is not None else "this document"
        if not annotations:
            QMessageBox.information(
                self, "Export annotations", f"There are no annotations in {scope} to export."
            )
            return
        filters = [spec.label for spec in FORMATS.values()]
        start = str(
            Path.home() / f"{self.text.left.title or 'annotations'}.{FORMATS['md'].extension}"
        )
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export annotations", start, ";;".join(filters)
        )
        if not path:
            return
        fmt = next((k for k, spec in FORMATS.items() if spec.label == chosen), None)
        if fmt is None:
            suffix = Path(path).suffix.lstrip(".").lower()
            fmt = next((k for k, spec in FORMATS.items() if spec.extension == suffix), "md")
        try:
            count = write_export(path, self.text, annotations, fmt, pair=pair)
        except ReaderError as exc:
            self.show_error("Export failed", str(exc))
            return
        QMessageBox.information(
            self,
            "Export annotations",
            f"Exported {count} annotation{'s' if count != 1 else ''} to {path}",
        )

    def open_tmx_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open translation memory", str(Path.home()), "TMX files (*.tmx);;All files (*)"
        )
        if path:
            self.open_tmx(path)

    def open_tmx(self, path: str) -> bool:
        from reader.core.tmx import load_tmx

        try:
            text = load_tmx(path)
        except ReaderError as exc:
            self.show_error("Cannot open the translation memory", str(exc))
            return False
        self._cancel_alignment()
        self.set_text(text)
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import annotations",
            str(Path.home()),
            "W3C Web Annotation JSON (*.json *.jsonld);;All files (*)",
        )
        if not path:
            return
        try:
            message = self.annotations.import_file(path)
        except ReaderError as exc:
            self.show_error("Import failed", str(exc))
            return
        QMessageBox.information(self, "Import annotations", message.capitalize())

    def _dock(self, title: str, name: str, widget: QWidget, right: bool = False) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        area = (
            Qt.DockWidgetArea.RightDockWidgetArea
            if right
            else Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(area, dock)
        dock.hide()
        return dock

    def _on_legend_changed(self) -> None:
        self.settings.set("entities/enabled", self.entities.enabled)
        self.settings.set("entities/hidden", sorted(self.entities.hidden))
        self.action_set["highlight_entities"].setChecked(self.entities.enabled)
        self.refresh_views()

    def set_entities_enabled(self, enabled: bool) -> None:
        self.entities.enabled = enabled
        self.legend.sync()
        self._on_legend_changed()

    def mark_entity(self) -> None:
        sel = self.view.selection or self.view2.selection
        if sel is None or self.text is None:
            self.statusBar().showMessage("Select the text to mark first", 2500)
            return
        extra = self.view.extra_selection or (
            self.view2.selection
            if self.view2.isVisible() and sel is not self.view2.selection
            else None
        )
        doc = self.text.left if sel.side == "left" else self.text.right
        other = self.text.right if sel.side == "left" else self.text.left
        counterpart = extra.quote if extra is not None and extra.side != sel.side else ""
        from reader.ui.entities import MarkEntityDialog

        dialog = MarkEntityDialog(self, sel.quote, doc.lang, counterpart, other.lang)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        entry = dialog.entry()
        if not entry.text:
            return
        self.entities.glossary.add(entry)
        self._save_glossary()

    def edit_glossary(self) -> None:
        from reader.ui.entities import GlossaryDialog

        dialog = GlossaryDialog(self, self.entities.glossary)
        self.run_dialog(dialog)
        if dialog.changed:
            self._save_glossary()

    def _save_glossary(self) -> None:
        try:
            self.entities.glossary.save(self.data_dir)
        except ReaderError as exc:
            self.show_error("Cannot save the glossary", str(exc))
        self.entities.reset()

    def _bead_marks(self) -> list[tuple[int, QColor, str]]:
        """Overview marks for rows that are not 1-1 (insertions, merges, splits)."""
        if self.text is None:
            return []
        beads = self.text.beads
        cached = getattr(self, "_bead_marks_cache", None)
        if cached is None or cached[0] is not beads:  # new text or new beads: scan once
            colour = QColor("#8e7cc3")
            marks = [
                (n, colour, "bead")
                for n, b in enumerate(beads)
                if len(b.left) != 1 or len(b.right) != 1
            ]
            cached = self._bead_marks_cache = (beads, marks)
        return cached[1]

    # --- view options -------------------------------------------------------------------------
    def _restore_view_options(self) -> None:
        self._restore_font()
        swapped = bool(self.settings.get("view/swap_columns"))
        self.action_set["swap_columns"].setChecked(swapped)
        self.view.set_swapped(swapped)
        sides = str(self.settings.get("view/sides"))
        sides = sides if sides in ("both", "left", "right") else "both"
        self.action_set[f"show_{sides}"].setChecked(True)
        self.view.set_shown_sides(("left", "right") if sides == "both" else (sides,))
        if not bool(self.settings.get("view/sync_scroll")):
            self.set_synchronised(False)
        else:
            self.action_set["sync_scroll"].setChecked(True)
        theme = str(self.settings.get("view/theme"))
        theme = theme if theme in THEMES else "system"
        self.action_set[f"theme_{theme}"].setChecked(True)
        if theme != "system":
            self.set_theme(theme)

    def nav_view(self) -> ReadingView:
        """The view keyboard navigation acts on: the focused one in unsynchronised mode."""
        return self.view2 if self.view2.isVisible() and self.view2.hasFocus() else self.view

    def views(self) -> list[ReadingView]:
        return [self.view, self.view2] if self.view2.isVisible() else [self.view]

    def set_synchronised(self, synchronised: bool) -> None:
        """Synchronised: one view, both columns move as one. Off: each text in its own view,
        scrolling alone; the current pair is still highlighted in both."""
        self.settings.set("view/sync_scroll", synchronised)
        self.action_set["sync_scroll"].setChecked(synchronised)
        for spec_id in ("show_both", "show_left", "show_right", "swap_columns"):
            self.action_set[spec_id].setEnabled(synchronised)
        if synchronised:
            self.view2.hide()
            self._apply_sides()
        else:
            left, right = ("right", "left") if self.view.swapped else ("left", "right")
            self.view.set_shown_sides((left,))
            self.view2.set_shown_sides((right,))
            self.view2.set_zoom(self.view.zoom)
            self.view2.show()
            self.view2.set_current(self.view.current)
        self.refresh_views()

    def refresh_views(self) -> None:
        for view in (self.view, self.view2):
            view.refresh()

    def _apply_sides(self) -> None:
        sides = str(self.settings.get("view/sides"))
        self.view.set_shown_sides(("left", "right") if sides == "both" else (sides,))

    def set_swapped(self, swapped: bool) -> None:
        self.view.set_swapped(swapped)
        self.settings.set("view/swap_columns", swapped)

    def set_sides(self, sides: str) -> None:
        self.view.set_shown_sides(("left", "right") if sides == "both" else (sides,))
        self.settings.set("view/sides", sides)
        self.action_set[f"show_{sides}"].setChecked(True)

    def set_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.settings.set("view/theme", theme)
        self.action_set[f"theme_{theme}"].setChecked(True)
        self.refresh_views()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.base_font(), self, "Reading font")
        if ok:
            self.settings.set("view/font_family", font.family())
            self.settings.set("view/font_size", font.pointSizeF())
            self.settings.set("view/zoom", 0)
            self.zoom(None)
            self._restore_font()

    def change_spacing(self, delta: int) -> None:
        spacing = max(80, min(250, int(self.settings.get("view/line_spacing")) + delta))
        self.settings.set("view/line_spacing", spacing)
        self._restore_font()
        self.statusBar().showMessage(f"Line spacing {spacing} %", 1500)

    def _restore_font(self) -> None:
        for view in (self.view, self.view2):
            view.set_font_options(
                str(self.settings.get("view/font_family")),
                float(self.settings.get("view/font_size")),
                int(self.settings.get("view/line_spacing")),
            )

    # --- search and copy ----------------------------------------------------------------------
    def show_search(self) -> None:
        self.search_bar.show()
        self.search_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.edit.selectAll()

    def copy_selection(self) -> None:
        sel = self.view.selection
        if sel is None:
            self.statusBar().showMessage("Nothing selected", 1500)
            return
        parts = [sel.quote]
        if self.view.extra_selection is not None:
            parts.append(self.view.extra_selection.quote)
        copy_text("\n".join(parts))

    def copy_pair(self) -> None:
        if self.text is None or not self.text.beads:
            return
        row = self.view.current
        left = " ".join(self.text.bead_text(row, "left"))
        right = " ".join(self.text.bead_text(row, "right"))
        copy_text(f"{left}\t{right}")
        self.statusBar().showMessage(f"Copied pair {row + 1}", 1500)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = [e.split("\t") for e in self.settings.get("recent/files") if "\t" in e]
        if not entries:
            none = self.recent_menu.addAction("No recent documents")
            none.setEnabled(False)
            return
        for n, (left, right) in enumerate(entries, 1):
            label = f"&{n % 10} {Path(left).name}  ⇄  {Path(right).name}"
            action = self.recent_menu.addAction(label)
            action.setToolTip(f"{left}\n{right}")
            action.triggered.connect(lambda _c=False, a=left, b=right: self.open_files(a, b))

    def open_dialog(self, left: str | None = None) -> None:
        """Ask for a pair of files (``left`` pre-filled, e.g. one file given on the command line)."""
        start = str(self.text.left.path.parent) if self.text and self.text.left.path else ""
        from reader.ui.dialogs import OpenPairDialog

        dialog = OpenPairDialog(self, str(Path(left).parent) if left else start)
        if left:
            dialog.left_edit.setText(left)
            dialog.right_edit.setFocus()
        if self.run_dialog(dialog) == OpenPairDialog.DialogCode.Accepted:
            self.open_files(*dialog.values())

    def goto_dialog(self) -> None:
        n = self.view.row_count()
        if not n:
            return
        number, ok = QInputDialog.getInt(
            self, "Go to pair", f"Pair number (1–{n}):", self.view.current + 1, 1, n
        )
        if ok:
            self.view.set_current(number - 1)

    def jump_heading(self, direction: int) -> None:
        n = self.view.row_count()
        row = self.view.current + direction
        while 0 <= row < n:
            if self._row_has_heading(row):
                self.view.set_current(row)
                return
            row += direction
        self.statusBar().showMessage("No further heading", 2000)

    def _row_has_heading(self, row: int) -> bool:
        text = self.text
        if text is None:
            return False
        bead = text.beads[row]
        return any(i in text.left.headings for i in bead.left) or any(
            j in text.right.headings for j in bead.right
        )

    def zoom(self, step: int | None) -> None:
        self.view.set_zoom(0 if step is None else self.view.zoom + step)
        self.view2.set_zoom(self.view.zoom)
        self.settings.set("view/zoom", self.view.zoom)
        self.statusBar().showMessage(f"Zoom {100 + 10 * self.view.zoom} %", 1500)

    def show_shortcuts(self) -> None:
        from reader.ui.dialogs import ShortcutsDialog

        self.run_dialog(ShortcutsDialog(self))

    def show_about(self) -> None:
        from reader.ui.about import AboutDialog

        self.run_dialog(AboutDialog(self, self.data_dir, self.show_shortcuts))

    def _on_current_changed(self, row: int) -> None:
        # keep the other view's highlight on the same pair (without scrolling it)
        for view in (self.view, self.view2):
            if view.current != row:
                view.set_current(row, scroll=False, notify=False)
        n = self.view.row_count()
        self.pair_label.setText(f"Pair {row + 1} of {n}" if n else "No pairs")
        if self.text is not None and not self.provisional:
            self.settings.set_position(self.text.id, row)

    # --- closing ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if self._ready and event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.annotations.refresh_from_disk()  # another window may have saved meanwhile
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._worker_timer is not None:
            self._worker_timer.stop()
        worker = self._take_worker()
        if worker is not None:
            worker.close()
        if self._ready:
            self.annotations.close()
            self._cancel_alignment()
            self.entities.shutdown()
        if self.text is not None and not self.provisional:
            self.settings.set_position(self.text.id, self.view.current)
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
