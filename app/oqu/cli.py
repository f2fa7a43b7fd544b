"""The command line: the window, and headless checks and exports.

    oqu [--bundle DIR] [--lang en|ru|kk]           open the window
    oqu check                                       validate the bundle (exit 0 or 1)
    oqu export table N [--ids] [-o FILE]            N: a table of the bundle; as printed (--ids: names)
    oqu export references --format FORMAT [-o FILE]
    oqu export chart N [--format png|svg] -o FILE       (the format follows FILE's name if left out)
    oqu export abstract --aligned --format tsv [-o FILE]
    oqu compare FILE [-o OUT.csv]                   paper vs a World Bank indicator file (csv, zip, Excel),
                                                    TI's CPI table or the DAI workbook (Table 1)
    oqu screenshot --tab abstract|paper|tables [--size WxH] [--theme light|dark] [--compare FILE] -o FILE.png
    oqu smoke (or --smoke)                          visit every view in every language offscreen

Usage errors exit 2 with one line (also a format the -o name contradicts, or an output that is the
input); a broken bundle exits 1 with its problems. ``-o -`` (or no -o) is standard output.
Heavy modules (Qt, pandas, pyqtgraph) are imported only by the commands that need them.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from oqu import __version__
from oqu.i18n import LANGUAGES

REFERENCE_FORMATS = ("bibtex", "ris", "csl-json", "gost", "apa", "chicago", "text")
CHART_FORMATS = ("png", "svg")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage + message)
        raise UsageError(message)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundle", metavar="DIR", default=argparse.SUPPRESS,
                        help="open another paper bundle folder (default: the embedded paper)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default=argparse.SUPPRESS,
                        help="the UI language for this run")


def window_size(text: str) -> tuple[int, int]:
    """``WxH`` (e.g. 1280x800) as two whole pixel counts."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, not {text!r}")
    size = int(width), int(height)
    if not all(MIN_SHOT <= n <= MAX_SHOT for n in size):
        raise argparse.ArgumentTypeError(f"each side must be {MIN_SHOT} to {MAX_SHOT} pixels, not {text!r}")
    return size


