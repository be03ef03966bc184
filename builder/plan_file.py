"""Where the build plan lives, named apart from its reader so the CLI can look without loading YAML."""

from __future__ import annotations

from pathlib import Path

PLAN_FILE = Path("handout.yaml")
