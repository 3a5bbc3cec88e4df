"""Baselines the plugins bring (`register_baselines`), read, validated and checked against the
catalog: every evidence row names a capability, question and option that exist."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..common.errors import CatalogError, FileFormatError, MaturityError
from ..common.tomlfile import TomlDocument, read_toml, validation_error
from ..contract.baseline import Baseline

if TYPE_CHECKING:  # pragma: no cover
    from .build import Catalog


@dataclass
class LoadedBaseline:
    """A baseline with where it came from."""

    model: Baseline
    plugin: str
    source: str
    doc: TomlDocument | None = None

    @property
    def key(self) -> str:
        return self.model.key

    def line(self, *path: str | int) -> int | None:
        """The line of a key, or of the nearest table around it that can be found."""
        if self.doc is None:
            return None
        key = tuple(path)
        while key:
            found = self.doc.line(key)
            if found is not None:
                return found
            key = key[:-1]
        return None


def load_baseline(path: str | Path, plugin: str = "") -> LoadedBaseline:
    """Read, parse and validate one baseline TOML file."""
    doc = read_toml(path)
    if "baseline" not in doc.data:
        raise FileFormatError("this is not a baseline file: it has no [baseline] table", path=path, line=1)
    try:
        model = Baseline.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(exc, doc) from None
    loaded = LoadedBaseline(model, plugin, str(path), doc)
    check_baseline(loaded)
    return loaded


def check_baseline(loaded: LoadedBaseline) -> None:
    """Checks within one file: unique theme and item ids, and every item under a theme."""
    model = loaded.model
    themes: set[str] = set()
    for index, theme in enumerate(model.themes):
        if theme.id in themes:
            raise FileFormatError(f"two themes have the id {theme.id!r}", path=loaded.source, line=loaded.line("themes", index, "id"))
        themes.add(theme.id)
    items: set[str] = set()
    for index, item in enumerate(model.items):
        if item.id in items:
            raise FileFormatError(f"two items have the id {item.id!r}", path=loaded.source, line=loaded.line("items", index, "id"))
        items.add(item.id)
        if item.theme not in themes:
            raise FileFormatError(f"item {item.id!r} names theme {item.theme!r}, which is not in [[themes]] "
                                  f"({', '.join(sorted(themes))})", path=loaded.source, line=loaded.line("items", index, "theme"))


class NotForThisBusiness(Exception):
    """A baseline names what a sector questionnaire left out for this business holds: it is not
    counted for it, and nothing is wrong with it."""


def check_references(loaded: LoadedBaseline, catalog: Catalog) -> None:
    """Every capability, question and option a baseline names must exist in the catalog (a
    sector's, left out for this business, raises `NotForThisBusiness`)."""
    model = loaded.model
    left_out = getattr(catalog, "_left_out", set())

    def problem(message: str, *path: str | int) -> CatalogError:
        return CatalogError(f"baseline {model.key}: {message}", path=loaded.source, line=loaded.line(*path))

    def missing(name: str) -> bool:
        """True when `name` (a capability or question) is not in the catalog; a sector's left
        out for this business means the baseline is not for it."""
        if name in catalog.capabilities or name in catalog.questions:
            return False
        if name in left_out or any(name.startswith(cid + ".") for cid in left_out):
            raise NotForThisBusiness(model.key)
        return True

    def check_question(qid: str, options: list[str] | None, where: tuple[str | int, ...], capability: str | None = None) -> None:
        found = catalog.questions.get(qid)
        if found is None and missing(qid):
            raise problem(f"names question {qid!r}, which does not exist", *where)
        question, owner = found
        if capability is not None and owner != capability:
            raise problem(f"question {qid!r} belongs to {owner!r}, not to {capability!r}", *where)
        for option in options or []:
            if question.option(option) is None:
                raise problem(f"question {qid!r} has no option {option!r}", *where)

    if model.certificate is not None:
        check_question(model.certificate.question, model.certificate.options, ("certificate", "question"))
    for index, item in enumerate(model.items):
        for row_index, row in enumerate(item.evidence):
            where = ("items", index, "evidence", row_index)
            if missing(row.capability):
                raise problem(f"item {item.id} names capability {row.capability!r}, which does not exist", *where, "capability")
            for qid, need in row.needs.items():
                check_question(qid, need if isinstance(need, list) else None, (*where, "needs"), row.capability)
        for rule_index, rule in enumerate(item.not_applicable_if):
            where = ("items", index, "not_applicable_if", rule_index)
            if rule.question is not None:
                check_question(rule.question, rule.options, where)
            elif rule.capability is not None and missing(rule.capability):
                raise problem(f"item {item.id} names capability {rule.capability!r}, which does not exist", *where)


def _load_one(item: Any, plugin: str) -> LoadedBaseline:
    if isinstance(item, Baseline):
        loaded = LoadedBaseline(item, plugin, f"<{plugin}>")
        check_baseline(loaded)
        return loaded
    if isinstance(item, (str, Path)) or hasattr(item, "read_bytes"):
        return load_baseline(Path(str(item)), plugin)
    raise FileFormatError(f"registered {item!r}, which is neither a path nor a Baseline")


def collect_baselines(catalog: Catalog, extra: list[LoadedBaseline] | None = None) -> dict[str, LoadedBaseline]:
    """Every baseline the plugins register, by ``id@version``; a plugin whose baseline does not
    load or names what does not exist is left out with a message (raised when the user named
    it). `extra` (files being validated) take the place of a loaded baseline of the same key."""
    found: dict[str, LoadedBaseline] = {}
    plugins = catalog.plugins
    contributions = plugins.collect("register_baselines") if plugins is not None else []
    loaded: list[LoadedBaseline] = []
    for plugin_name, args in contributions:
        if plugins is not None and plugin_name in plugins.broken:
            continue
        try:
            one = _load_one(args[0] if args else None, plugin_name)
            check_references(one, catalog)
        except NotForThisBusiness:
            continue
        except MaturityError as exc:
            if plugins is None:
                raise
            plugins.leave_out(plugin_name, f"has a baseline that cannot be used: {exc}")
            continue
        loaded.append(one)
    for one in extra or []:
        check_references(one, catalog)
    replaced = {one.key for one in extra or []}
    for one in [b for b in loaded if b.key not in replaced] + list(extra or []):
        if one.key in found:
            first = found[one.key]
            raise CatalogError(
                f"two baselines are {one.key}: {first.source} ({first.plugin}) and {one.source} ({one.plugin})",
                path=one.source, line=one.line("baseline", "version"),
            )
        found[one.key] = one
    return found


def baselines_of(catalog: Catalog) -> dict[str, LoadedBaseline]:
    """Every baseline the catalog's plugins bring, by ``id@version``, read once per catalog."""
    if catalog._baselines is None:
        catalog._baselines = collect_baselines(catalog)
    return catalog._baselines


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def latest(baselines: dict[str, LoadedBaseline]) -> dict[str, LoadedBaseline]:
    """The newest version of each baseline id, by id."""
    out: dict[str, LoadedBaseline] = {}
    for one in baselines.values():
        current = out.get(one.model.id)
        if current is None or _version_key(one.model.version) > _version_key(current.model.version):
            out[one.model.id] = one
    return out


__all__ = ["LoadedBaseline", "baselines_of", "check_references", "collect_baselines", "latest", "load_baseline"]
