from __future__ import annotations

from pathlib import Path

import pytest

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _isolated_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes a workspace database outside its own tmp folder."""
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "workspace" / "influkit.db"))
    monkeypatch.delenv("INFLUKIT_DEBUG", raising=False)
    for key in ("YOUTUBE_API_KEY", "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is not present")
    return DATASETS
