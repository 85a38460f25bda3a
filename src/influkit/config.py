"""Settings for the live-stats providers: environment variables, then a TOML config file.

Sources, highest priority first:

1. environment variables: ``YOUTUBE_API_KEY``, ``INSTAGRAM_ACCESS_TOKEN``, ``INSTAGRAM_USER_ID``,
   ``INFLUKIT_YOUTUBE_URL``, ``INFLUKIT_GRAPH_URL``;
2. the file given with ``--config FILE`` (``config_path``), else
   ``platformdirs.user_config_dir("influkit")/config.toml`` when it exists::

       [youtube]
       api_key = "..."
       base_url = "https://www.googleapis.com/youtube/v3"   # optional
       rate_limit = 20                                        # requests per second, optional

       [instagram]
       access_token = "..."
       user_id = "17841400000000000"
       base_url = "https://graph.facebook.com/v25.0"        # optional
       rate_limit = 2

       [live]
       window = 12          # videos / posts per account
       concurrency = 10
       max_age = "24h"

Secrets are kept out of ``repr()`` so a logged Settings object never shows them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InfluError, UsageError

DEFAULT_YOUTUBE_URL = "https://www.googleapis.com/youtube/v3"
DEFAULT_GRAPH_URL = "https://graph.facebook.com/v25.0"


@dataclass
class Settings:
    youtube_api_key: str | None = field(default=None, repr=False)
    youtube_url: str = DEFAULT_YOUTUBE_URL
    youtube_rate_limit: float | None = None
    instagram_access_token: str | None = field(default=None, repr=False)
    instagram_user_id: str | None = None
    graph_url: str = DEFAULT_GRAPH_URL
    instagram_rate_limit: float | None = None
    live: dict[str, Any] = field(default_factory=dict)  # [live] table of the file, validated: live_options defaults
    config_file: str | None = None  # the file that was read, if any
    # where each secret came from: "env" or the config file's path (for messages; never the secret)
    youtube_key_source: str | None = None
    instagram_token_source: str | None = None

    @property
    def secrets(self) -> list[str]:
        return [s for s in (self.youtube_api_key, self.instagram_access_token) if s]


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("influkit")) / "config.toml"


def load_settings(config_path: str | os.PathLike[str] | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment and the config file (env wins). A missing explicit file is an
    error; a missing default file is not."""
    environ = os.environ if env is None else env
    path = Path(config_path) if config_path else default_config_path()
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InfluError(f"cannot read the config file: {exc}", file=str(path)) from exc
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"not valid TOML: {exc}", file=str(path)) from exc
    elif config_path:
        raise UsageError(f"config file not found: {path}")
    unknown = sorted(set(data) - set(_KEYS) - {"live"})
    if unknown:  # a typo ([youtub]) would only show later as "YOUTUBE_API_KEY not set"
        raise UsageError(f"unknown table [{unknown[0]}]; the tables are [youtube], [instagram] and [live]",
                         file=str(path))
    yt = _table(data, "youtube", path)
    ig = _table(data, "instagram", path)
    live = _table(data, "live", path)

    def pick(env_name: str, table: dict[str, Any], key: str, section: str, secret: bool = False) -> str | None:
        value = environ.get(env_name) or table.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise UsageError(f"[{section}] {key} must be a string", file=str(path))
        text = str(value).strip() if value not in (None, "") else None
        if secret and text is not None and not _printable_ascii(text):
            # a pasted key with a line break or a look-alike character would only fail later, inside
            # an HTTP error that quotes it: refused here, naming where it is set, never its value
            where = env_name if environ.get(env_name) else f"[{section}] {key} in {path}"
            raise UsageError(f"{where}: the value has a line break, a space or a non-ASCII character; "
                             "copy it again")
        return text

    def source(env_name: str, table: dict[str, Any], key: str) -> str | None:
        if environ.get(env_name):
            return "env"
        return str(path) if table.get(key) not in (None, "") else None

    return Settings(
        youtube_api_key=pick("YOUTUBE_API_KEY", yt, "api_key", "youtube", secret=True),
        youtube_url=(pick("INFLUKIT_YOUTUBE_URL", yt, "base_url", "youtube") or DEFAULT_YOUTUBE_URL).rstrip("/"),
        youtube_rate_limit=_number(yt.get("rate_limit"), "youtube.rate_limit", path),
        instagram_access_token=pick("INSTAGRAM_ACCESS_TOKEN", ig, "access_token", "instagram", secret=True),
        instagram_user_id=pick("INSTAGRAM_USER_ID", ig, "user_id", "instagram", secret=True),
        graph_url=(pick("INFLUKIT_GRAPH_URL", ig, "base_url", "instagram") or DEFAULT_GRAPH_URL).rstrip("/"),
        instagram_rate_limit=_number(ig.get("rate_limit"), "instagram.rate_limit", path),
        live=live_values(live, f"{path}: [live]"),
        config_file=str(path) if path.is_file() else None,
        youtube_key_source=source("YOUTUBE_API_KEY", yt, "api_key"),
        instagram_token_source=source("INSTAGRAM_ACCESS_TOKEN", ig, "access_token"),
    )


