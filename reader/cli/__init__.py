"""The ``parallel-reader`` command.

``parallel-reader [LEFT RIGHT]`` opens the window (no files: the bundled seed pair). A first word
naming a subcommand (``align``, ``entities``, ``check``, ``export``, ``import`` …) runs that
subcommand instead. Subcommands live in ``reader/cli/cmd_<name>.py`` modules, each defining::

    HELP: str                                       # one line for ``--help``
    def configure(parser: argparse.ArgumentParser) -> None
    def run(args: argparse.Namespace) -> int         # the exit code

and are discovered from the package, so adding a subcommand touches no other file. Errors are one
line, ``parallel-reader: error: …`` on stderr, exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import reader
from reader.core.errors import ReaderError
from reader.core.split import SPLIT_MODES

PROG = "parallel-reader"
EXIT_USAGE = 2


def fail(message: str) -> NoReturn:
    """Print the one-line error and exit 2."""
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_USAGE)


class _VersionAction(argparse.Action):
    """``--version``: prints the version, read from the package metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        sys.stdout.write(f"{PROG} {reader.__version__}\n")
        parser.exit()


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) in our format."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see '{self.prog} --help')")


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where annotations, glossary and settings live "
        "(default: $PARALLEL_READER_DATA_DIR or the platform's user data directory)",
    )


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """Options that say how to read a pair of files; shared by the window and subcommands."""
    parser.add_argument(
        "--split",
        choices=SPLIT_MODES,
        default="auto",
        help="paragraph splitting: auto (default), lines (one per line), blank (blank lines)",
    )
    parser.add_argument("--left-lang", metavar="L", help="language code of LEFT (e.g. de)")
    parser.add_argument("--right-lang", metavar="L", help="language code of RIGHT (e.g. id)")


def command_names() -> list[str]:
    """Subcommand names, discovered from ``reader/cli/cmd_*.py`` without importing them (the
    window's start-up needs only the names)."""
    here = Path(__path__[0])
    found: list[str] = []
    if not getattr(sys, "frozen", False) and here.is_dir():  # a plain install: list the files
        found = [p.stem for p in here.iterdir() if p.suffix == ".py"]
    if not any(name.startswith("cmd_") for name in found):  # e.g. a frozen bundle
        import pkgutil

        found = [info.name for info in pkgutil.iter_modules(__path__)]
    return sorted(name[4:] for name in found if name.startswith("cmd_"))


def load_command(name: str) -> ModuleType:
    """The module of subcommand ``name``."""
    return importlib.import_module(f"{__name__}.cmd_{name}")


def commands() -> dict[str, ModuleType]:
    """Subcommand name → module."""
    return {name: load_command(name) for name in command_names()}


def _first_positional(argv: Sequence[str]) -> int | None:
    takes_value = {"--data-dir", "--split", "--left-lang", "--right-lang"}
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return i + 1 if i + 1 < len(argv) else None
        if token.startswith("-") and token != "-":
            if token in takes_value:
                i += 1
            i += 1
            continue
        return i
    return None


def build_window_parser(names: Sequence[str]) -> ArgumentParser:
    parser = ArgumentParser(
        prog=PROG,
        description="Read and annotate parallel texts side by side. "
        "With no files, opens the bundled German/Indonesian seed pair.",
        epilog="subcommands (run 'parallel-reader COMMAND --help'): " + ", ".join(names)
        if names
        else None,
    )
    parser.add_argument("--version", action=_VersionAction)
    add_global_options(parser)
    add_document_options(parser)
    parser.add_argument("left", nargs="?", metavar="LEFT", help="left text file (or a .tmx file)")
    parser.add_argument("right", nargs="?", metavar="RIGHT", help="right text file")
    return parser


def build_command_parser(name: str, module: ModuleType) -> ArgumentParser:
    parser = ArgumentParser(prog=f"{PROG} {name}", description=module.HELP)
    add_global_options(parser)
    module.configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # a frozen bundle starts its aligner processes through this entry point
        import multiprocessing

        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        names = command_names()
        index = _first_positional(args_list)
        if index is not None and args_list[index] in names:
            name = args_list[index]
            module = load_command(name)
            parser = build_command_parser(name, module)
            args = parser.parse_args(args_list[:index] + args_list[index + 1 :])
            return int(module.run(args))
        args = build_window_parser(names).parse_args(args_list)
        return run_window(args)
    except ReaderError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run_window(args: argparse.Namespace) -> int:
    """Load the files named on the command line (errors come before any window) and open it."""
    from reader.core.alignjob import START_WAIT_S, start_pair_worker
    from reader.core.document import read_pair
    from reader.core.paths import seed_pair

    if args.left is not None and args.right is None:
        if str(args.left).lower().endswith(".tmx"):
            # a translation memory: its translation units are the rows
            from reader.core.tmx import load_tmx
            from reader.ui.app import run_app

            return run_app(load_tmx(args.left), data_dir=args.data_dir)
        # one file (e.g. from a file manager): check it now, then ask for its counterpart
        from reader.core.textio import read_text

        read_text(args.left)
        from reader.ui.app import run_app

        return run_app(None, data_dir=args.data_dir, ask_pair_for=str(args.left))
    import gc

    gc.disable()  # until the window's first frame (see reader.ui.app.start_window)
    if args.left is None:
        left, right = seed_pair()
    else:
        left, right = args.left, args.right
    # read and split before any window, so bad files fail here; where it can, a worker process
    # does it on the other core while this one loads the toolkit, and then aligns the pair (for
    # large pairs; off the window's thread either way)
    options = {"split": args.split, "left_lang": args.left_lang, "right_lang": args.right_lang}
    worker = start_pair_worker(left, right, **options)
    from reader.ui.app import run_app

    if worker is None:
        return run_app(read_pair(left, right, **options), data_dir=args.data_dir)
    worker.wait_read()  # unreadable files end here, with one line, before any window
    # the pair if it is split within a moment; if not (a long book), the window opens at once and
    # shows the pair when it arrives
    text = worker.poll_result(timeout=START_WAIT_S)
    return run_app(text, data_dir=args.data_dir, worker=worker)
