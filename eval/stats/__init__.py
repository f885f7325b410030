"""eval.stats."""
