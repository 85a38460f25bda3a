"""Tier from followers, with the bands of `influkit.thresholds.TIERS` (or the user's)."""

from __future__ import annotations

from ..table import Table
from ..thresholds import TIERS, Tier, tier_for


def compute_tiers(table: Table, tiers: tuple[Tier, ...] = TIERS) -> None:
    kinds = table.get("row_kind")  # TOTAL / average / section rows are not creators: no tier
    table.data["tier"] = [None if kind else tier_for(f, tiers) for f, kind in zip(table.get("followers"), kinds,
                                                                                   strict=True)]
