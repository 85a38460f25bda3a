"""Reading, normalising and writing sheets."""
