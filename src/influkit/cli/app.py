"""The `influkit` Typer app. Each command lives in its own module of this package, which exposes
`register(app)`; modules are found here so commands can be added without touching this file."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import EXIT_INTERRUPTED, EXIT_USAGE, UsageError
from ..stopping import finishing, received, stop_on_signals
from . import common
from .common import debug_enabled, error_exit_code, interrupted_code, say_interrupted

HELP = ("Turn a messy influencer prospecting sheet into decisions: enrich, score, shortlist, funnel.\n\n"
        "Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 bad data or failure, 2 usage error, "
        "3 finished but some rows could not be enriched, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (129: the "
        "terminal closed). Shell completion: --install-completion.")


def _new_app() -> typer.Typer:
    return typer.Typer(name="influkit", help=HELP, no_args_is_help=True, add_completion=True,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


def _version(value: bool) -> None:
    if value:
        print(f"influkit {__version__}")
        raise typer.Exit()


_SKIP = {"app", "common", "render", "__main__"}


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback on errors.")] = False,
) -> None:
    if debug:
        os.environ["INFLUKIT_DEBUG"] = "1"


def command_modules() -> list[str]:
    """The command modules of this package (a module named like its command, with `register(app)`)."""
    package = sys.modules[__package__ or "influkit.cli"]
    return [info.name for info in pkgutil.iter_modules(package.__path__)
            if info.name not in _SKIP and not info.name.startswith("_")]


def build_app(only: str | None = None, *, options: bool = True) -> typer.Typer:
    """The Typer app with every command, or with the one command `only` (what a console run of that
    command needs: the other modules are not even imported, which keeps start-up fast). Without
    `options`, the commands' options are left as registered (the `influkit --help` index shows none)."""
    new = _new_app()
    new.callback()(_root)
    modules = []
    for name in command_modules():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"{__package__ or 'influkit.cli'}.{name}")
        if hasattr(module, "register"):
            modules.append(module)
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 50), m.__name__)):
        module.register(new)
    _full_short_help(new)
    if options:
        _metavars(new)
        _plain_required_arguments()
    return new


# How `--help` names the value of an option (default: the option's name in capitals).
METAVARS = {"output": "FILE", "format": "FORMAT", "from": "FORMAT", "map": "HEADER=COLUMN", "db": "PATH",
            "brand": "FILE", "posts": "FILE", "config": "FILE", "chart": "FILE", "cards": "DIR", "utm": "FILE",
            "since": "DATE", "until": "DATE", "on": "DATE", "start": "DATE", "end": "DATE", "explain": "HANDLE",
            "code-pattern": "PATTERN", "currency": "CODE", "max-age": "DURATION", "tiers": "BANDS",
            "campaign": "NAME", "sheet": "SHEET", "lang": "LANG", "rules": "RULES"}
_NUMBER_METAVARS = {int: "N", float: "NUMBER"}


def _plain_required_arguments() -> None:
    """`Usage: influkit enrich [OPTIONS] FILE` as click writes it, not typer's `{FILE}` (typer marks
    required arguments with braces, which read like a set of choices)."""
    from typer.core import TyperArgument

    original = TyperArgument.make_metavar
    if getattr(original, "_influkit", False):
        return

    def make_metavar(self: TyperArgument, ctx: Any, *, usage: bool = False) -> str:
        text = original(self, ctx, usage=usage)
        return text[1:-1] if usage and text.startswith("{") and text.endswith("}") else text

    make_metavar._influkit = True  # type: ignore[attr-defined]
    TyperArgument.make_metavar = make_metavar  # type: ignore[method-assign]


