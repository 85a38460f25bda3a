"""Errors with the context a user needs: file, sheet, row and column, on one line."""

from __future__ import annotations

# Documented exit codes (README "Exit codes").
EXIT_OK = 0
EXIT_DATA = 1  # bad data or runtime failure
EXIT_USAGE = 2  # usage error (typer/click use 2 as well)
EXIT_PARTIAL = 3  # the run finished but some rows could not be enriched
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_HANGUP = 129  # the terminal was closed (128 + SIGHUP)
EXIT_TERMINATED = 143  # stopped by SIGTERM (128 + 15): `timeout`, `kill`, `docker stop`, a cancelled CI job

# What each exit code means (the README's table is generated from this).
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_DATA: "bad data or runtime failure (missing file, unreadable workbook, `--strict` issue, a handle the "
               "workspace does not know, disk full, ...)",
    EXIT_USAGE: "usage error (unknown option, bad `--format`, bad `--map`, bad `--tiers`, `--no-store` where a "
                "workspace is needed, a handle on several networks without `--platform`, ...)",
    EXIT_PARTIAL: "the run finished but some rows could not be enriched with live stats; each such row says why in "
                  "`issues`",
    EXIT_HANGUP: "stopped because the terminal was closed (SIGHUP; not under `nohup`): the same clean stop as Ctrl-C",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
    EXIT_TERMINATED: "stopped by SIGTERM (`timeout`, `kill`, `docker stop`, a cancelled CI job): the same clean stop as "
                     "Ctrl-C",
}


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal asking a process to end (SIGTERM, SIGHUP), raised where the run
    stood so that it stops as after a Ctrl-C: temporary files removed, an open workspace transaction
    rolled back, the progress display put away. A KeyboardInterrupt, so that every place that cleans up
    after a Ctrl-C does it for this too. The library never raises it by itself: the command line turns
    these signals into it (`influkit.stopping.stop_on_signals`, which a program calling the library may
    call too)."""

    def __init__(self, signum: int) -> None:
        import signal

        try:
            name = signal.Signals(signum).name
        except ValueError:
            name = f"signal {signum}"
        super().__init__(name)
        self.signum = signum
        self.name = name

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a process the signal ended (SIGTERM: 143)."""
        return 128 + self.signum


class InfluError(Exception):
    """An error the user can act on. `str()` is a single line naming where it happened."""

    exit_code = EXIT_DATA

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        text = " ".join(self.message.split())
        return f"{', '.join(where)}: {text}" if where else text


class UsageError(InfluError):
    exit_code = EXIT_USAGE


class NoListError(InfluError):
    """A campaign of the workspace has no list yet (nothing imported with `enrich`, no creator `set`)."""
