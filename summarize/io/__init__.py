"""summarize.io."""
