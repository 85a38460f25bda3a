"""Local fake servers speaking the platforms' real wire formats (no network in tests)."""
