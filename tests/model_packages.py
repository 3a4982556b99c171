"""Generated pydantic models as importable packages, for tests that judge payloads with them."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from botocontract.codegen.emit.pydantic import emit_files
from botocontract.codegen.load import load_service

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def emit_package(service: str, directory: Path, package: str) -> ModuleType:
    """Emit ``service``'s models (a name or a model file) into ``directory/package`` and
    import that package."""
    target = directory / package
    target.mkdir(parents=True)
    for name, data in emit_files(load_service(service)).items():
        (target / name).write_bytes(data)
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(directory))


def committed_or_emitted(service: str, directory: Path) -> ModuleType:
    """The committed ``generated/<service>`` package if there is one, else freshly emitted."""
    if (ROOT / "generated" / service / "models.py").is_file():
        return importlib.import_module(f"botocontract.generated.{service}")
    return emit_package(service, directory, f"{service.replace('-', '_')}_emitted_models")
