"""Find a service's strategy nodes: the generated module if there is one, else the IR.

Both paths run the same constructors with the same arguments: the generated module prints
``botocontract.codegen.emit.strategy_specs.shape_spec`` as source, and the fallback
instantiates those specs.
"""

from __future__ import annotations

import difflib
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from botocontract._strategy.registry import Registry
from botocontract.errors import UnknownShapeError
from botocontract.runtime.nodes import CONSTRUCTORS, Node, member
from botocontract.sources import generated_module

if TYPE_CHECKING:
    from botocontract.codegen import ir
    from botocontract.codegen.emit.strategy_specs import ShapeSpec


@cache
def registry(service: str) -> Registry:
    module = generated_module(service, "strategies")
    if module is not None:
        return Registry(service, module.PROTOCOL, module.SHAPES)
    from botocontract.codegen.load import load_installed  # noqa: PLC0415 - ungenerated services

    return registry_from_ir(load_installed(service))


def registry_from_ir(service: ir.Service) -> Registry:
    """Nodes built on demand from the IR, through the emitter's own specs."""
    from botocontract.codegen.emit.strategy_specs import shape_spec  # noqa: PLC0415 - codegen is the slow path

    factories = {
        name: partial(_from_spec, partial(shape_spec, service, shape))
        for name, shape in service.shapes.items()
    }
    return Registry(service.name, service.protocol, factories)


def _from_spec(spec_of: partial[ShapeSpec]) -> Node:
    spec = spec_of()
    args = [
        member(a.name, a.target, **dict(a.kwargs)) if hasattr(a, "target") else a for a in spec.args
    ]
    constructor: Any = CONSTRUCTORS[spec.constructor]
    node: Node = constructor(*args, **dict(spec.kwargs))
    return node


def checked_shape(registry: Registry, shape: str) -> str:
    if shape not in registry:
        close = difflib.get_close_matches(shape, list(registry.factories), n=3)
        raise UnknownShapeError(registry.service, shape, close)
    return shape
