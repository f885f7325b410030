"""summarize.experiment."""
