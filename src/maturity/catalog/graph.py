"""The capability graph: the one module that knows networkx.

Edges point from a prerequisite to the capability that requires it. The graph is checked when it
is built: duplicate ids, `requires` that name no capability, and cycles are CatalogErrors that
name the capability and print the path.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Iterator

import networkx as nx

from ..common.errors import CatalogError


@dataclass(frozen=True)
class Node:
    """What the graph needs to know of a capability."""

    id: str
    domain: str
    stage: int
    requires: tuple[str, ...] = ()
    enhances: tuple[str, ...] = ()
    source: str = ""
    line: int | None = None


class CapabilityGraph:
    """Prerequisites between capabilities of every loaded plugin."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._g: nx.DiGraph = nx.DiGraph()
        self._soft: list[tuple[str, str]] = []
        self._nodes: dict[str, Node] = {}
        for node in nodes:
            if node.id in self._nodes:
                first = self._nodes[node.id]
                raise CatalogError(
                    f"duplicate capability id {node.id!r} (also defined in {_where(first)})",
                    path=node.source or None, line=node.line, key=node.id,
                )
            self._nodes[node.id] = node
            self._g.add_node(node.id)
        for node in self._nodes.values():
            for req in node.requires:
                if req not in self._nodes:
                    close = difflib.get_close_matches(req, list(self._nodes), n=3, cutoff=0.5)
                    hint = f"; closest existing ids: {', '.join(close)}" if close else ""
                    error = CatalogError(
                        f"capability {node.id!r} requires {req!r}, which no loaded questionnaire defines{hint}",
                        path=node.source or None, line=node.line, key=node.id,
                    )
                    error.edge = (node.id, req)  # type: ignore[attr-defined]
                    raise error
                self._g.add_edge(req, node.id)
            for soft in node.enhances:
                if soft not in self._nodes:
                    close = difflib.get_close_matches(soft, list(self._nodes), n=3, cutoff=0.5)
                    hint = f"; closest existing ids: {', '.join(close)}" if close else ""
                    error = CatalogError(
                        f"capability {node.id!r} enhances {soft!r}, which no loaded questionnaire defines{hint}",
                        path=node.source or None, line=node.line, key=node.id,
                    )
                    error.edge = (node.id, soft)  # type: ignore[attr-defined]
                    raise error
                self._soft.append((node.id, soft))
        try:
            cycle = nx.find_cycle(self._g)
        except nx.NetworkXNoCycle:
            cycle = None
        if cycle:
            # edges run prerequisite -> dependent; walk them backwards to print the cycle as
            # "a --> b --> a", each capability followed by the one it requires
            ids = [cycle[0][1], cycle[0][0]] + [edge[0] for edge in reversed(cycle[1:])]
            first = self._nodes[ids[0]]
            error = CatalogError(
                "prerequisites form a cycle: " + " --> ".join(ids) + "  (--> means 'requires')",
                path=first.source or None, line=first.line, key=ids[0],
            )
            error.cycle = ids  # type: ignore[attr-defined]
            raise error
        self._order = list(nx.lexicographical_topological_sort(self._g, key=self._sort_key))
        self._position = {cid: i for i, cid in enumerate(self._order)}

    def _sort_key(self, cid: str) -> tuple[int, str]:
        return (self._nodes[cid].stage, cid)

    # -- questions ------------------------------------------------------------------------------

    def __contains__(self, cid: object) -> bool:
        return cid in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def node(self, cid: str) -> Node:
        return self._nodes[cid]

    def edges(self, domain: str | None = None) -> list[tuple[str, str]]:
        """(prerequisite, dependent) pairs; with a domain, those touching it."""
        return [
            (a, b)
            for a, b in self._g.edges
            if domain is None or self._nodes[a].domain == domain or self._nodes[b].domain == domain
        ]

    def soft_edges(self, domain: str | None = None) -> list[tuple[str, str]]:
        """(capability, what it enhances) pairs; with a domain, those touching it."""
        return [
            (a, b)
            for a, b in self._soft
            if domain is None or self._nodes[a].domain == domain or self._nodes[b].domain == domain
        ]

    def enhances(self, cid: str) -> list[str]:
        """What `cid` enhances (soft links, never blocking)."""
        return [b for a, b in self._soft if a == cid]

    def requires(self, cid: str) -> list[str]:
        """Direct hard prerequisites."""
        return sorted(self._g.predecessors(cid), key=self._position.__getitem__)

    def required_by(self, cid: str) -> list[str]:
        """Capabilities that directly require `cid`."""
        return sorted(self._g.successors(cid), key=self._position.__getitem__)

    def prerequisites(self, cid: str) -> list[str]:
        """Every capability that must come before `cid`, in topological order."""
        return sorted(nx.ancestors(self._g, cid), key=self._position.__getitem__)

    def descendants(self, cid: str) -> list[str]:
        """Every capability that (directly or not) requires `cid`, in topological order."""
        return sorted(nx.descendants(self._g, cid), key=self._position.__getitem__)

    def depths(self, cid: str, cutoff: int | None = None) -> dict[str, int]:
        """Distance in edges from `cid` to each of its descendants (up to `cutoff` edges)."""
        lengths = nx.single_source_shortest_path_length(self._g, cid, cutoff=cutoff)
        return {k: v for k, v in lengths.items() if k != cid}

    def topological_order(self) -> list[str]:
        """All capabilities, every prerequisite before what requires it (stage, then id, breaks ties)."""
        return list(self._order)

    def position(self, cid: str) -> int:
        return self._position[cid]

    def frontier(self, done: set[str], skip: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
        """Capabilities not done and not skipped whose every prerequisite is done or skipped."""
        satisfied = done | skip
        return [
            cid
            for cid in self._order
            if cid not in satisfied and all(p in satisfied for p in self._g.predecessors(cid))
        ]

    def unmet_closure(self, cid: str, done: set[str]) -> list[str]:
        """`cid` and every prerequisite of it not yet done, in topological order."""

        return self._unmet(self._ancestor_bits()[cid], done) + [cid]

    def unmet_closure_of(self, cids: Iterable[str], done: set[str]) -> list[str]:
        """Every capability of `cids` and every prerequisite of them not yet done, in topological
        order: the union of their `unmet_closure`s, worked out at once."""
        ancestors = self._ancestor_bits()
        position = self._position
        bits = 0
        for cid in cids:
            bits |= ancestors[cid] | (1 << position[cid])
        own = set(cids)
        return [p for p in self._members(bits) if p not in done or p in own]

    def ancestor_mask(self, cid: str) -> int:
        """The prerequisites of `cid` at any depth as a bit set over topological positions (bit k:
        the capability at `position` k), for set arithmetic over many capabilities at once."""
        return self._ancestor_bits()[cid]

    def _unmet(self, bits: int, done: set[str]) -> list[str]:
        return [p for p in self._members(bits) if p not in done]

    def _members(self, bits: int) -> Iterator[str]:
        """The capabilities of a bit set over topological positions (bit k: position k), in order."""
        import numpy as np

        if not bits:
            return iter(())
        flags = np.unpackbits(np.frombuffer(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), np.uint8),
                              bitorder="little")
        return map(self._order.__getitem__, np.flatnonzero(flags).tolist())

    def _ancestor_bits(self) -> dict[str, int]:
        """For each capability, its prerequisites at any depth as a bit set over topological
        positions: worked out once, in one pass in topological order."""
        bits = getattr(self, "_ancestors", None)
        if bits is None:
            bits = {}
            position = self._position
            for cid in self._order:
                mask = 0
                for p in self._g.predecessors(cid):
                    mask |= bits[p] | (1 << position[p])
                bits[cid] = mask
            self._ancestors = bits
        return bits

    def domains(self) -> list[str]:
        seen: dict[str, None] = {}
        for node in self._nodes.values():
            seen.setdefault(node.domain, None)
        return list(seen)


def _where(node: Node) -> str:
    if not node.source:
        return "another plugin"
    return f"{node.source}:{node.line}" if node.line else node.source
