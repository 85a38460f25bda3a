"""A report's JSON document (`-f json`) is written as it is encoded, in blocks (cli/render.write_document):
the same text json.dumps gives, for a document of many blocks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from influkit.cli.render import write_document
from influkit.thresholds.writing import JSON_PIECES


def test_a_json_document_written_in_blocks_is_the_text_json_dumps_gives(tmp_path: Path) -> None:
    follow_ups = [{"handle": f"créatrice{k}", "due": dt.date(2026, 1, 1 + k % 28), "score": k / 3, "ok": k % 2 == 0,
                   "notes": None} for k in range(JSON_PIECES // 8)]
    data = {"schema": "influkit.funnel/1", "follow_ups": follow_ups, "stages": [], "total": len(follow_ups)}
    pieces = sum(1 for _ in json.JSONEncoder(ensure_ascii=False, indent=2, default=str).iterencode(data))
    assert pieces > 3 * JSON_PIECES  # (several blocks, the last one short)
    out = tmp_path / "f.json"
    write_document(data, str(out))
    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    assert json.loads(text)["follow_ups"][3]["handle"] == "créatrice3"
