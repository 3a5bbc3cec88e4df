"""The survey figures of every plugin gathered into one table (`PeerContent`), checked against the
catalog: each figure names a survey that is defined, and a question with options, or a
capability, that exist. Loaded once per catalog, on first use (`Catalog.peers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..common.errors import CatalogError, MaturityError
from ..common.tomlfile import read_toml, validation_error
from ..contract.peers import PeerFigure, PeerFile, Survey
from .value import closest, registered_files

#: the catalog being built (typed loosely: the catalog imports this module)
Catalog = Any


@dataclass(frozen=True)
class SourcedFigure:
    """A figure with its survey and where it was loaded from."""

    figure: PeerFigure
    survey: Survey
    plugin: str
    path: str


@dataclass
class PeerContent:
    surveys: dict[str, Survey] = field(default_factory=dict)
    figures: list[SourcedFigure] = field(default_factory=list)
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (plugin, path, version)


def load_peer_file(path: str | Path) -> tuple[PeerFile, Any]:
    doc = read_toml(path)
    try:
        return PeerFile.model_validate(doc.data), doc
    except ValidationError as exc:
        raise validation_error(exc, doc) from None


def gather(catalog: Catalog) -> PeerContent:
    """Every plugin's survey figure files, merged and checked; a broken file raises, naming it.

    The built-in files come first (they register `trylast`), so that a plugin's figure may cite
    a built-in survey; each plugin's files keep the order it registered them in."""
    content = PeerContent()
    for plugin_name, path in registered_files(catalog, "register_peer_figures"):
        pf, doc = load_peer_file(path)
        merge(content, pf, doc, plugin_name, catalog)
    return content


def merge(content: PeerContent, pf: PeerFile, doc: Any, plugin: str, catalog: Catalog, strict: bool = False) -> None:
    """Add one file's surveys and figures. A figure for a question or capability the catalog does
    not hold (its plugin is not installed, or its questionnaire is not for this business) is kept
    unchecked and never shown, unless `strict` (`validate`), where it is an error."""
    path = str(doc.path)

    def fail(message: str, key: tuple) -> None:
        raise CatalogError(message, path=path, line=doc.line(key))

    content.files.append((plugin, path, pf.version))
    for k, survey in enumerate(pf.survey):
        if survey.id in content.surveys:
            fail(f"survey {survey.id!r} is defined twice", ("survey", k, "id"))
        content.surveys[survey.id] = survey
    known = {f.figure.id for f in content.figures}
    for k, fig in enumerate(pf.figure):
        if fig.id in known:
            fail(f"figure {fig.id!r} is defined twice", ("figure", k, "id"))
        known.add(fig.id)
        survey = content.surveys.get(fig.survey)
        if survey is None:
            fail(f"figure {fig.id!r} names an unknown survey {fig.survey!r}{closest(fig.survey, content.surveys)}; "
                 "every figure needs its source: a [[survey]] with its name, publisher, year and address",
                 ("figure", k, "survey"))
        target = fig.matches
        if target.question is not None:
            found = catalog.questions.get(target.question)
            if found is None:
                if not strict:
                    content.figures.append(SourcedFigure(fig, survey, plugin, path))
                    continue
                fail(f"figure {fig.id!r} names an unknown question {target.question!r}{closest(target.question, catalog.questions)}",
                     ("figure", k, "matches"))
            question = found[0]
            for option in target.options:
                if question.option(option) is None:
                    fail(f"figure {fig.id!r}: question {target.question!r} has no option {option!r}; its options: "
                         f"{', '.join(o.id for o in question.options) or 'none (it takes a number or text)'}",
                         ("figure", k, "matches"))
        elif target.capability not in catalog.capabilities:
            if not strict:
                content.figures.append(SourcedFigure(fig, survey, plugin, path))
                continue
            fail(f"figure {fig.id!r} names an unknown capability {target.capability!r}{closest(target.capability, catalog.capabilities)}",
                 ("figure", k, "matches"))
        content.figures.append(SourcedFigure(fig, survey, plugin, path))


def check_peer_file(path: str | Path, catalog: Catalog) -> list[MaturityError]:
    """`validate` for a survey figures file: its format, then its surveys, questions, options and
    capabilities against the catalog (surveys of the loaded files may be cited)."""
    try:
        pf, doc = load_peer_file(path)
        probe = PeerContent(surveys={k: v for k, v in catalog.peers.surveys.items()
                                     if k not in {s.id for s in pf.survey}})
        merge(probe, pf, doc, "", catalog, strict=True)
    except MaturityError as exc:
        return [exc]
    return []


def peer_summary(pf: PeerFile) -> str:
    surveys, figures = len(pf.survey), len(pf.figure)
    return (f"{surveys} survey{'s' if surveys != 1 else ''}, {figures} figure{'s' if figures != 1 else ''}"
            f" ({sum(1 for f in pf.figure if f.disputed)} disputed)")
