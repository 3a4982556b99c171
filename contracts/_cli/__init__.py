"""The ``botocontract`` command's subcommands, one module each (private)."""
