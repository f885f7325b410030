"""summarize.models."""
