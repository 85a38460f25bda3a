"""After the deal: the campaign's published posts, checked and reported.

- `compliance.check(path_or_table, rules=("fr",), brand=None, lang=None)` -> `CheckResult`: the disclosure
  check of every post (docs/compliance.md); `compliance.check_post(caption, ...)` -> `Verdict` for one post.
- `posts`: reading a posts file or sheet and finding its columns; `rules`: rule ids, sources and reasons;
  `lexicon`: the labels and banned-promotion terms; `scan`: matching them in a caption.
"""

from __future__ import annotations

from typing import Any

__all__ = ["check", "check_post"]


def check(source: Any, **options: Any) -> Any:
    """See `influkit.campaign.compliance.check`."""
    from .compliance import check as _check

    return _check(source, **options)


def check_post(caption: str | None, **options: Any) -> Any:
    """See `influkit.campaign.compliance.check_post`."""
    from .compliance import check_post as _check_post

    return _check_post(caption, **options)
