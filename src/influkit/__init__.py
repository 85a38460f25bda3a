"""influkit: turn a messy influencer prospecting sheet into decisions.

The library is the product; the `influkit` command is a thin layer over it. Each command is one typed
function here, taking the command's options by the same names (`store=None` is `--no-store`):

    import influkit
    influkit.enrich("list.xlsx", store=None).records()   # == influkit enrich list.xlsx --no-store -f json
    influkit.funnel("list.xlsx", store=None).to_dict()   # == influkit funnel list.xlsx --no-store -f json

See `influkit.api` and docs/python.md. Names load lazily, so `import influkit` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import (
        DEFAULT,
        CampaignReport,
        CampaignSummary,
        CreatorReport,
        LinksTable,
        ProposalReport,
        ScoredTable,
        SetReport,
        Shortlist,
        brand_check,
        brand_template,
        campaign_archive,
        campaign_edit,
        campaign_list,
        campaign_new,
        campaign_show,
        check,
        columns,
        creator,
        enrich,
        forget,
        funnel,
        history,
        history_import,
        inspect,
        links,
        load_list,
        propose,
        read_table,
        report,
        results,
        score,
        set_stage,
        shortlist,
        thresholds_table,
        workspace_copy,
    )
    from .table import Table

__all__ = [
    "DEFAULT", "CampaignReport", "InfluError", "UsageError", "CampaignSummary", "CreatorReport", "LinksTable", "ProposalReport", "ScoredTable", "SetReport",
    "Shortlist", "Table", "__version__", "brand_check", "brand_template", "campaign_archive", "campaign_edit",
    "campaign_list", "campaign_new", "campaign_show", "check", "columns", "creator", "enrich", "forget", "funnel",
    "history", "history_import", "inspect", "links", "load_list", "propose", "read_table", "report", "results",
    "score", "set_stage", "shortlist", "thresholds_table", "workspace_copy",
]


def __getattr__(name: str) -> Any:
    if name == "Table":
        from .table import Table

        return Table
    if name in ("InfluError", "UsageError"):  # what every function raises (influkit.errors)
        from . import errors

        return getattr(errors, name)
    if name in __all__:
        from . import api

        return getattr(api, name)
    # a module of the package the docs name (`influkit.chart.draw_funnel`, `influkit.progress.reporting`):
    # loaded on first use, as after `import influkit.chart` (PEP 562)
    import importlib
    import importlib.util

    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'influkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What `dir(influkit)` shows: the public functions and types (loaded on first use)."""
    return sorted(set(globals()) | set(__all__))
