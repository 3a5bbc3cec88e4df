"""The value figures of every plugin gathered into one table (`ValueContent`), checked against
the catalog: each reduction names a capability and an incident kind that exist, each saving a
pain a capability addresses. Loaded once per catalog, on first use (`Catalog.value`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..common.errors import CatalogError, MaturityError
from ..common.tomlfile import read_toml, validation_error
from ..contract.profile import EEA
from ..contract.value import Incident, LargeLoss, Money, PainCost, Reduction, Saving, SectorScale, ValueFile, GoalValue

#: the catalog being built (typed loosely: the catalog imports this module)
Catalog = Any

#: The rule for large losses when no file gives one: no extra weight.
NO_LARGE_LOSS = LargeLoss(share_of_revenue=1.0, weight=1.0, basis="J", note="no rule given")


@dataclass
class ValueContent:
    incidents: dict[str, Incident] = field(default_factory=dict)
    scales: list[SectorScale] = field(default_factory=list)
    reductions: dict[str, list[Reduction]] = field(default_factory=dict)  # by capability
    staff_cost: dict[str, Money] = field(default_factory=dict)
    outside_help: dict[str, Money] = field(default_factory=dict)
    fx: dict[str, float] = field(default_factory=dict)
    fx_source: str = ""
    revenue_per_person: dict[str, Money] = field(default_factory=dict)
    large_loss: LargeLoss = field(default_factory=lambda: NO_LARGE_LOSS)
    pains: dict[str, PainCost] = field(default_factory=dict)
    savings: dict[tuple[str, str], Saving] = field(default_factory=dict)  # (capability, pain)
    goals: dict[str, GoalValue] = field(default_factory=dict)
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (plugin, path, version)

    def by_country(self, table: dict[str, Money], country: str) -> Money | None:
        """The row for `country`: its own, the EU's for an EEA country, else the default."""
        if country and country in table:
            return table[country]
        if country in EEA and "EU" in table:
            return table["EU"]
        return table.get("default")

    def convert(self, amount: float, source: str, target: str) -> float | None:
        """`amount` in `source` currency as `target` currency, or None without the rates."""
        if source == target:
            return amount
        if source not in self.fx or target not in self.fx:
            return None
        return amount / self.fx[source] * self.fx[target]


def load_value_file(path: str | Path) -> tuple[ValueFile, Any]:
    doc = read_toml(path)
    try:
        return ValueFile.model_validate(doc.data), doc
    except ValidationError as exc:
        raise validation_error(exc, doc) from None


def gather(catalog: Catalog) -> ValueContent:
    """Every plugin's value files, merged and checked; a broken file raises, naming it.

    The built-in files come first (they register `trylast`), so that a plugin's scale or
    reduction may name a built-in incident kind and a plugin's rates replace the built-in ones;
    each plugin's files keep the order it registered them in."""
    content = ValueContent()
    for plugin_name, path in registered_files(catalog, "register_value_content"):
        vf, doc = load_value_file(path)
        merge(content, vf, doc, plugin_name, catalog)
    return content


def registered_files(catalog: Catalog, hook: str) -> list[tuple[str, Path]]:
    """The files plugins register through `hook`, as (plugin, path): the built-in plugin's first
    (it registers `trylast`), each plugin's in the order it registered them."""
    plugins = catalog.plugins
    registered = plugins.collect(hook) if plugins is not None else []
    by_plugin: dict[str, list[Path]] = {}
    for plugin_name, args in registered:
        if args:
            by_plugin.setdefault(plugin_name, []).append(Path(str(args[0])))
    return [(name, path) for name in reversed(list(by_plugin)) for path in by_plugin[name]]


