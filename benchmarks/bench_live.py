"""Live-stats benchmark: a local fake YouTube API with 50 ms latency and a server-side rate limit.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_live.py [--channels 300] [--limit 200] [--window 50]
        [--profile FILE]   (cProfile of the client's enrich, for `python -m pstats FILE`)

Reports the requests per second reached as a share of the limit (target >= 90 %) and the quota
units spent per channel (target <= 2.05 for a 50-video window; the floor is 2 + 1/50).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from fakes.server import FakeServer  # noqa: E402
from fakes.youtube import FakeYouTube  # noqa: E402


def serve(args: argparse.Namespace, ids_out: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    """The fake API in its own process, so it does not share the GIL with the client measured."""
    fake = FakeYouTube()
    ids = [fake.add_channel(f"b{i}", args.window + 10) for i in range(args.channels)]
    with FakeServer(fake, latency=args.latency, rate_limit=args.limit) as server:
        ids_out.put((server.url, fake.key, ids))
        stop.wait()
        calls = server.calls()
        stamps = [r["t"] for r in calls]  # each answer ready (after the latency), in order
        ids_out.put(((len(stamps) - 1) / (stamps[-1] - stamps[0]), server.rejected, min(r["arrived"] for r in calls),
                     stamps[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--channels", type=int, default=300)
    ap.add_argument("--limit", type=float, default=200.0, help="server rate limit, requests/s")
    ap.add_argument("--window", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--profile", metavar="FILE", help="write a cProfile of the measured enrich to FILE")
    args = ap.parse_args()

    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    stop = mp.Event()
    proc = mp.Process(target=serve, args=(args, queue, stop), daemon=True)
    proc.start()
    url, key, ids = queue.get(timeout=60)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "bench.csv"
        csv.write_text("platform,handle\n" + "".join(f"youtube,{c}\n" for c in ids), encoding="utf-8")
        os.environ.update(YOUTUBE_API_KEY=key, INFLUKIT_YOUTUBE_URL=url + "/youtube/v3",
                          INFLUKIT_DB=str(Path(tmp) / "ws.db"), XDG_CONFIG_HOME=tmp)
        from influkit.pipeline import enrich

        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        t0, cpu0, m0 = time.perf_counter(), time.process_time(), time.monotonic()
        if profiler is not None:
            profiler.enable()
        table = enrich(str(csv), offline=False,
                       live_options={"window": args.window, "concurrency": args.concurrency,
                                     "rate_limit": args.limit, "backoff_base": 0.05})
        if profiler is not None:
            profiler.disable()
        elapsed = time.perf_counter() - t0
        m1 = time.monotonic()  # CLOCK_MONOTONIC is system-wide: comparable with the server's stamps
        cpu = time.process_time() - cpu0  # the client's CPU (the server runs in another process)
        if profiler is not None:
            profiler.dump_stats(args.profile)
        report = table.meta["live"]
        stop.set()
        steady, rejected, first, last = queue.get(timeout=60)
        proc.join(10)
        t1 = time.perf_counter()
        rerun = enrich(str(csv), offline=False, live_options={"window": args.window}).meta["live"]  # server gone
        rerun_s = time.perf_counter() - t1
    rate = report["requests"] / elapsed
    print(f"channels {args.channels}, window {args.window}, latency {args.latency * 1000:.0f} ms, "
          f"limit {args.limit:g} req/s, concurrency {args.concurrency}")
    print(f"requests {report['requests']} (server answered 429 to {rejected}), "
          f"fetched {report['fetched']}, failed {report['failed']}")
    print(f"whole enrich: {elapsed:.2f} s -> {rate:.1f} req/s = {100 * rate / args.limit:.1f} % of the limit")
    print(f"first to last request at the server: {steady:.1f} req/s = {100 * steady / args.limit:.1f} % of the limit")
    print(f"before the first request reached the server {first - m0:.2f} s, after the last answer was ready "
          f"{m1 - last:.2f} s")
    print(f"client CPU {cpu:.2f} s = {1000 * cpu / max(report['requests'], 1):.2f} ms per request "
          f"({100 * cpu / elapsed:.0f} % of one core)")
    print(f"quota units {report['quota_units']} -> {report['quota_units'] / args.channels:.3f} units per channel")
    print(f"rerun within max-age: {rerun['requests']} requests, {rerun['cached']} cached, {rerun_s:.2f} s")


if __name__ == "__main__":
    main()
