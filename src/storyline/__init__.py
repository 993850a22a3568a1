"""storyline: from raw news articles about one story to one brief a reader can trust."""

__version__ = "0.1.0"
