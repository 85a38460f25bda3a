"""Live stats providers (YouTube Data API v3, Instagram Graph API business discovery).

Entry point: `influkit.providers.live.run_live(table, store, options)`. Modules import httpx lazily
so `influkit --help` stays fast.
"""
