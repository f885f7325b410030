"""Language data, one module per language (rules as data; the code that applies them is in :mod:`summarize.text`)."""
