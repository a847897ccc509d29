"""Tools for content staff: the data linter, the spreadsheet round-trip and test summaries.

See docs/content-guide.md (Japanese) for how staff use them.
"""
