"""The ``botocontract`` command: a click group whose subcommands load only when used.

Each subcommand lives in its own module and wraps one library function; this module only
routes, so ``botocontract validate`` never imports datamodel-code-generator and vice versa.
"""

from __future__ import annotations

from importlib import import_module

import click

# command name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "generate": "botocontract._cli.generate:generate",
    "validate": "botocontract._cli.validate:validate",
    "sample": "botocontract._cli.sample:sample",
    "diff": "botocontract._cli.diff:diff",
    "probe": "botocontract._cli.probe:probe",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(import_module(module_name), attribute)
        return command


@click.group(cls=_LazyGroup)
@click.version_option(package_name="botocontract")
def main() -> None:
    """Executable contracts from botocore's service models."""