def closest(name: str, known: Any) -> str:
    """"; closest existing ids: …" for an unknown id, or "" when nothing is close."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    return f"; closest existing ids: {', '.join(close)}" if close else ""


def merge(content: ValueContent, vf: ValueFile, doc: Any, plugin: str, catalog: Catalog, strict: bool = False) -> None:
    """Add one file's figures. Rows for capabilities the catalog does not hold (their plugin is
    not installed, or left out) are skipped, unless `strict` (`validate --strict`)."""
    path = str(doc.path)

    def fail(message: str, key: tuple) -> None:
        raise CatalogError(message, path=path, line=doc.line(key))

    content.files.append((plugin, path, vf.version))
    for k, inc in enumerate(vf.incident):
        if inc.id in content.incidents:
            fail(f"incident kind {inc.id!r} is defined twice", ("incident", k, "id"))
        content.incidents[inc.id] = inc
    for k, sc in enumerate(vf.scale):
        if sc.incident not in content.incidents:
            fail(f"scale names an unknown incident kind {sc.incident!r}{closest(sc.incident, content.incidents)}",
                 ("scale", k, "incident"))
        content.scales.append(sc)
    for k, red in enumerate(vf.reduction):
        if red.capability not in catalog.capabilities:
            if not strict:
                continue
            fail(f"reduction names an unknown capability {red.capability!r}{closest(red.capability, catalog.capabilities)}",
                 ("reduction", k, "capability"))
        if red.incident not in content.incidents:
            fail(f"reduction names an unknown incident kind {red.incident!r}{closest(red.incident, content.incidents)}",
                 ("reduction", k, "incident"))
        rows = content.reductions.setdefault(red.capability, [])
        if any(r.incident == red.incident and r.on == red.on for r in rows):
            fail(f"{red.capability} reduces the {red.on} of {red.incident!r} twice", ("reduction", k, "capability"))
        rows.append(red)
    content.staff_cost.update(vf.staff_cost)
    content.outside_help.update(vf.outside_help)
    for key, rate in vf.fx.items():
        if key == "source":
            content.fx_source = str(rate)
        elif key not in ("year", "basis", "note"):
            content.fx[key] = float(rate)
    content.revenue_per_person.update(vf.revenue_per_person)
    if vf.large_loss is not None:
        content.large_loss = vf.large_loss
    for pain_id, cost in vf.pain.items():
        if pain_id not in catalog.pains:
            fail(f"unknown pain {pain_id!r}{closest(pain_id, catalog.pains)}", ("pain", pain_id))
        for k, kid in enumerate(cost.incidents):
            if kid not in content.incidents:
                fail(f"pain {pain_id!r} names an unknown incident kind {kid!r}{closest(kid, content.incidents)}",
                     ("pain", pain_id, "incidents", k))
    content.pains.update(vf.pain)
    for k, sv in enumerate(vf.saving):
        cap = catalog.capabilities.get(sv.capability)
        if cap is None and not strict:
            continue
        if cap is None:
            fail(f"saving names an unknown capability {sv.capability!r}{closest(sv.capability, catalog.capabilities)}",
                 ("saving", k, "capability"))
        elif sv.pain not in cap.addresses:
            fail(f"{sv.capability} does not address the pain {sv.pain!r} (its `addresses` list)", ("saving", k, "pain"))
        content.savings[(sv.capability, sv.pain)] = sv
    for goal_id in vf.goal:
        if goal_id not in catalog.goals:
            fail(f"unknown goal {goal_id!r}{closest(goal_id, catalog.goals)}", ("goal", goal_id))
    content.goals.update(vf.goal)


def check_value_file(path: str | Path, catalog: Catalog) -> list[MaturityError]:
    """`validate --strict` for a value file: its format, then its ids against the catalog."""
    try:
        vf, doc = load_value_file(path)
        base = catalog.value
        probe = ValueContent(incidents=dict(base.incidents))
        for inc in vf.incident:
            probe.incidents.pop(inc.id, None)
        merge(probe, vf, doc, "", catalog, strict=True)
    except MaturityError as exc:
        return [exc]
    return []
