"""summarize.text."""