MIN_SHOT, MAX_SHOT = 200, 8000


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="oqu", description="Oqu, a reading companion for one research paper.")
    parser.add_argument("--version", action="version", version=f"oqu {__version__}")
    parser.add_argument("--smoke", action="store_true", help="same as 'oqu smoke'")
    _common(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("check", help="validate the bundle and list its problems")
    _common(p)

    p = sub.add_parser("export", help="write a table, the references or a chart")
    _common(p)
    what = p.add_subparsers(dest="what", parser_class=_Parser, metavar="WHAT", required=True)
    t = what.add_parser("table", help="a table as CSV")
    t.add_argument("number", type=int, help="the table's number in the bundle (1, 2, 3 in the embedded paper)")
    t.add_argument("--format", choices=("csv",), default="csv")
    t.add_argument("--ids", action="store_true",
                   help="the bundle's column names (country, y2010, ...) and bare numbers, for scripts")
    t.add_argument("-o", "--output", metavar="FILE", help="the file to write ('-' or none: standard output)")
    _common(t)
    r = what.add_parser("references", help="the 26 references")
    r.add_argument("--format", choices=REFERENCE_FORMATS, required=True)
    r.add_argument("-o", "--output", metavar="FILE")
    _common(r)
    a = what.add_parser("abstract", help="the abstract in en, ru and kk, one row per aligned unit")
    a.add_argument("--aligned", action="store_true", required=True,
                   help="one row per unit of data/alignment.json (a sentence, or the few one translation merged)")
    a.add_argument("--format", choices=("tsv",), default="tsv")
    a.add_argument("-o", "--output", metavar="FILE")
    _common(a)
    c = what.add_parser("chart", help="a table's chart as PNG or SVG")
    c.add_argument("number", type=int, help="the table's number in the bundle")
    c.add_argument("--format", choices=CHART_FORMATS, help="default: the one the file name says")
    c.add_argument("-o", "--output", metavar="FILE", required=True)
    _common(c)

    p = sub.add_parser("compare", help="compare the paper's figures with a World Bank indicator file, "
                       "TI's CPI table (xlsx or CSV) or the World Bank's DAI workbook")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT.csv")
    _common(p)

    p = sub.add_parser("screenshot", help="render the window offscreen to a PNG")
    p.add_argument("--tab", choices=("abstract", "paper", "tables"), default="abstract")
    p.add_argument("--size", type=window_size, default=(1280, 800), metavar="WxH",
                   help="the window's size in pixels, and so the picture's (default 1280x800)")
    p.add_argument("--theme", choices=("light", "dark"), default="light",
                   help="the colours for this picture (default light; the reader's setting is not changed)")
    p.add_argument("--compare", metavar="FILE", action="append",
                   help="compare the paper with FILE first (a World Bank, TI CPI or DAI file; repeatable)")
    p.add_argument("-o", "--output", metavar="FILE.png", required=True)
    _common(p)

    p = sub.add_parser("smoke", help="visit every view in every language offscreen; exit 0 or 1")
    _common(p)
    return parser


def _load(args: argparse.Namespace, *, fail_on_problems: bool = True):
    from oqu.core import load_bundle

    result = load_bundle(getattr(args, "bundle", None))
    if result.problems and fail_on_problems:
        for problem in result.problems:
            print(f"oqu: {problem}", file=sys.stderr)
        raise SystemExit(1) from None
    return result


def _write(text: str | bytes, output: str | None) -> None:
    """Write an export to ``output`` (a file written whole; None or ``-``: standard output); exit 1
    with one line naming the reason when it cannot be written."""
    from oqu.core.atomic import write_failure, write_output

    try:
        write_output(output, text)
    except OSError as exc:
        print(f"oqu: {write_failure(output, exc)}", file=sys.stderr)
        raise SystemExit(1) from None


EXPORT_FORMATS = {"table": ("csv",), "references": REFERENCE_FORMATS, "chart": CHART_FORMATS,
                  "abstract": ("tsv",)}


def check_outputs(args: argparse.Namespace) -> None:
    """Usage errors in ``-o`` found before any work (oqu.core.outputs): a format the file name
    contradicts (or, for a chart without --format, the format the name says), an output that is the
    input file."""
    from oqu.core.outputs import OutputNameError, format_for_output, refuse_input_as_output

    output = getattr(args, "output", None)
    try:
        if args.command == "export":
            fmt = getattr(args, "format", None)
            choices = EXPORT_FORMATS.get(args.what) or ((fmt,) if fmt else ())
            if choices:  # an export without formats (none today) is taken as it is
                args.format = format_for_output(output, fmt, choices)
        elif args.command == "screenshot":
            format_for_output(output, "png", ("png",), said="the screenshot (PNG)")
        elif args.command == "compare":
            format_for_output(output, "csv", ("csv",))
            refuse_input_as_output(output, args.file)
    except OutputNameError as exc:
        raise UsageError(str(exc)) from None


def cmd_check(args: argparse.Namespace) -> int:
    result = _load(args, fail_on_problems=False)
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {result.paper.folder}:")
        for problem in result.problems:
            print(f"  {problem}")
        return 1
    paper = result.paper
    print(f"OK: {paper.folder}: {len(paper.sections)} sections, {len(paper.markers)} citation markers, "
          f"{len(paper.tables)} tables, {len(paper.references)} references")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    paper = _load(args).paper
    if args.what == "table":
        from oqu.core.tables import table_csv

        table = paper.table(args.number)
        if table is None:
            print(f"oqu: the bundle has no table {args.number}", file=sys.stderr)
            return 1
        _write(table_csv(table, ids=args.ids), args.output)
        return 0
    if args.what == "abstract":
        from oqu.core.alignment import aligned_tsv

        if not paper.alignment:
            print(f"oqu: the bundle has no alignment file ({paper.folder}/alignment.json)", file=sys.stderr)
            return 1
        _write(aligned_tsv(paper), args.output)
        return 0
    if args.what == "references":
        from oqu.core.citations import export_references

        _write(export_references(paper.references, args.format), args.output)
        return 0
    from oqu.ui.headless import export_chart  # chart: needs Qt and pyqtgraph

    return export_chart(paper, args.number, args.format, args.output)


def cmd_compare(args: argparse.Namespace) -> int:
    from oqu.core import table_sources

    paper = _load(args).paper
    if table_sources.recognise(args.file):  # by content: TI's CPI table or the DAI workbook (Table 1)
        try:
            text, summary = table_sources.compare_file(paper, Path(args.file))
        except table_sources.SourceFileError as exc:
            print(f"oqu: {exc}", file=sys.stderr)
            return 1
        _write(text, args.output)
        if args.output not in (None, "-"):  # the CSV went to a file: the summary to the terminal
            print(summary)
        return 0
    from oqu.core.worldbank import WorldBankError, compare_file

    try:
        text = compare_file(paper, Path(args.file))
    except WorldBankError as exc:
        print(f"oqu: {exc}", file=sys.stderr)
        return 1
    _write(text, args.output)
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    from oqu.ui.headless import screenshot

    return screenshot(args)


def cmd_smoke(args: argparse.Namespace) -> int:
    from oqu.ui.headless import smoke

    return smoke(args)


NO_DISPLAY = "no display: run it on a desktop, under xvfb-run, or use the headless commands (see 'oqu --help')"


def no_display() -> bool:
    """True on Linux when Qt would look for a screen and there is none (no X11 or Wayland display, and
    no screenless platform such as offscreen chosen in QT_QPA_PLATFORM): Qt would abort with a
    misleading message about xcb-cursor0."""
    if not sys.platform.startswith("linux"):
        return False
    platforms = [p for p in os.environ.get("QT_QPA_PLATFORM", "").split(";") if p]
    if platforms and not any(p.startswith(("xcb", "wayland")) for p in platforms):
        return False  # offscreen, vnc, eglfs, linuxfb...: the user chose a platform without a display
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(args: argparse.Namespace) -> int:
    if no_display():
        print(f"oqu: {NO_DISPLAY}", file=sys.stderr)
        return 1
    # The paper before Qt: the bundle is plain Python, and the modules imported before PySide6
    # escape the source scan its import hook makes of every new module (start-up time).
    # An unchanged bundle comes from the cache, without loading and checking it again.
    from oqu.core.bundle_cache import load_cached

    result = load_cached(getattr(args, "bundle", None))
    from oqu.ui.app import run

    return run(args, result)


COMMANDS = {"check": cmd_check, "export": cmd_export, "compare": cmd_compare,
            "screenshot": cmd_screenshot, "smoke": cmd_smoke}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # a double-click: the window, without building every command's parser first
        return _guarded(cmd_gui, argparse.Namespace(smoke=False, command=None))
    try:
        args = build_parser().parse_args(argv)
        check_outputs(args)
    except UsageError as exc:
        print(f"oqu: {exc} (see 'oqu --help')", file=sys.stderr)
        return 2
    if "lang" in args:
        from oqu.i18n import set_language

        set_language(args.lang)
    if args.smoke and args.command is None:
        args.command = "smoke"
    return _guarded(COMMANDS.get(args.command, cmd_gui), args)


def _guarded(command, args: argparse.Namespace) -> int:
    try:
        return command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
