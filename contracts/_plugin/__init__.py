"""The pytest plugin's parts, loaded lazily by ``botocontract.pytest_plugin`` (private)."""