def _metavars(typer_app: typer.Typer) -> None:
    """Readable value names in `--help` (FILE, DATE, N...) instead of typer's `<str>` and `{file}`."""
    import inspect
    import typing

    from typer.models import ArgumentInfo, OptionInfo

    infos = [i.callback for i in typer_app.registered_commands if i.callback is not None]
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _metavars(group.typer_instance)
    for callback in infos:
        # resolved once and kept: typer would otherwise evaluate the string annotations again (new
        # OptionInfo objects, without the metavars set here)
        resolved = typing.get_type_hints(callback, include_extras=True)
        callback.__annotations__ = inspect.unwrap(callback).__annotations__ = resolved
        for name in inspect.signature(callback).parameters:
            hints = resolved.get(name)
            meta = [m for m in getattr(hints, "__metadata__", ()) if isinstance(m, OptionInfo | ArgumentInfo)]
            base = typing.get_args(hints)[0] if meta else None
            for info in meta:
                if info.metavar is not None or base is bool:
                    continue
                if isinstance(info, ArgumentInfo):
                    info.metavar = name.upper()
                    continue
                decls = [info.default, *(info.param_decls or ())]  # typer keeps the first one as `default`
                long = next((d.lstrip("-") for d in decls if isinstance(d, str) and d.startswith("--")), name)
                number = next((v for t, v in _NUMBER_METAVARS.items()
                               if base is t or t in typing.get_args(base)), None)
                info.metavar = METAVARS.get(long) or number or long.upper().replace("-", "_")


def _noop() -> None:
    """Stands for a command in `influkit --help`."""


def _index(full: typer.Typer) -> typer.Typer:
    """The app as `influkit --help` shows it: every command's name and help, without their options
    (converting every option of every command is most of a `--help`'s start-up)."""
    index = _new_app()
    index.callback()(_root)
    for info in full.registered_commands:
        index.command(info.name, help=info.help, short_help=info.short_help)(_noop)
    for group in full.registered_groups:
        text = group.typer_instance.info.help if group.typer_instance is not None else None
        stub = typer.Typer(help=text if isinstance(text, str) else None, rich_markup_mode=None)
        stub.command("help")(_noop)
        index.add_typer(stub, name=group.name, short_help=group.short_help)
    return index


_APP: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """`app`: every command (built on first use)."""
    global _APP
    if name == "app":
        if _APP is None:
            _APP = build_app()
        return _APP
    raise AttributeError(name)


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
            if not isinstance(group.short_help, str) and isinstance(text, str):
                group.short_help = " ".join(inspect.cleandoc(text).split("\n\n")[0].split())
            _full_short_help(group.typer_instance)


def main() -> None:
    """Console entry point: one-line errors, documented exit codes, tracebacks only with --debug."""
    argv = sys.argv[1:]
    if "--debug" in argv:  # accepted anywhere on the line, as the error messages suggest
        os.environ["INFLUKIT_DEBUG"] = "1"
        argv = [a for a in argv if a != "--debug"]
    command = next((a for a in argv if not a.startswith("-")), None)
    common._SAID.clear()
    stop_on_signals()  # SIGTERM and SIGHUP stop the run as a Ctrl-C does (cleaned up, one line, 143/129)
    if (store := sys.modules.get("influkit.store.base")) is not None:
        store.COMMITTED.clear()  # (one command line a process, except in tests)
    if os.environ.get("_INFLUKIT_COMPLETE"):
        target = build_app()  # shell completion needs every command's options
    elif command in command_modules():
        target = build_app(only=command)
    elif command is None:
        target = _index(build_app(options=False))  # `influkit --help`: names and help, no options to convert
    else:
        target = build_app()  # an unknown command: click says so
    try:
        code = target(args=argv, prog_name="influkit", standalone_mode=False)
        sys.stdout.flush()
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        if code is None:
            code = getattr(exc, "code", 0)
    except typer.Abort:  # (a Ctrl-C in a prompt: said below)
        code = EXIT_INTERRUPTED
    except BaseException as exc:
        if debug_enabled() and not isinstance(exc, KeyboardInterrupt | BrokenPipeError):
            raise
        code = error_exit_code(exc)
    if not code:  # the work is done and written: a Ctrl-C or SIGTERM now would only kill the exit (and a checkpoint)
        finishing()
    if code == EXIT_INTERRUPTED:  # typer turns a KeyboardInterrupt into a silent 130: SIGTERM's is 143
        stop = received()
        code = EXIT_INTERRUPTED if stop is None else interrupted_code(stop)
        if not common._SAID:
            say_interrupted(stop)
    if isinstance(code, int) and code:
        sys.exit(code)


__all__ = ["build_app", "main", "EXIT_USAGE", "UsageError"]
