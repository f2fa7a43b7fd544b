"""Checks on the file a command is asked to write (``-o``), made before any work.

A format that contradicts the file name is refused (``--format png -o chart.svg`` would put PNG bytes
in a file every program takes for SVG); where the format is left out it follows the name. An output
that is one of the command's input files (also through a link) is refused: writing it would destroy
the input before it is read whole.
"""
from __future__ import annotations

import os
from pathlib import Path

# A file name's suffix and the formats it can hold. No suffix, or one not listed, is taken as it is.
SUFFIX_FORMATS = {
    ".png": {"png"}, ".svg": {"svg"}, ".jpg": {"jpeg"}, ".jpeg": {"jpeg"}, ".gif": {"gif"},
    ".bmp": {"bmp"}, ".webp": {"webp"}, ".tif": {"tiff"}, ".tiff": {"tiff"}, ".pdf": {"pdf"},
    ".csv": {"csv"}, ".tsv": {"csv", "tsv"}, ".bib": {"bibtex"}, ".ris": {"ris"}, ".json": {"csl-json"},
    ".txt": {"gost", "apa", "chicago", "text", "csv", "tsv"}, ".md": {"markdown", "text"},
    ".html": {"html"}, ".htm": {"html"},
}


class OutputNameError(ValueError):
    """The output cannot be written as asked; the message says why, in one line."""


def format_for_output(output: str | None, fmt: str | None, choices: tuple[str, ...], said: str = "") -> str:
    """The format to write: ``fmt`` when the file name agrees with it, else the one the name says
    (``-o chart.svg`` without --format). ``said`` names where ``fmt`` came from in the message
    (default ``--format FMT``)."""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    named = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        fits = [f for f in choices if named and f in named]
        if not fits:
            raise OutputNameError(f"say the format with --format {'|'.join(choices)} (the file name "
                                  f"{output or '-'} does not say one)")
        return fits[0]
    if named is not None and fmt not in named:
        raise OutputNameError(f"{said or '--format ' + fmt} contradicts the file name {Path(output or '-').name} "
                              f"(a {suffix} file holds {'/'.join(sorted(named))}); "
                              "change the name or the format")
    return fmt


def refuse_input_as_output(output: str | None, *inputs: str) -> None:
    """Raise when ``output`` is one of ``inputs``: the same file, also through a symbolic or hard link."""
    if output is None or output == "-":
        return
    for name in inputs:
        try:
            same = os.path.samefile(name, output)
        except OSError:  # either does not exist (yet): not the same file
            same = False
        if same:
            raise OutputNameError(f"the output {output} is the input file {name}; choose another output name")
