"""The one registry of actions and their shortcuts.

The menus, the keyboard-shortcuts dialog and the tests all read :data:`ACTIONS`. An action is bound
to a handler by id in :class:`ActionSet`; one that is ``view_only`` is active only while the reading
view has focus, so single-letter keys such as ``j`` never fire while typing in a field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    view_only: bool = False
    checkable: bool = False
    separator_before: bool = False
    group: str = ""  # actions sharing a group are mutually exclusive (radio items)


MENUS = ("File", "Edit", "Navigate", "View", "Help")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open pair…", "File", ("Ctrl+O",), "Open two text files side by side"),
    ActionSpec("open_seed", "Open the &sample pair", "File", (), "Open the bundled seed pair"),
    ActionSpec("quit", "&Quit", "File", ("Ctrl+Q",), "Close the window", separator_before=True),
    ActionSpec("copy", "&Copy", "Edit", ("Ctrl+C",), "Copy the selected text"),
    ActionSpec(
        "copy_pair",
        "Copy &pair",
        "Edit",
        ("Ctrl+Shift+C",),
        "Copy the current pair as 'left TAB right'",
    ),
    ActionSpec("find", "&Find…", "Edit", ("Ctrl+F",), "Search both texts", separator_before=True),
    ActionSpec("find_next", "Find &next", "Edit", ("F3",), "Go to the next match"),
    ActionSpec("find_prev", "Find pre&vious", "Edit", ("Shift+F3",), "Go to the previous match"),
    ActionSpec(
        "mark_entity",
        "&Mark as entity…",
        "Edit",
        ("Ctrl+M",),
        "Add the selected text (and a counterpart) to the glossary",
        separator_before=True,
    ),
    ActionSpec("glossary", "&Glossary…", "Edit", (), "See and remove glossary entries"),
    ActionSpec("next_pair", "&Next pair", "Navigate", ("Down", "J"), "Go to the next pair", True),
    ActionSpec(
        "prev_pair", "&Previous pair", "Navigate", ("Up", "K"), "Go to the previous pair", True
    ),
    ActionSpec(
        "page_down", "Next &screen", "Navigate", ("PgDown",), "Go down a screen of pairs", True
    ),
    ActionSpec(
        "page_up", "Previous s&creen", "Navigate", ("PgUp",), "Go up a screen of pairs", True
    ),
    ActionSpec(
        "first_pair", "&First pair", "Navigate", ("Home", "G"), "Go to the first pair", True
    ),
    ActionSpec(
        "last_pair", "&Last pair", "Navigate", ("End", "Shift+G"), "Go to the last pair", True
    ),
    ActionSpec("next_heading", "Next &heading", "Navigate", ("]",), "Go to the next heading", True),
    ActionSpec(
        "prev_heading", "Previous h&eading", "Navigate", ("[",), "Go to the previous heading", True
    ),
    ActionSpec(
        "next_finding",
        "Next &flagged pair",
        "Navigate",
        ("F8",),
        "Go to the next pair whose numbers or dates differ",
        separator_before=True,
    ),
    ActionSpec(
        "prev_finding",
        "Previous fla&gged pair",
        "Navigate",
        ("Shift+F8",),
        "Go to the previous pair whose numbers or dates differ",
    ),
    ActionSpec(
        "goto_pair",
        "&Go to pair…",
        "Navigate",
        ("Ctrl+G",),
        "Go to a pair by its number",
        separator_before=True,
    ),
    ActionSpec("zoom_in", "Zoom &in", "View", ("Ctrl+=", "Ctrl++"), "Larger text"),
    ActionSpec("zoom_out", "Zoom &out", "View", ("Ctrl+-",), "Smaller text"),
    ActionSpec("zoom_reset", "&Reset zoom", "View", ("Ctrl+0",), "Default text size"),
    ActionSpec(
        "swap_columns",
        "S&wap columns",
        "View",
        ("Ctrl+Shift+S",),
        "Show the right text on the left",
        checkable=True,
        separator_before=True,
    ),
    ActionSpec(
        "show_both",
        "Show &both texts",
        "View",
        ("Ctrl+1",),
        "Show both languages",
        checkable=True,
        group="sides",
    ),
    ActionSpec(
        "show_left",
        "Show &left text only",
        "View",
        ("Ctrl+2",),
        "Show only the left language",
        checkable=True,
        group="sides",
    ),
    ActionSpec(
        "show_right",
        "Show &right text only",
        "View",
        ("Ctrl+3",),
        "Show only the right language",
        checkable=True,
        group="sides",
    ),
    ActionSpec(
        "sync_scroll",
        "Synchronised scro&lling",
        "View",
        ("Ctrl+Shift+Y",),
        "Scroll both texts as one (off: each text scrolls alone)",
        checkable=True,
    ),
    ActionSpec(
        "theme_system",
        "S&ystem theme",
        "View",
        (),
        "Follow the system palette",
        checkable=True,
        group="theme",
        separator_before=True,
    ),
    ActionSpec(
        "theme_light", "Li&ght theme", "View", (), "Light palette", checkable=True, group="theme"
    ),
    ActionSpec(
        "theme_dark", "&Dark theme", "View", (), "Dark palette", checkable=True, group="theme"
    ),
    ActionSpec("font", "&Font…", "View", (), "Choose the reading font", separator_before=True),
    ActionSpec(
        "spacing_more", "More line spacing", "View", ("Ctrl+Shift+=",), "Increase line spacing"
    ),
    ActionSpec(
        "spacing_less", "Less line spacing", "View", ("Ctrl+Shift+-",), "Decrease line spacing"
    ),
    ActionSpec(
        "highlight_entities",
        "Highlight &entities",
        "View",
        ("Ctrl+Shift+H",),
        "Colour dates, numbers, amounts and names by kind",
        checkable=True,
        separator_before=True,
    ),
    ActionSpec(
        "entity_legend",
        "Entity le&gend",
        "View",
        ("Ctrl+Shift+L",),
        "Show the legend, where each kind can be switched off",
        checkable=True,
    ),
    ActionSpec(
        "findings",
        "&Check findings",
        "View",
        ("Ctrl+Shift+K",),
        "List the pairs whose numbers or dates differ",
        checkable=True,
    ),
    ActionSpec(
        "search_results",
        "Search &results",
        "View",
        ("Ctrl+Shift+F",),
        "Show or hide the list of search results",
        checkable=True,
        separator_before=True,
    ),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "Help", ("F1",), "List every keyboard shortcut"),
    ActionSpec("about", "&About Parallel Reader", "Help", (), "Version, licence and data folder"),
)

ACTIONS_BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def shortcut_text(spec: ActionSpec) -> str:
    """The shortcuts of an action as the user sees them, e.g. ``Down, J``."""
    return ", ".join(
        QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in spec.shortcuts
    )


class ActionSet:
    """QActions for the registry, bound to handlers and placed into menus."""

    def __init__(self, parent: QWidget, view: QWidget, handlers: dict[str, Callable[[], object]]):
        unknown = set(handlers) - set(ACTIONS_BY_ID)
        if unknown:
            raise KeyError(f"handlers for actions missing from the registry: {sorted(unknown)}")
        self.actions: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for spec in ACTIONS:
            action = QAction(spec.text, parent)
            action.setObjectName(f"action_{spec.id}")
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
            action.setCheckable(spec.checkable)
            if spec.group:
                groups.setdefault(spec.group, QActionGroup(parent)).addAction(action)
            handler = handlers.get(spec.id)
            if handler is not None:
                action.triggered.connect(lambda _checked=False, h=handler: h())
            else:
                action.setEnabled(False)
            if spec.view_only:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                parent.addAction(action)
            self.actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def populate(self, menubar: QMenuBar) -> None:
        menus = {name: menubar.addMenu(f"&{name}") for name in MENUS}
        for name, menu in menus.items():
            menu.setObjectName(f"menu_{name.lower()}")
        for spec in ACTIONS:
            menu = menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self.actions[spec.id])
        self.menus = menus
