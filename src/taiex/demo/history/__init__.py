"""Thirty years of generated history at the instrument's scale (DOMAIN.md, "Scale"), loaded in
bulk for benchmarks: `manage.py generate_history`. Deterministic from a seed."""

from .generator import HistoryGenerator, holds_data
from .scale import Scale

__all__ = ["HistoryGenerator", "Scale", "holds_data"]
