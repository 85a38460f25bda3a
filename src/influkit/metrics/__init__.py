"""Metrics computed on the canonical table. Each module documents its formula and its inputs."""
