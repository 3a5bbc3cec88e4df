"""The capability graph: prerequisites, descendants, frontier, order, and the checks made when
it is built (duplicates, dangling ids, cycles), with property tests on random graphs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.common.errors import CatalogError
from maturity.catalog.graph import CapabilityGraph, Node

#            a.base (1)        b.base (1)
#             /      \          /
#       a.mid (2)   a.side (2) /
#             \      /        /
#             a.top (3) ------
#               |
#             a.peak (3)
NODES = [
    Node("a.base", "a", 1),
    Node("b.base", "b", 1),
    Node("a.mid", "a", 2, requires=("a.base",)),
    Node("a.side", "a", 2, requires=("a.base",), enhances=("a.mid",)),
    Node("a.top", "a", 3, requires=("a.mid", "a.side", "b.base")),
    Node("a.peak", "a", 3, requires=("a.top",)),
]


@pytest.fixture
def graph() -> CapabilityGraph:
    return CapabilityGraph(NODES)


def test_direct_prerequisites_and_dependents(graph: CapabilityGraph) -> None:
    assert graph.requires("a.top") == ["b.base", "a.mid", "a.side"]  # in topological order
    assert graph.requires("a.base") == []
    assert graph.required_by("a.base") == ["a.mid", "a.side"]
    assert graph.required_by("a.peak") == []


def test_prerequisites_are_transitive_and_in_order(graph: CapabilityGraph) -> None:
    assert graph.prerequisites("a.peak") == ["a.base", "b.base", "a.mid", "a.side", "a.top"]
    assert graph.prerequisites("a.mid") == ["a.base"]
    assert graph.prerequisites("b.base") == []


def test_descendants_are_transitive_and_in_order(graph: CapabilityGraph) -> None:
    assert graph.descendants("a.base") == ["a.mid", "a.side", "a.top", "a.peak"]
    assert graph.descendants("b.base") == ["a.top", "a.peak"]
    assert graph.descendants("a.peak") == []
    assert graph.depths("a.base") == {"a.mid": 1, "a.side": 1, "a.top": 2, "a.peak": 3}


def test_topological_order_breaks_ties_by_stage_then_id(graph: CapabilityGraph) -> None:
    assert graph.topological_order() == ["a.base", "b.base", "a.mid", "a.side", "a.top", "a.peak"]
    assert list(graph) == graph.topological_order()
    assert [graph.position(c) for c in graph.topological_order()] == list(range(6))
    assert len(graph) == 6 and "a.top" in graph and "a.nope" not in graph


def test_frontier(graph: CapabilityGraph) -> None:
    assert graph.frontier(set()) == ["a.base", "b.base"]
    assert graph.frontier({"a.base"}) == ["b.base", "a.mid", "a.side"]
    assert graph.frontier({"a.base", "a.mid", "a.side"}) == ["b.base"]
    assert graph.frontier({"a.base", "a.mid", "a.side", "b.base"}) == ["a.top"]
    assert graph.frontier({n.id for n in NODES}) == []


def test_frontier_treats_skipped_prerequisites_as_satisfied(graph: CapabilityGraph) -> None:
    # b.base does not apply to this business: it neither blocks a.top nor shows as next
    assert graph.frontier({"a.base", "a.mid", "a.side"}, skip={"b.base"}) == ["a.top"]


def test_unmet_closure(graph: CapabilityGraph) -> None:
    assert graph.unmet_closure("a.top", {"a.base", "a.mid"}) == ["b.base", "a.side", "a.top"]


def test_edges_and_soft_edges(graph: CapabilityGraph) -> None:
    assert ("b.base", "a.top") in graph.edges()
    assert len(graph.edges()) == 6
    assert set(graph.edges("b")) == {("b.base", "a.top")}
    assert graph.soft_edges() == [("a.side", "a.mid")]
    assert graph.domains() == ["a", "b"]


def test_duplicate_id() -> None:
    nodes = [Node("a.x", "a", 1, source="one.toml", line=3), Node("a.x", "b", 1, source="two.toml", line=9)]
    with pytest.raises(CatalogError, match=r"duplicate capability id 'a.x' \(also defined in one.toml:3\)") as info:
        CapabilityGraph(nodes)
    assert (info.value.path, info.value.line, info.value.key) == ("two.toml", 9, "a.x")


def test_dangling_requires_names_capability_missing_id_and_closest() -> None:
    nodes = [Node("a.backups", "a", 1), Node("a.restore", "a", 2, requires=("a.bakups",), source="a.toml", line=12)]
    with pytest.raises(CatalogError) as info:
        CapabilityGraph(nodes)
    assert info.value.message == (
        "capability 'a.restore' requires 'a.bakups', which no loaded questionnaire defines; "
        "closest existing ids: a.backups"
    )
    assert (info.value.path, info.value.line, info.value.key) == ("a.toml", 12, "a.restore")


def test_dangling_requires_without_anything_close() -> None:
    with pytest.raises(CatalogError) as info:
        CapabilityGraph([Node("a.one", "a", 1, requires=("zzz.qqq",))])
    assert "closest" not in info.value.message


def test_dangling_enhances() -> None:
    with pytest.raises(CatalogError, match="capability 'a.one' enhances 'a.tow', which no loaded questionnaire defines; closest existing ids: a.two"):
        CapabilityGraph([Node("a.one", "a", 1, enhances=("a.tow",)), Node("a.two", "a", 1)])


@pytest.mark.parametrize(
    "requires",
    [
        {"a.x": ("a.x",)},
        {"a.x": ("a.y",), "a.y": ("a.x",)},
        {"a.x": ("a.z",), "a.y": ("a.x",), "a.z": ("a.y",), "a.w": ("a.x",)},
    ],
)
def test_cycle_is_printed_in_requires_order(requires: dict[str, tuple[str, ...]]) -> None:
    nodes = [Node(cid, "a", 1, requires=req, source="a.toml") for cid, req in requires.items()]
    with pytest.raises(CatalogError) as info:
        CapabilityGraph(nodes)
    chain = _chain(info.value.message)
    assert chain[0] == chain[-1]
    assert len(set(chain)) == len(chain) - 1
    for a, b in zip(chain, chain[1:]):
        assert b in requires[a], f"{a} does not require {b}: {info.value.message}"
    assert info.value.key == chain[0]


def _chain(message: str) -> list[str]:
    match = re.fullmatch(r"prerequisites form a cycle: (.+)  \(--> means 'requires'\)", message)
    assert match, message
    return match.group(1).split(" --> ")


# --------------------------------------------------------------------------------------------
# properties on random graphs
# --------------------------------------------------------------------------------------------


@st.composite
def dags(draw: st.DrawFn) -> list[Node]:
    """A random DAG: node i may require any node j < i; ids are shuffled so that the order of
    definition tells nothing."""
    size = draw(st.integers(min_value=1, max_value=14))
    names = draw(st.permutations([f"d.n{i}" for i in range(size)]))
    nodes = []
    for i, name in enumerate(names):
        requires = draw(st.sets(st.sampled_from(names[:i]), max_size=4)) if i else set()
        stage = draw(st.integers(min_value=1, max_value=3))
        nodes.append(Node(name, "d", stage, requires=tuple(sorted(requires))))
    return draw(st.permutations(nodes))


def _closure(nodes: list[Node], cid: str) -> set[str]:
    by_id = {n.id: n for n in nodes}
    seen: set[str] = set()
    todo = list(by_id[cid].requires)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += by_id[current].requires
    return seen


@settings(max_examples=150, deadline=None)
@given(dags())
def test_topological_order_respects_every_edge(nodes: list[Node]) -> None:
    graph = CapabilityGraph(nodes)
    order = graph.topological_order()
    assert sorted(order) == sorted(n.id for n in nodes)
    position = {cid: i for i, cid in enumerate(order)}
    for node in nodes:
        for req in node.requires:
            assert position[req] < position[node.id]


@settings(max_examples=150, deadline=None)
@given(dags(), st.data())
def test_frontier_is_exactly_the_ready_capabilities(nodes: list[Node], data: st.DataObject) -> None:
    graph = CapabilityGraph(nodes)
    ids = [n.id for n in nodes]
    done = data.draw(st.sets(st.sampled_from(ids)))
    frontier = graph.frontier(done)
    for node in nodes:
        ready = node.id not in done and all(r in done for r in node.requires)
        assert (node.id in frontier) == ready, node
    assert frontier == [c for c in graph.topological_order() if c in set(frontier)]


@settings(max_examples=100, deadline=None)
@given(dags(), st.data())
def test_prerequisites_and_descendants_are_the_transitive_closures(nodes: list[Node], data: st.DataObject) -> None:
    graph = CapabilityGraph(nodes)
    cid = data.draw(st.sampled_from([n.id for n in nodes]))
    assert set(graph.prerequisites(cid)) == _closure(nodes, cid)
    assert set(graph.descendants(cid)) == {n.id for n in nodes if cid in _closure(nodes, n.id)}


@settings(max_examples=100, deadline=None)
@given(dags(), st.data())
def test_closing_any_path_into_a_loop_is_caught(nodes: list[Node], data: st.DataObject) -> None:
    # pick a capability and one of its prerequisites (or itself); make the prerequisite require
    # the capability: that always closes a cycle, and the message must print a real one
    cid = data.draw(st.sampled_from([n.id for n in nodes]))
    target = data.draw(st.sampled_from(sorted(_closure(nodes, cid) | {cid})))
    looped = [Node(n.id, n.domain, n.stage, requires=n.requires + ((cid,) if n.id == target else ())) for n in nodes]
    with pytest.raises(CatalogError) as info:
        CapabilityGraph(looped)
    chain = _chain(info.value.message)
    requires = {n.id: n.requires for n in looped}
    assert chain[0] == chain[-1]
    assert all(b in requires[a] for a, b in zip(chain, chain[1:]))
