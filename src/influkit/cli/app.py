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
from ..errors import EXIT_DATA, EXIT_USAGE, InfluError, UsageError

app = typer.Typer(
    name="influkit",
    help="Turn a messy influencer prospecting sheet into decisions: enrich, score, shortlist, funnel.\n\n"
    "Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 bad data or failure, 2 usage error, "
    "3 finished but some rows could not be enriched.",
    no_args_is_help=True,
    add_completion=False,
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


_SKIP = {"app", "common", "__main__"}


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


_register_commands()


def main() -> None:
    """Console entry point: one-line errors, documented exit codes, tracebacks only with --debug."""
    argv = sys.argv[1:]
    if "--debug" in argv:  # accepted anywhere on the line, as the error messages suggest
        os.environ["INFLUKIT_DEBUG"] = "1"
        argv = [a for a in argv if a != "--debug"]
    try:
        code = app(args=argv, prog_name="influkit", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except InfluError as exc:
        if os.environ.get("INFLUKIT_DEBUG"):
            raise
        print(f"influkit: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("influkit: aborted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("influkit: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        # the reader of our stdout went away (e.g. `| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # usage errors of the (vendored) click parser, and the unexpected
        code = getattr(exc, "exit_code", None)
        show = getattr(exc, "show", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        if os.environ.get("INFLUKIT_DEBUG"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"influkit: {type(exc).__name__}: {message} (run with --debug for the traceback)", file=sys.stderr)
        sys.exit(EXIT_DATA)


__all__ = ["app", "main", "EXIT_USAGE", "UsageError"]
