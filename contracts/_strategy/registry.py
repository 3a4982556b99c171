"""A service's strategy nodes by shape name, and which shapes can contain themselves.

Nodes are built on first use (a service like EC2 has thousands of shapes; a test needs a
few). Recursion is found with Tarjan's algorithm over the shapes reachable from each shape
asked for, so a depth budget applies only where a payload could nest without end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from botocontract.runtime.nodes import Node

NodeFactory = Callable[[], Node]


@dataclass
class Registry:
    """The nodes of one service; ``protocol`` decides the wire form."""

    service: str
    protocol: str
    factories: Mapping[str, NodeFactory]
    _nodes: dict[str, Node] = field(default_factory=dict)
    _recursive: set[str] = field(default_factory=set)
    _analysed: set[str] = field(default_factory=set)

    def __contains__(self, name: object) -> bool:
        return name in self.factories

    def node(self, name: str) -> Node:
        found = self._nodes.get(name)
        if found is None:
            found = self._nodes[name] = self.factories[name]()
        return found

    def is_recursive(self, name: str) -> bool:
        """Whether a payload of ``name`` can contain another one (directly or not)."""
        if name not in self._analysed:
            self._analyse(name)
        return name in self._recursive

    def _analyse(self, root: str) -> None:
        for component in _components(root, self._successors):
            self._analysed.update(component)
            if len(component) > 1 or component[0] in self.node(component[0]).targets():
                self._recursive.update(component)

    def _successors(self, name: str) -> tuple[str, ...]:
        return tuple(t for t in self.node(name).targets() if t not in self._analysed)


def _components(root: str, successors: Callable[[str], tuple[str, ...]]) -> Iterator[list[str]]:
    """Strongly connected components reachable from ``root`` (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    work: list[tuple[str, Iterator[str]]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        work.append((name, iter(successors(name))))

    visit(root)
    while work:
        name, children = work[-1]
        child = next(children, None)
        if child is None:
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[name])
            if low[name] == index[name]:
                yield _pop_component(name, stack, on_stack)
        elif child not in index:
            visit(child)
        elif child in on_stack:
            low[name] = min(low[name], index[child])


def _pop_component(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    component: list[str] = []
    while True:
        name = stack.pop()
        on_stack.discard(name)
        component.append(name)
        if name == root:
            return component
