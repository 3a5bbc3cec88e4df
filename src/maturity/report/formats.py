"""Report formats: the built-in ones and those plugins register through
`register_report_formats`.

A plugin format is `render(result, catalog) -> str`. One whose registration is malformed is
named in the plugins' failures and the other formats stay available; one that raises when
chosen is an error naming the plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..common.errors import PluginError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..contract.result import Result
    from ..plugins import Plugins
    from .model import Report

NAME = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    suffix: str
    binary: bool = False
    plugin: str | None = None
    render: Callable[..., Any] | None = None

    @property
    def builtin(self) -> bool:
        return self.plugin is None


def _html(report: Report) -> str:
    from .html import render_html

    return render_html(report)


def _pdf(report: Report) -> bytes:
    from .pdf import render_pdf

    return render_pdf(report)


def _markdown(report: Report) -> str:
    from .text import render_markdown

    return render_markdown(report)


def _csv(report: Report) -> str:
    from .text import render_csv

    return render_csv(report)


def _json(report: Report) -> str:
    from .text import render_json

    return render_json(report)


BUILTIN: dict[str, Format] = {
    "html": Format("html", "one self-contained page with charts; prints well", ".html", render=_html),
    "pdf": Format("pdf", "the same content as a PDF (needs the pdf extra: pip install 'maturity[pdf]')", ".pdf", binary=True, render=_pdf),
    "markdown": Format("markdown", "for documents and tickets", ".md", render=_markdown),
    "csv": Format("csv", "one row per capability, for spreadsheets", ".csv", render=_csv),
    "json": Format("json", "everything in the report, as data (maturity schema report)", ".json", render=_json),
}
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json"}


def available_formats(plugins: Plugins | None) -> dict[str, Format]:
    """The built-in formats, then every plugin's, by name. A plugin format with the name of a
    built-in one, an invalid name, or no render function is named in the failures and left out."""
    found = dict(BUILTIN)
    if plugins is None:
        return found
    for plugin, args in plugins.collect("register_report_formats"):
        if len(args) != 2 or not isinstance(args[0], str) or not callable(args[1]):
            plugins.fail(plugin, "registered a report format that is not (name, render function)")
            continue
        name, render = args
        if not NAME.match(name):
            plugins.fail(plugin, f"registered the report format {name!r}: a name is lower-case letters, digits, - and _")
        elif name in found:
            owner = "a built-in format" if found[name].builtin else f"a format of plugin {found[name].plugin!r}"
            plugins.fail(plugin, f"registered the report format {name!r}, which is already {owner}")
        else:
            found[name] = Format(name, f"from plugin {plugin}", ".txt", plugin=plugin, render=render)
    return found


def choose(formats: dict[str, Format], name: str | None, output: str | None) -> Format:
    """The format asked for, else the one the output file's suffix names, else Markdown."""
    if name is None:
        if output and output != "-":
            suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
            name = SUFFIXES.get(suffix)
            if name is None:
                raise UsageError(f"cannot tell the format from the file name {output!r}; give --format ({', '.join(formats)})")
        else:
            name = "markdown"
    if name not in formats:
        raise UsageError(f"unknown report format {name!r}; available: {', '.join(formats)} (maturity report --list-formats)")
    return formats[name]


def render(fmt: Format, report: Report, result: Result, catalog: Catalog) -> str | bytes:
    """The report in one format: text, or bytes for the binary formats.

    Every text format is read in a terminal sooner or later (written to standard output, or
    `cat` of the file), so the terminal-text rule applies to the whole of it: a control
    character from the data (a note, a name) is written as an escape, JSON as a JSON escape."""
    from ..common.termtext import json_escaped, shown_document

    assert fmt.render is not None
    if fmt.builtin:
        out = fmt.render(report)
        if isinstance(out, bytes):
            return out
        return json_escaped(out) if fmt.name == "json" else shown_document(out)
    try:
        out = fmt.render(result, catalog)
    except Exception as exc:  # a plugin's bug is reported, not a traceback
        raise PluginError(f"report format {fmt.name!r} of plugin {fmt.plugin!r} failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(out, str):
        raise PluginError(f"report format {fmt.name!r} of plugin {fmt.plugin!r} returned {type(out).__name__}, not text")
    return shown_document(out)
