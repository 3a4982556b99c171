"""Hand-written botocore service models: one JSON-protocol operation over the given shapes."""

from __future__ import annotations

from typing import Any


def one_operation_model(
    service_id: str, operation: str, input_shape: str, shapes: dict[str, Any]
) -> dict[str, Any]:
    """A model botocore loads, with ``operation`` taking ``input_shape`` (one of ``shapes``)."""
    return {
        "version": "2.0",
        "metadata": {
            "apiVersion": "2024-01-01",
            "endpointPrefix": service_id.lower(),
            "jsonVersion": "1.1",
            "protocol": "json",
            "protocols": ["json"],
            "serviceFullName": f"{service_id} (test model)",
            "serviceId": service_id,
            "signatureVersion": "v4",
            "targetPrefix": f"{service_id}_20240101",
            "uid": f"{service_id.lower()}-2024-01-01",
        },
        "operations": {
            operation: {
                "name": operation,
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": input_shape},
            }
        },
        "shapes": shapes,
    }