def _printable_ascii(text: str) -> bool:
    """Letters, digits and punctuation of ASCII only (what API keys and tokens are made of)."""
    return all(33 <= ord(ch) <= 126 for ch in text)


# the keys of the [youtube] and [instagram] tables ([live] is checked by live_values)
_KEYS = {"youtube": ("api_key", "base_url", "rate_limit"),
         "instagram": ("access_token", "user_id", "base_url", "rate_limit")}


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise UsageError(f"[{name}] must be a table", file=str(path))
    wrong = sorted(set(value) - set(_KEYS.get(name, value)))
    if wrong:  # `api_kee = ...` would only show later as "YOUTUBE_API_KEY not set"
        raise UsageError(f"[{name}] has no key {wrong[0]!r}; its keys are {', '.join(_KEYS[name])}", file=str(path))
    return value


def _number(value: Any, name: str, path: Path) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        section, key = name.split(".", 1)
        raise UsageError(f"[{section}] {key} must be a positive number (got {value!r})", file=str(path))
    return float(value)


# The keys of the `[live]` table (and of `live_options`) and what each must be:
# "count" a whole number >= 1, "count0" a whole number >= 0, "positive" a number > 0,
# "number0" a number >= 0, "duration" a duration ("24h"), "rate" a positive number or a
# {youtube = N, instagram = N} table, "bool" true/false.
LIVE_KEYS: dict[str, str] = {
    "window": "count", "concurrency": "count", "max_age": "duration", "refresh": "bool",
    "rate_limit": "rate", "timeout": "positive", "retries": "count0", "backoff_base": "number0",
    "max_wait": "number0",
}
_KIND_TEXT = {
    "count": "a whole number of at least 1", "count0": "a whole number of at least 0",
    "positive": "a number above 0", "number0": "a number of at least 0",
    "duration": "a duration such as 30m, 24h or 2d", "bool": "true or false",
    "rate": "a number above 0 or a table {youtube = N, instagram = N}",
}


def live_values(values: Mapping[str, Any], where: str, *, unknown_ok: bool = False) -> dict[str, Any]:
    """Checked live-stats options: ints for counts, a timedelta for max_age. A bad value is a one-line
    UsageError naming `where` (the config file and table, or "live option") and the key."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        kind = LIVE_KEYS.get(key)
        if kind is None:
            if unknown_ok:
                out[key] = value
                continue
            raise UsageError(f"{where} {key}: unknown key (known: {', '.join(LIVE_KEYS)})")
        if value is None:
            continue
        out[key] = _live_value(kind, value, f"{where} {key}")
    return out


def _live_value(kind: str, value: Any, name: str) -> Any:
    bad = UsageError(f"{name} must be {_KIND_TEXT[kind]} (got {value!r})")
    if kind == "duration":
        if isinstance(value, dt.timedelta):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise bad
        try:
            age = parse_duration(str(value))
        except UsageError:
            raise bad from None
        return age
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if kind == "rate":
        if isinstance(value, Mapping):
            return {k: _live_value("positive", v, f"{name}.{k}") for k, v in value.items()}
        return _live_value("positive", value, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad
    if kind in ("count", "count0"):
        if value != int(value) or value < (1 if kind == "count" else 0):
            raise bad
        return int(value)
    if value < 0 or (kind == "positive" and value == 0):
        raise bad
    return float(value)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "": 3600, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str | dt.timedelta) -> dt.timedelta:
    """ "30m", "24h", "2d", "1w", "90s" -> timedelta (a bare number means hours).

    >>> parse_duration("2d")
    datetime.timedelta(days=2)
    """
    if isinstance(text, dt.timedelta):
        return text
    m = _DURATION.match(str(text))
    if not m:
        raise UsageError(f"not a duration: {text!r} (use e.g. 30m, 24h, 2d)")
    return dt.timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2).lower()])
