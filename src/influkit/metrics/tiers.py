"""Tier from followers, with the bands of `influkit.thresholds.TIERS` (or the user's)."""

from __future__ import annotations

from ..table import Table
from ..thresholds import TIERS, Tier, tier_for


def compute_tiers(table: Table, tiers: tuple[Tier, ...] = TIERS) -> None:
    table.data["tier"] = [tier_for(f, tiers) for f in table.get("followers")]
