"""The `influkit` Typer app. Each command lives in its own module of this package, which exposes
`register(app)`; modules are found here so commands can be added without touching this file."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from typing import Annotated

import typer

from .. import __version__
from ..errors import EXIT_USAGE, UsageError
from .common import debug_enabled, error_exit_code

app = typer.Typer(
    name="influkit",
    help="Turn a messy influencer prospecting sheet into decisions: enrich, score, shortlist, funnel.\n\n"
    "Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 bad data or failure, 2 usage error, "
    "3 finished but some rows could not be enriched.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"influkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback on errors.")] = False,
) -> None:
    if debug:
        os.environ["INFLUKIT_DEBUG"] = "1"


_SKIP = {"app", "common", "render", "__main__"}


def _register_commands() -> None:
    package = sys.modules[__package__ or "influkit.cli"]
    modules = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _SKIP or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "register"):
            modules.append(module)
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 50), m.__name__)):
        module.register(app)
    _full_short_help(app)


def _full_short_help(typer_app: typer.Typer) -> None:
    """`influkit --help` lists each command with the whole first paragraph of its help (click would cut
    it at 45 characters): the same text as the README's command table (tools/gendocs.py)."""
    import inspect

    for info in typer_app.registered_commands:
        if info.short_help is None and info.callback is not None:
            info.short_help = " ".join(inspect.cleandoc(info.callback.__doc__ or "").split("\n\n")[0].split())
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            text = group.help if isinstance(group.help, str) else group.typer_instance.info.help
            if group.short_help is None and isinstance(text, str):
                group.short_help = " ".join(inspect.cleandoc(text).split("\n\n")[0].split())
            _full_short_help(group.typer_instance)


_register_commands()


def main() -> None:
    """Console entry point: one-line errors, documented exit codes, tracebacks only with --debug."""
    argv = sys.argv[1:]
    if "--debug" in argv:  # accepted anywhere on the line, as the error messages suggest
        os.environ["INFLUKIT_DEBUG"] = "1"
        argv = [a for a in argv if a != "--debug"]
    try:
        code = app(args=argv, prog_name="influkit", standalone_mode=False)
        sys.stdout.flush()
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        if code is None:
            code = getattr(exc, "code", 0)
    except typer.Abort:
        print("influkit: aborted", file=sys.stderr)
        code = 130
    except BaseException as exc:
        if debug_enabled() and not isinstance(exc, KeyboardInterrupt | BrokenPipeError):
            raise
        code = error_exit_code(exc)
    if isinstance(code, int) and code:
        sys.exit(code)


__all__ = ["app", "main", "EXIT_USAGE", "UsageError"]
