"""After the deal: tracked links and promo codes (`links`), results matched to creators (`results`),
the disclosure check of published posts (`compliance`: `check()` -> CheckResult, `check_post()` ->
Verdict; docs/compliance.md), reading posts files (`posts`), rule ids and sources (`rules`), labels and
banned-promotion terms (`lexicon`) and matching them in a caption (`scan`).
"""
