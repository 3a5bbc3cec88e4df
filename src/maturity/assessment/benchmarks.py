"""Peer benchmarks: the figures plugins register through `register_benchmarks`, matched to a
business profile.

The rule (docs/reports.md#peer-benchmarks): a benchmark applies when its industry id equals the
profile's `industry_id` and its size band is the band of the profile's `size` (1-9, 10-49,
50-249 people). Nothing else matches: no nearby industry or size is offered as if it were the
business's own peers. When several plugins register the same pair, the first plugin loaded
wins, and the report says whose figures they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..contract.vocabulary import INDUSTRIES, SIZE_BANDS, size_band

if TYPE_CHECKING:  # pragma: no cover
    from ..contract.profile import Profile
    from ..contract.result import Result
    from ..plugins import Plugins


@dataclass(frozen=True)
class Benchmark:
    plugin: str
    plugin_version: str
    industry_id: str
    size_band: str
    indices: dict[str, float]

    @property
    def source(self) -> str:
        version = f" {self.plugin_version}" if self.plugin_version else ""
        return f"plugin {self.plugin}{version}"


@dataclass(frozen=True)
class Match:
    benchmark: Benchmark | None
    #: why nothing matched, or whose figures these are, in words
    note: str


def collect_benchmarks(plugins: Plugins) -> list[Benchmark]:
    """Every well-formed benchmark the plugins register; a malformed one is named in
    ``plugins.failures`` and left out."""
    bands = {band for band, _, _ in SIZE_BANDS}
    found: list[Benchmark] = []
    for name, args in plugins.collect("register_benchmarks"):
        problem = None
        if len(args) != 3:
            problem = f"registered a benchmark with {len(args)} arguments; give (industry, size_band, indices)"
        else:
            industry, band, indices = args
            if industry not in INDUSTRIES:
                problem = f"registered a benchmark for unknown industry id {industry!r}; known: {', '.join(INDUSTRIES)}"
            elif band not in bands:
                problem = f"registered a benchmark for size band {band!r}; use one of {', '.join(sorted(bands))}"
            elif not isinstance(indices, dict) or not all(
                isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)
                and math.isfinite(v) and 0 <= v <= 3
                for k, v in indices.items()
            ):
                problem = "registered benchmark indices that are not domain ids mapped to numbers from 0 to 3"
        if problem:
            plugins.fail(name, problem)
            continue
        info = plugins.info.get(name)
        found.append(Benchmark(name, info.version if info else "", industry, band, {k: float(v) for k, v in indices.items()}))
    return found


def match_benchmark(benchmarks: list[Benchmark], profile: Profile) -> Match:
    """The benchmark of the profile's industry id and size band (see the module's rule)."""
    if not benchmarks:
        return Match(None, "No peer benchmarks are installed (plugins can provide them).")
    if not profile.industry_id:
        return Match(None, "No peer comparison: the profile gives no industry_id (see docs/answer-format.md#industries).")
    band = size_band(profile.size)
    if band is None:
        why = "gives no size" if profile.size is None else f"gives a size of {profile.size} people, beyond the largest band (50-249)"
        return Match(None, f"No peer comparison: the profile {why}.")
    for bench in benchmarks:
        if bench.industry_id == profile.industry_id and bench.size_band == band:
            return Match(bench, f"Peers: {profile.industry_id} businesses of {band} people, median index per domain; figures from {bench.source}.")
    return Match(None, f"No peer benchmark for {profile.industry_id} businesses of {band} people among those installed.")


def peer_lines(result: Result, match: Match) -> list[str]:
    """The comparison in sentences, for the command line and the terminal app."""
    bench = match.benchmark
    if bench is None:
        return [match.note]
    out = [match.note]
    for d in result.domains:
        peer = bench.indices.get(d.domain)
        if peer is None:
            continue
        gap = d.index - peer
        word = "above" if gap > 0.005 else "below" if gap < -0.005 else "level with"
        out.append(f"  {d.name}: {d.index:.2f}, {word} peers ({peer:.2f})")
    return out
