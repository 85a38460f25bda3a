"""The `influkit` command line: a thin Typer layer, one module per command (see app.py)."""
