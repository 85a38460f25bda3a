"""Remembered `--map` fixes (`--save-map`): the next import of a sheet with the same header layout uses them.

Stored as JSON (default `.influkit/maps.json`, beside the default workspace database), keyed by a
fingerprint of the header layout: the folded headers in order, so a re-export with the same columns
matches whatever its rows, and a sheet whose columns changed does not.

    {"version": 1, "layouts": {"<fingerprint>": {"headers": [...], "map": {"Header": "column"}, "saved": "..."}}}
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InfluError
from ..text import fold_key

MAPS_FILE = "maps.json"
# table.meta key of the `--save-map` fixes a read found (`normalize_sheets`): (maps file, [(headers, map)]),
# saved by `save_maps` once the run that read them succeeds
MAPS_TO_SAVE = "maps_to_save"


def default_path() -> Path:
    """`maps.json` beside the default workspace database ($INFLUKIT_DB or ./.influkit/influkit.db; the
    latter for a PostgreSQL workspace): `influkit.workspace.maps_path`."""
    from ..workspace import DEFAULT, maps_path

    return maps_path(DEFAULT)


def fingerprint(headers: Sequence[str]) -> str:
    """A stable id of a header layout: folded headers in order (accents, case, spacing ignored)."""
    key = "\x1f".join(fold_key(h) for h in headers)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class MapMemory:
    """The saved maps of one file. `get(headers)` gives the remembered `{header: column}` of that layout
    (column "" keeps a header verbatim); `save(headers, mapping)` records it (merged with what was there)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"version": 1, "layouts": {}}
        except (OSError, ValueError) as exc:
            raise InfluError(f"cannot read the saved maps: {exc}", file=str(self.path)) from exc
        if not isinstance(data, dict) or not isinstance(data.get("layouts"), dict):
            raise InfluError("not an influkit maps file (no 'layouts')", file=str(self.path))
        return data

    def get(self, headers: Sequence[str]) -> dict[str, str]:
        if not self.path.exists():
            return {}
        entry = self._load()["layouts"].get(fingerprint(headers))
        if not isinstance(entry, dict):
            return {}
        mapping = entry.get("map")
        return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}

    def save(self, headers: Sequence[str], mapping: dict[str, str]) -> str:
        """Remember `mapping` for this layout; returns the layout's fingerprint. Written atomically."""
        from ..clock import utcnow

        data = self._load()
        fp = fingerprint(headers)
        entry = data["layouts"].get(fp) if isinstance(data["layouts"].get(fp), dict) else None
        merged = dict(entry.get("map", {})) if entry else {}
        merged.update(mapping)
        data["layouts"][fp] = {"headers": list(headers), "map": merged, "saved": utcnow()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".maps.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except OSError as exc:
            raise InfluError(f"cannot save the map: {exc}", file=str(self.path)) from exc
        return fp

    def forget(self, headers: Sequence[str]) -> bool:
        """Drop the saved map of this layout; True when there was one."""
        if not self.path.exists():
            return False
        data = self._load()
        if data["layouts"].pop(fingerprint(headers), None) is None:
            return False
        self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return True


def save_maps(meta: dict[str, Any]) -> None:
    """Save the `--save-map` fixes a read left in a table's `meta` (`MAPS_TO_SAVE`), at the end of a run
    that succeeded: a run refused after the read (an in-place write refused, a `--strict` issue, a
    workspace error) leaves the saved maps as they were. Each is saved once."""
    pending = meta.pop(MAPS_TO_SAVE, None)
    if not pending:
        return
    path, layouts = pending
    memory = MapMemory(path)
    for headers, mapping in layouts:
        memory.save(headers, mapping)
