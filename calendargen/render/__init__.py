"""Renderers: occurrences in, file contents out. None of them writes a file."""
