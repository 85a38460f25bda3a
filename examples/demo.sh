#!/usr/bin/env bash
# The whole influkit job on the example files, with pipes and files only (run by `make demo`):
#   enrich -> history -> score -> shortlist -> links -> funnel -> results
# Outputs land in demo-out/ (or $DEMO_OUT); the workspace database is demo-out/workspace.db.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${DEMO_OUT:-$here/../demo-out}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export INFLUKIT_DB="$out/workspace.db"
rm -f "$INFLUKIT_DB" "$INFLUKIT_DB-wal" "$INFLUKIT_DB-shm"   # a fresh workspace for each demo
cd "$out"

step() { printf '\n== %s\n' "$*" >&2; }

step "enrich: normalise the messy French workbook, add metrics, record the workspace"
# live stats are fetched only when API keys are set (see docs/live-stats.md); exit 3 = some rows not enriched
influkit enrich "$here/prospects.xlsx" -o prospects.enriched.xlsx || [ $? -eq 3 ]
influkit enrich "$here/prospects_en.csv" --offline --no-store -o prospects_en.enriched.csv
influkit enrich "$here/prospects_wide.csv" --offline --no-store -o prospects_wide.enriched.csv

step "history: follower histories exported from Social Blade, Iconosquare and a YouTube tracker"
for f in "$here"/history/iconosquare_*_followers.csv; do
  handle="$(basename "$f" _followers.csv)"; handle="${handle#iconosquare_}"
  influkit history import "$f" --platform instagram --handle "$handle"
done
influkit history import "$here/history/socialblade_julientech_weekly.csv" --platform youtube
influkit history import "$here/history/youtube_snapshots_theo_gauvain.csv"
influkit history show amandine.glow --platform instagram --format csv > history_amandine.glow.csv

step "score: fit with the brand's values, explained (piped from enrich)"
influkit enrich "$here/prospects.xlsx" --offline -o - -q \
  | influkit score - --brand "$here/brand.toml" -o scored.csv

step "shortlist: a client-ready workbook, Markdown and identity cards"
influkit shortlist --top 15 --brand "$here/brand.toml" -o shortlist.xlsx --cards cards
influkit shortlist --top 15 -o shortlist.md

step "links: UTM links and promo codes for every scored creator"
influkit links --url "https://maison-verveine.example/serum-nuit" --utm-campaign printemps26 -o links.csv

step "funnel: conversion, time in stage, follow-ups, prospects needed for 10 deals"
influkit funnel --target-deals 10 --chart funnel.png --format json > funnel.json
influkit funnel --target-deals 10 --format csv > funnel.csv

step "results: the shop's orders matched back to creators by promo code"
influkit results "$here/orders_shopify.csv" --format csv > results.csv

step "done: outputs in $out"
ls -1 "$out" >&2
