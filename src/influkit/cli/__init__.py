"""The `influkit` command line: a thin Typer layer, one module per command (see app.py)."""

from __future__ import annotations

import sys


def main() -> None:
    """Console entry point. `--version` answers before typer and the commands are imported."""
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        print(f"influkit {__version__}")
        return
    from .app import main as app_main

    app_main()
