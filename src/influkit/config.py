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
    live: dict[str, Any] = field(default_factory=dict)  # [live] table of the file: defaults for live_options
    config_file: str | None = None  # the file that was read, if any

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
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InfluError(f"cannot read the config file: {exc}", file=str(path)) from exc
    elif config_path:
        raise UsageError(f"config file not found: {path}")
    yt = _table(data, "youtube", path)
    ig = _table(data, "instagram", path)
    live = _table(data, "live", path)

    def pick(env_name: str, table: dict[str, Any], key: str) -> str | None:
        value = environ.get(env_name) or table.get(key)
        return str(value).strip() if value not in (None, "") else None

    return Settings(
        youtube_api_key=pick("YOUTUBE_API_KEY", yt, "api_key"),
        youtube_url=(pick("INFLUKIT_YOUTUBE_URL", yt, "base_url") or DEFAULT_YOUTUBE_URL).rstrip("/"),
        youtube_rate_limit=_number(yt.get("rate_limit"), "youtube.rate_limit", path),
        instagram_access_token=pick("INSTAGRAM_ACCESS_TOKEN", ig, "access_token"),
        instagram_user_id=pick("INSTAGRAM_USER_ID", ig, "user_id"),
        graph_url=(pick("INFLUKIT_GRAPH_URL", ig, "base_url") or DEFAULT_GRAPH_URL).rstrip("/"),
        instagram_rate_limit=_number(ig.get("rate_limit"), "instagram.rate_limit", path),
        live=dict(live),
        config_file=str(path) if path.is_file() else None,
    )


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InfluError(f"[{name}] must be a table", file=str(path))
    return value


def _number(value: Any, name: str, path: Path) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InfluError(f"{name} must be a positive number", file=str(path))
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
