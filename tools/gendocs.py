"""The documentation tables that mirror the code, generated from it.

    python tools/gendocs.py          # rewrite the generated blocks in README.md and docs/
    python tools/gendocs.py --check  # exit 1 when a block is out of date (`make test` runs this check)

A block sits between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`; the text
between them is replaced, the rest of the file is left as it is.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)",
                   re.S)


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _usage(command: Any, path: str) -> str:
    """`influkit enrich FILE`, `influkit score [FILE]`: the command with its arguments."""
    parts = [path]
    for param in command.params:
        if getattr(param, "param_type_name", "") == "argument":
            name = (param.metavar or param.name or "").upper()
            parts.append(name if param.required else f"[{name}]")
    return " ".join(parts)


def _short_help(command: Any) -> str:
    text = inspect.cleandoc(command.help or "")
    return " ".join(text.split("\n\n")[0].split())


def commands() -> list[tuple[str, str]]:
    """(usage, first paragraph of the help) of every command and sub-command, in `--help` order."""
    import typer

    from influkit.cli.app import app

    root = typer.main.get_command(app)
    out: list[tuple[str, str]] = []
    ctx = root.make_context("influkit", [], resilient_parsing=True)
    for name in root.list_commands(ctx):  # type: ignore[attr-defined]
        cmd = root.get_command(ctx, name)  # type: ignore[attr-defined]
        if hasattr(cmd, "list_commands"):
            out.append((f"influkit {name} ...", _short_help(cmd)))
            sub_ctx = cmd.make_context(name, [], resilient_parsing=True, parent=ctx)
            for sub in cmd.list_commands(sub_ctx):
                sub_cmd = cmd.get_command(sub_ctx, sub)
                out.append((_usage(sub_cmd, f"influkit {name} {sub}"), _short_help(sub_cmd)))
        else:
            out.append((_usage(cmd, f"influkit {name}"), _short_help(cmd)))
    return out


def commands_block() -> str:
    lines = ["| command | what it does |", "|---|---|"]
    lines += [f"| `{usage}` | {_cell(text)} |" for usage, text in commands()]
    return "\n".join(lines) + "\n"


def exit_codes_block() -> str:
    from influkit.errors import EXIT_CODES

    return "\n".join(["| code | meaning |", "|---|---|", *(f"| {c} | {_cell(m)} |" for c, m in EXIT_CODES.items())]) + "\n"


def columns_block() -> str:
    from influkit.schema import COLUMNS

    names = ", ".join(c.name for c in COLUMNS if c.name not in ("duplicate_of", "issues"))
    import textwrap

    return "\n".join(textwrap.wrap(f"`{names}`", 100)) + "\n"


def flags_block() -> str:
    from influkit.labels import value_word
    from influkit.thresholds import FLAGS

    lines = ["| code (shown as, en / fr) | raised when (the sentence `flag_reasons` gets, English) | in French "
             "| penalty | source |", "|---|---|---|---|---|"]
    lines += [f"| `{f.code}` ({_cell(value_word('flags', f.code, 'en'))} / {_cell(value_word('flags', f.code, 'fr'))})"
              f" | {_cell(f.reason)} | {_cell(f.reason_fr)} | {f.penalty} | {_cell(f.source)} |" for f in FLAGS.values()]
    return "\n".join(lines) + "\n"


def thresholds_block() -> str:
    from influkit.thresholds import table

    lines = ["| group | name | value | source |", "|---|---|---|---|"]
    lines += [f"| {_cell(r['group'])} | {_cell(r['name'])} | {_cell(r['value'])} | {_cell(r['source'])} |"
              for r in table()]
    return "\n".join(lines) + "\n"


def api_block() -> str:
    import influkit
    from influkit import api

    out: list[str] = []
    for name in sorted(api.__all__):
        obj = getattr(influkit, name)
        if not callable(obj) or isinstance(obj, type):
            continue
        signature = str(inspect.signature(obj))
        doc = inspect.cleandoc(obj.__doc__ or "").split("\n\n")[0]
        out += [f"### `influkit.{name}`", "", "```python", f"{name}{signature}", "```", "", " ".join(doc.split()), ""]
    return "\n".join(out)


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "commands": ("README.md", commands_block),
    "exit-codes": ("README.md", exit_codes_block),
    "columns": ("README.md", columns_block),
    "flags": ("README.md", flags_block),
    "thresholds": ("docs/thresholds.md", thresholds_block),
    "api": ("docs/python.md", api_block),
}


def stale(write: bool) -> list[str]:
    """Names of the blocks whose text differs from the code (rewritten when `write`)."""
    changed: list[str] = []
    for path in sorted({p for p, _ in BLOCKS.values()}):
        file = ROOT / path
        text = file.read_text(encoding="utf-8")
        found = {m.group("name") for m in BLOCK.finditer(text)}
        for name, (where, _) in BLOCKS.items():
            if where == path and name not in found:
                changed.append(f"{path}: no block {name!r}")

        def fill(m: re.Match[str], path: str = path) -> str:
            name = m.group("name")
            if name not in BLOCKS or BLOCKS[name][0] != path:
                return m.group(0)
            body = BLOCKS[name][1]()
            if body != m.group("body"):
                changed.append(f"{path}: {name}")
            return m.group(1) + body + m.group(4)

        new = BLOCK.sub(fill, text)
        if write and new != text:
            file.write_text(new, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = stale(write=not check)
    for c in changed:
        print(f"{'out of date' if check else 'rewrote'}: {c}", file=sys.stderr)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
